import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Page } from 'playwright-core';
import { launchChromiumWithExtension, type ExtensionBrowser } from '../browser/launch-chromium';
import { alternate, type AlternateOptions } from './alternate';
import type { BenchBrowser, ConsumeOptions, ConsumeResult, Side } from './bench-browser';
import type { BenchServer } from './bench-server';
import { browserCpu, cpuSince, type BrowserCpu } from './process-cpu';
import type { FigureResult } from './report-table';
import { median, MiB, ms, msRange, pairedRatio, ratio } from './stats';
import { nextRunId, type AnswerTemplate } from './synthetic-answer';

export const TARGET_RATIO = 1.1;
const CAPTURE_TIMEOUT_MS = 20_000;
/** Reading the store costs the extension's process CPU too; a slower poll keeps that out of the figures. */
const CAPTURE_POLL_MS = 100;

interface SideRun {
  result: ConsumeResult;
  cpu: BrowserCpu;
}

/**
 * Figures 1b–1d: the page's time with and without the extension as a user feels it — each side in
 * its own Chromium (same flags; the "off" one carries an inert extension with an empty service
 * worker, so both launches have the same process layout) — and what the whole browser spends
 * on CPU meanwhile, from /proc (see process-cpu.ts): the service worker thread per MB, and the
 * extension's share of all the browser's CPU while the stream plays.
 */
