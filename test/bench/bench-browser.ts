import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CDPSession, Page, Worker } from 'playwright-core';
import type { VideoEntry } from '@/src/store/video-entry';
import { launchChromiumWithExtension, type ExtensionBrowser } from '../browser/launch-chromium';
import { OFF_HOST, type BenchServer } from './bench-server';
import { attachToTarget, type TargetSession } from './target-session';

/** Which tab a run goes to: the captured origin, or the one the content scripts do not match. */
export type Side = 'on' | 'off';

/**
 * How the bench page reads: `chat` POSTs a chat request, `timed` stamps every chunk, `parse`
 * decodes and JSON-parses every event, `tee` also drains a `clone()` of the response itself.
 */
export interface ConsumeOptions {
  chat?: boolean;
  timed?: boolean;
  parse?: boolean;
  tee?: boolean;
}

/** What the bench page's `consume()` reports. */
export interface ConsumeResult {
  elapsedMs: number;
  bytes: number;
  chunks: number;
  status: number;
  /** Flat [wall clock ms, bytes so far, …] per chunk, when timed. */
  marks?: number[];
}

/** One tab on the bench page, with its own CDP session. */
export interface BenchTab {
  side: Side;
  origin: string;
  page: Page;
  cdp: CDPSession;
  /** Fetches `path` and reads its body to the end. */
  consume(path: string, options: ConsumeOptions): Promise<ConsumeResult>;
  /** The page's high-resolution wall clock − the system clock, ms (see the bench page). */
  clockSkew(durationMs: number): Promise<number>;
  /** V8 heap in use plus ArrayBuffer backing stores, bytes (the whole renderer isolate: page and content scripts). */
  heapBytes(): Promise<number>;
  collectGarbage(): Promise<void>;
  /** Brings the tab to the front (a hidden tab gets no frames) and collects garbage: before every run. */
  prepare(): Promise<void>;
  /** Loads the bench page again: a fresh page world and relay (ends whatever the extension still does there). */
  reload(): Promise<void>;
}

/** The extension's IndexedDB, read from an extension page that runs none of the extension's code. */
export interface LibraryProbe {
  entry(id: string): Promise<VideoEntry | undefined>;
  /** Polls (every `pollMs`, default 25) until the entry exists and `accept` holds; throws after `timeoutMs`. */
  waitFor(id: string, accept: (entry: VideoEntry) => boolean, timeoutMs: number, pollMs?: number): Promise<VideoEntry>;
}

export interface BenchBrowser {
  vk: ExtensionBrowser;
  /** `chrome-extension://<id>/popup.html` */
  popupUrl: string;
  tab: Record<Side, BenchTab>;
  library: LibraryProbe;
  /**
   * Waits until the on tab's run `entryId` is stored as `done` (or `accept`s). When it is not
   * within `timeoutMs`, reloads the on tab (so a stuck capture stops using the CPU) and throws
   * with what the store and the service worker's log say. `pollMs` (default 25): how often the
   * store is read; each read costs the extension's process a little CPU.
   */
  awaitCapture(entryId: string, timeoutMs: number, accept?: (entry: VideoEntry) => boolean, pollMs?: number): Promise<VideoEntry>;
  /** A CDP session on the extension's service worker (attached anew each call). */
  workerSession(): Promise<TargetSession>;
  /** Resident memory of the tabs' renderer processes (not the extension's), bytes. */
  tabRenderersRss(): number;
  close(): Promise<void>;
}

/**
 * One Chromium with the extension and two tabs on the bench page: `on` at 127.0.0.1 (the content
 * scripts run there) and `off` at OFF_HOST (they do not). Same browser, same flags, same server
 * socket: the only difference between the tabs is whether the extension's scripts are injected.
 */
