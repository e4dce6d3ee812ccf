import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { launchChromiumWithExtension } from '../browser/launch-chromium';
import { makeTestCertificate } from '../browser/test-certificate';
import { alternate, type AlternateOptions } from './alternate';
import { formatTimeByOwner, profileMainThread } from './cpu-profile';
import type { Side } from './bench-browser';
import type { FigureResult } from './report-table';
import { median, ms, msRange, pairedDifference, pairedRatio, ratio } from './stats';

/** A video app's page (Kling's: every JSON answer of its hosts is copied there) and a host no capture script runs on. */
const HOSTS: Record<Side, string> = { on: 'app.klingai.com', off: 'app.plain-video.test' };
/**
 * Main-thread time the extension may add per JSON call of a video app's page: half a 60 Hz frame,
 * so the copy of one answer can never cost the page a frame by itself.
 */
export const TARGET_MS_PER_CALL = 8;

export interface AppPageOptions extends AlternateOptions {
  /** JSON calls per run, as a page polls its tasks and lists for about a minute. */
  calls: number;
}

/** One run of the page's calls: its wall time and the main thread's busy time (CDP `TaskDuration`). */
interface CallsRun {
  elapsedMs: number;
  taskMs: number;
}

/**
 * What copying every JSON answer of a video app's own hosts (src/capture/should-copy-body.ts)
 * costs the page: a page at a video app's real host name makes `calls` small JSON calls (Kling's
 * recorded 3 KB task poll, by fetch and XHR in turn, each read whole as apps do) with the extension
 * capturing there, against the same page at a host the extension leaves alone, in one browser,
 * pairs alternating. Served over HTTPS with a certificate made for the run, so the manifest's
 * match patterns apply as in the field.
 */
export async function measureAppPageCalls(extensionDir: string, options: AppPageOptions): Promise<FigureResult[]> {
  const hosts = Object.values(HOSTS);
  // Nothing is downloaded here; the run's own folder is removed after.
  const downloadsDir = await mkdtemp(join(tmpdir(), 'video-keeper-bench-app-'));
  const server = createServer(await makeTestCertificate(hosts), (request, response) => {
    const url = new URL(request.url ?? '/', 'https://bench.invalid');
    if (url.pathname === '/bench/app.html') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return response.end(PAGE);
    }
    response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    response.end(pollAnswer(Number(url.searchParams.get('i') ?? 0)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const vk = await launchChromiumWithExtension({
    extensionPath: extensionDir,
    headless: !process.env.HEADED,
    downloadsDir,
    extraArgs: [`--host-resolver-rules=${hosts.map((host) => `MAP ${host} 127.0.0.1:${port}`).join(', ')}`, '--ignore-certificate-errors'],
  });
  try {
    // A fresh install registers the video apps' capture scripts at run time (src/sites/video-app-access.ts).
    const worker = await vk.serviceWorker();
    for (let tries = 0; ; tries += 1) {
      const registered = await worker.evaluate(async () =>
        (await (globalThis as unknown as ScriptingGlobals).chrome.scripting.getRegisteredContentScripts()).map((script) => script.id),
      );
      if (registered.includes('app:page:kling')) break;
      if (tries > 200) throw new Error(`Kling's capture script was never registered (${registered.join(', ')})`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const tabs = {} as Record<Side, { page: Page; cdp: CDPSession }>;
    for (const side of ['on', 'off'] as const) {
      const page = await vk.context.newPage();
      await page.goto(`https://${HOSTS[side]}:${port}/bench/app.html`);
      const cdp = await vk.context.newCDPSession(page);
      await cdp.send('Performance.enable');
      tabs[side] = { page, cdp };
    }

    const taskMs = async (cdp: CDPSession): Promise<number> => {
      const { metrics } = await cdp.send('Performance.getMetrics');
      return (metrics.find((metric) => metric.name === 'TaskDuration')?.value ?? 0) * 1000;
    };
    const pairs = await alternate<CallsRun>(options, async (side) => {
      const { page, cdp } = tabs[side];
      await page.bringToFront();
      const before = await taskMs(cdp);
      const elapsedMs = await page.evaluate((calls) => (window as unknown as BenchApp).runCalls(calls), options.calls);
      return { elapsedMs, taskMs: (await taskMs(cdp)) - before };
    });
    // The answers must have been copied and read on the video app's page, or the figure measures nothing.
    const kept = await keptEntries(await vk.context.newPage(), vk.extensionId);
    if (kept !== options.calls) throw new Error(`${kept} entries kept from https://${HOSTS.on}'s ${options.calls} tasks: the capture script did not run there, or lost some`);
    // Where the on page's main-thread time goes: the page's own scripts, the capture script, the relay.
    const owners = await profileMainThread(tabs.on.cdp, () => tabs.on.page.evaluate((calls) => (window as unknown as BenchApp).runCalls(calls), options.calls));
    const busy = pairs.map(({ on, off }) => ({ on: on.taskMs, off: off.taskMs }));
    const wall = pairs.map(({ on, off }) => ({ on: on.elapsedMs, off: off.elapsedMs }));
    const perCall = pairedDifference(busy) / options.calls;
    return [
      {
        figure: `video app page: ${options.calls} small JSON calls, main-thread time (on − off per call)`,
        measured: ms(perCall),
        baseline: `${ms(median(busy.map((pair) => pair.off)) / options.calls)} per call off`,
        ratio: ratio(pairedRatio(busy)),
        target: `≤ ${TARGET_MS_PER_CALL} ms per call`,
        met: perCall <= TARGET_MS_PER_CALL,
        notes: [
          `${options.pairs} pairs of ${options.calls} calls (fetch and XHR in turn, each a recorded 3 KB Kling poll answer) at https://${HOSTS.on} (every answer copied) ÷ https://${HOSTS.off} (no capture script); main-thread busy time per run on ${msRange(busy.map((pair) => pair.on))}, off ${msRange(busy.map((pair) => pair.off))}.`,
          `On the video app page, main-thread self time of one run by owner: ${formatTimeByOwner(owners)}.`,
          `At 40 such calls a minute (an app page polling its tasks and lists), that is ${((perCall * 40) / 600).toFixed(2)} % of the page's main thread.`,
          `All ${kept} tasks of the on page's answers kept (read by Kling's rule or the generic task reader).`,
          `Wall time of the ${options.calls} calls on ÷ off: ${ratio(pairedRatio(wall))} (on ${msRange(wall.map((pair) => pair.on))}, off ${msRange(wall.map((pair) => pair.off))}).`,
        ],
      },
    ];
  } finally {
    await vk.close();
    await new Promise((resolve) => server.close(resolve));
    await rm(downloadsDir, { recursive: true, force: true });
  }
}

/** How many entries the library holds, read in the extension's own origin. */
async function keptEntries(page: Page, extensionId: string): Promise<number> {
  await page.goto(`chrome-extension://${extensionId}/manifest.json`);
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('video-keeper');
        open.onerror = () => reject(open.error ?? new Error('open failed'));
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('videos')) return resolve(0);
          const request = db.transaction('videos').objectStore('videos').count();
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error ?? new Error('count failed'));
        };
      }),
  );
}