export async function measureSeparateBrowsers(
  browser: BenchBrowser,
  server: BenchServer,
  answer: AnswerTemplate,
  options: AlternateOptions,
): Promise<FigureResult[]> {
  server.addAnswer('separate', answer);
  const path = (run: string): string => `/v1/chat/completions?answer=separate&run=${run}`;
  const off = await launchOffBrowser();
  try {
    const offPage = await off.browser.context.newPage();
    // The very same URL as the on side: only the extension differs.
    await offPage.goto(`${server.onOrigin}/bench/page.html`);
    const offCdp = await off.browser.context.newCDPSession(offPage);
    const onTab = browser.tab.on;

    const runOnce = async (side: Side): Promise<SideRun> => {
      const run = nextRunId();
      const page = side === 'on' ? onTab.page : offPage;
      await page.bringToFront();
      await (side === 'on' ? onTab.cdp : offCdp).send('HeapProfiler.collectGarbage');
      const group = side === 'on' ? browser.vk.pid : off.browser.pid;
      const before = browserCpu(group);
      const result = await consume(page, `${server.onOrigin}${path(run)}`, { chat: true });
      if (result.status !== 200 || result.bytes !== answer.bytes.length) {
        throw new Error(`the ${side} browser read ${result.bytes} bytes (status ${result.status}), expected ${answer.bytes.length}`);
      }
      // Until the capture is stored: the extension's whole cost of this stream is in the window.
      if (side === 'on') await browser.awaitCapture(answer.entryId(run), CAPTURE_TIMEOUT_MS, undefined, CAPTURE_POLL_MS);
      else await sleep(CAPTURE_POLL_MS);
      return { result, cpu: cpuSince(before, browserCpu(group)) };
    };

    const pairs = await alternate(options, runOnce);
    const megabytes = answer.bytes.length / MiB;
    const elapsed = (side: Side): number[] => pairs.map((pair) => pair[side].result.elapsedMs);
    const cpu = (side: Side, key: keyof BrowserCpu): number[] => pairs.map((pair) => pair[side].cpu[key]);
    const timeRatio = pairedRatio(pairs.map((pair) => ({ on: pair.on.result.elapsedMs, off: pair.off.result.elapsedMs })));

    const workerPerMb = median(cpu('on', 'serviceWorker')) / megabytes;
    const pageOffPerMb = median(cpu('off', 'pageMain')) / megabytes;
    const pageAddedPerMb = median(pairs.map((pair) => pair.on.cpu.pageMain - pair.off.cpu.pageMain)) / megabytes;
    const totalRatio = pairedRatio(pairs.map((pair) => ({ on: pair.on.cpu.total, off: pair.off.cpu.total })));
    const share = median(pairs.map((pair) => (pair.on.cpu.total - pair.off.cpu.total) / pair.on.cpu.total));
    const how = `${pairs.length} pairs after ${options.warmupPairs} warm-up, alternating order, medians`;

    return [
      {
        figure: 'page reads 7 MB, separate browsers (on ÷ off)',
        measured: ms(median(elapsed('on'))),
        baseline: ms(median(elapsed('off'))),
        ratio: ratio(timeRatio),
        target: `≤ ${TARGET_RATIO.toFixed(2)}`,
        met: timeRatio <= TARGET_RATIO,
        notes: [
          `one Chromium with the extension (the bench's on tab), one without (same flags, an inert extension); the same URL; ${how} of per-pair ratios`,
          `on ${msRange(elapsed('on'))}, off ${msRange(elapsed('off'))}`,
          `page renderer main thread on CPU (/proc schedstat, request → capture stored): on ${ms(median(cpu('on', 'pageMain')))}, ` +
            `off ${ms(median(cpu('off', 'pageMain')))}; added ${ms(pageAddedPerMb)} per MB`,
        ],
      },
      {
        figure: 'background CPU per MB (÷ page reading it)',
        measured: `${ms(workerPerMb)}/MB`,
        baseline: `${ms(pageOffPerMb)}/MB`,
        ratio: ratio(workerPerMb / pageOffPerMb),
        target: '—',
        met: undefined,
        notes: [
          `the service worker thread's CPU time (/proc schedstat) from the request until the capture is stored, per MB of the stream; ` +
            `baseline: the main thread of the page reading the same stream without the extension; ${how}`,
          `service worker per run: ${msRange(cpu('on', 'serviceWorker'))}`,
        ],
      },
      {
        figure: "extension's share of browser CPU during a stream",
        measured: `${(share * 100).toFixed(1)} %`,
        baseline: ms(median(cpu('off', 'total'))),
        ratio: ratio(totalRatio),
        target: '—',
        met: undefined,
        notes: [
          `every thread of each launch (browser, network, GPU, renderers, extension), /proc schedstat, request → capture stored; ` +
            `share = (on − off) ÷ on per pair; ratio = all CPU on ÷ off; baseline = all CPU of the browser without the extension`,
          `all CPU on ${msRange(cpu('on', 'total'))}, off ${msRange(cpu('off', 'total'))}; the store is read every ${CAPTURE_POLL_MS} ms ` +
            `from an extension page to see when the capture is stored (a few ms of the on side)`,
        ],
      },
    ];
  } finally {
    await off.close();
  }
}

async function consume(page: Page, url: string, options: ConsumeOptions): Promise<ConsumeResult> {
  return page.evaluate(
    ([target, opts]) =>
      (window as unknown as { bench: { consume(url: string, options: ConsumeOptions): Promise<ConsumeResult> } }).bench.consume(target, opts),
    [url, options] as const,
  );
}

/** A Chromium launched exactly like the bench's, with an extension that does nothing. */
async function launchOffBrowser(): Promise<{ browser: ExtensionBrowser; close(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'video-keeper-bench-off-'));
  const extensionPath = join(dir, 'inert-extension');
  const downloadsDir = join(dir, 'downloads');
  await mkdir(extensionPath, { recursive: true });
  await writeFile(
    join(extensionPath, 'manifest.json'),
    JSON.stringify({ manifest_version: 3, name: 'inert', version: '1.0', background: { service_worker: 'background.js' } }),
  );
  await writeFile(join(extensionPath, 'background.js'), '// nothing: the bench\'s "extension off" browser\n');
  const browser = await launchChromiumWithExtension({ extensionPath, headless: !process.env.HEADED, downloadsDir });
  return {
    browser,
    async close() {
      await browser.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