export async function launchBenchBrowser(server: BenchServer, extensionPath: string): Promise<BenchBrowser> {
  const downloadsDir = await mkdtemp(join(tmpdir(), 'video-keeper-bench-downloads-'));
  const vk = await launchChromiumWithExtension({
    extensionPath,
    headless: !process.env.HEADED,
    downloadsDir,
    // Chromium resolves *.localhost to loopback on its own; the rule pins it to the same IPv4 socket.
    extraArgs: [`--host-resolver-rules=MAP ${OFF_HOST} 127.0.0.1`],
  });
  try {
    const openTab = async (side: Side): Promise<BenchTab> => {
      const origin = side === 'on' ? server.onOrigin : server.offOrigin;
      const page = await vk.context.newPage();
      await page.goto(`${origin}/bench/page.html`);
      const cdp = await vk.context.newCDPSession(page);
      const tab: BenchTab = {
        side,
        origin,
        page,
        cdp,
        consume: (path, options) =>
          page.evaluate(
            ([url, opts]) => (window as unknown as BenchWindow).bench.consume(url, opts),
            [`${origin}${path}`, options] as const,
          ),
        clockSkew: (durationMs) =>
          page.evaluate((duration) => (window as unknown as BenchWindow).bench.clockSkew(duration), durationMs),
        heapBytes: async () => heapBytesOf(await cdp.send('Runtime.getHeapUsage')),
        collectGarbage: async () => {
          await cdp.send('HeapProfiler.collectGarbage');
        },
        prepare: async () => {
          await page.bringToFront();
          await tab.collectGarbage();
        },
        reload: async () => {
          await page.goto(`${origin}/bench/page.html`);
        },
      };
      return tab;
    };
    // Whether capture really runs in one tab and not in the other is checked by the figures:
    // every on run must be stored, no off run may be.
    const tab = { on: await openTab('on'), off: await openTab('off') };

    const probePage = await vk.context.newPage();
    await probePage.goto(`chrome-extension://${vk.extensionId}/manifest.json`);
    const library = createLibraryProbe(probePage);

    // The service worker's warnings (refused messages, replays) explain a capture that stalls.
    const workerLog: string[] = [];
    const listen = (worker: Worker): void => {
      worker.on('console', (message) => {
        workerLog.push(message.text());
        if (workerLog.length > 200) workerLog.shift();
      });
    };
    vk.context.serviceWorkers().forEach(listen);
    vk.context.on('serviceworker', listen);

    return {
      vk,
      popupUrl: `chrome-extension://${vk.extensionId}/${popupPath(extensionPath)}`,
      tab,
      library,
      async awaitCapture(entryId, timeoutMs, accept = (entry) => entry.status === 'done', pollMs) {
        workerLog.length = 0;
        try {
          return await library.waitFor(entryId, accept, timeoutMs, pollMs);
        } catch (error) {
          const log = [...new Set(workerLog)].slice(0, 5).join(' | ');
          await tab.on.reload();
          const reason = error instanceof Error ? error.message : String(error);
          throw new Error(`the extension did not store ${entryId} in time: ${reason}; service worker said: ${log || 'nothing'}`);
        }
      },
      tabRenderersRss: () => renderersRss(vk.pid),
      async workerSession() {
        await vk.serviceWorker();
        const { targetInfos } = await vk.cdp.send('Target.getTargets');
        const target = targetInfos.find(
          (info) => info.type === 'service_worker' && info.url.startsWith(`chrome-extension://${vk.extensionId}/`),
        );
        if (!target) throw new Error("the extension's service worker is not running");
        return attachToTarget(vk.cdp, target.targetId);
      },
      async close() {
        await vk.close();
        await rm(downloadsDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await vk.close();
    await rm(downloadsDir, { recursive: true, force: true });
    throw error;
  }
}

interface BenchWindow {
  bench: {
    consume(url: string, options: ConsumeOptions): Promise<ConsumeResult>;
    clockSkew(durationMs: number): number;
  };
}

function popupPath(extensionPath: string): string {
  const manifest = JSON.parse(readFileSync(join(extensionPath, 'manifest.json'), 'utf8')) as {
    action?: { default_popup?: string };
  };
  return manifest.action?.default_popup ?? 'popup.html';
}

/** `Runtime.getHeapUsage` → JS heap in use + ArrayBuffer backing stores (where body chunks live). */
export function heapBytesOf(usage: { usedSize: number; backingStorageSize?: number }): number {
  return usage.usedSize + (usage.backingStorageSize ?? 0);
}

function createLibraryProbe(page: Page): LibraryProbe {
  const read = (id: string): Promise<VideoEntry | undefined> =>
    page.evaluate(
      (key) =>
        new Promise<VideoEntry | undefined>((resolve, reject) => {
          const open = indexedDB.open('video-keeper');
          open.onerror = () => reject(open.error ?? new Error('open failed'));
          open.onsuccess = () => {
            const db = open.result;
            if (!db.objectStoreNames.contains('videos')) {
              db.close();
              resolve(undefined);
              return;
            }
            const request = db.transaction('videos').objectStore('videos').get(key);
            request.onsuccess = () => {
              db.close();
              resolve(request.result as VideoEntry | undefined);
            };
            request.onerror = () => reject(request.error ?? new Error('read failed'));
          };
        }),
      id,
    );
  const probe: LibraryProbe = {
    entry: read,
    async waitFor(id, accept, timeoutMs, pollMs = 25) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const entry = await probe.entry(id);
        if (entry && accept(entry)) return entry;
        if (Date.now() > deadline) {
          const now = entry
            ? `${entry.status}, progress ${entry.progress}, last written ${entry.updatedAt - entry.createdAt} ms after it was created`
            : 'not stored at all';
          throw new Error(`entry ${id} not stored as expected within ${timeoutMs} ms (it is ${now})`);
        }
        await new Promise((resolve) => setTimeout(resolve, pollMs));
      }
    },
  };
  return probe;
}

/** Sums VmRSS of the browser's renderer processes that are not the extension's (Linux; NaN elsewhere). */
function renderersRss(browserPid: number): number {
  if (!existsSync('/proc/self/status')) return Number.NaN;
  let total = 0;
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const pgrp = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
      if (pgrp !== browserPid) continue;
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmdline.includes('--type=renderer') || cmdline.includes('--extension-process')) continue;
      const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
      total += Number(rss ?? 0) * 1024;
    } catch {
      // the process ended while we looked
    }
  }
  return total;
}