type ScriptingGlobals = { chrome: { scripting: { getRegisteredContentScripts(): Promise<Array<{ id: string }>> } } };

interface BenchApp {
  runCalls(calls: number): Promise<number>;
}

/** Kling's answer to a poll of a done task, as recorded (test/fixtures/sites/kling/), about 3 KB. */
const DONE_POLL = readFileSync('test/fixtures/sites/kling/status.done.json', 'utf8');
const RECORDED_TASK_ID = '306329708257035';

/** The recorded poll answer, for a task of its own per call (each is a new entry, as a page polling new tasks makes). */
function pollAnswer(index: number): string {
  const { body } = (JSON.parse(DONE_POLL) as { response: { body: unknown } }).response;
  return JSON.stringify(body).replaceAll(RECORDED_TASK_ID, String(700_000_000_000_000 + index));
}

// The calls a video app's page makes, by fetch and XHR in turn (axios, the apps' own clients).
const PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>video app</title></head><body><main>video app</main>
<script>
window.runCalls = async (calls) => {
  const started = performance.now();
  for (let index = 0; index < calls; index += 1) {
    // Paced, as a polling page is: back to back, the calls would pass the relay's flood guard.
    if (index > 0) await new Promise((resolve) => setTimeout(resolve, 10));
    const url = '/api/task/status?taskId=' + index + '&i=' + index;
    if (index % 2 === 0) {
      await (await fetch(url)).json();
    } else {
      await new Promise((resolve, reject) => {
        const xhr = new XMLHttpRequest();
        xhr.open('GET', url);
        xhr.responseType = 'json';
        xhr.onload = () => resolve(xhr.response);
        xhr.onerror = () => reject(new Error('xhr failed'));
        xhr.send();
      });
    }
  }
  return performance.now() - started;
};
</script></body></html>`;
