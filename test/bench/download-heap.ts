import { alternate, type AlternateOptions } from './alternate';
import { heapBytesOf, type BenchBrowser, type BenchTab, type Side } from './bench-browser';
import type { FigureResult } from './report-table';
import { sampleWhile } from './sample-while';
import { median, mib, MiB, ms } from './stats';

/** A copy would hold up to the relay's 16 Mi characters; in-flight chunks vary by a few MB. */
export const TARGET_EXTRA_BYTES = 2 * MiB;
const CONTROL_BYTES = 24 * MiB;

export interface DownloadHeapOptions extends AlternateOptions {
  bytes: number;
  sampleMs: number;
}

interface DownloadRun {
  /** Per sample, taken right after a forced GC: JS heap + ArrayBuffer backing stores over the value before. */
  live: number[];
  /** Per sample: the JS heap alone over the value before (where a decoded copy would live). */
  js: number[];
  /** Per sample: resident memory of the tabs' renderer processes over the value before. */
  rss: number[];
  elapsedMs: number;
}

/**
 * Figure 6: the page's live memory while it reads a 300 MB `application/octet-stream` download
 * with a stream reader (dropping every chunk), on vs off. The extension must not copy bodies
 * that cannot hold a chat answer, so the page holds the same either way. A control pair serves
 * 24 MB of the same filler as a slow `text/event-stream`, which the extension does copy: it shows
 * what a copy looks like in this measurement.
 */
export async function measureDownloadHeap(browser: BenchBrowser, options: DownloadHeapOptions): Promise<FigureResult> {
  const download = (query: string, bytes: number) => async (side: Side): Promise<DownloadRun> => {
    const tab = browser.tab[side];
    await tab.prepare();
    const before = await usage(tab);
    const rssBefore = browser.tabRenderersRss();
    // Each sample follows a forced GC: chunks the page already dropped are garbage, not a copy;
    // what survives is in flight or held by someone (a tee's unread branch, a relay's text).
    const sample = async (): Promise<{ live: number; js: number; rss: number }> => {
      const rss = browser.tabRenderersRss() - rssBefore;
      await tab.collectGarbage();
      const now = await usage(tab);
      return { live: now.live - before.live, js: now.js - before.js, rss };
    };
    const { result, samples } = await sampleWhile(
      // A chat-like path on purpose: the content type alone must keep the extension out.
      tab.consume(`/v1/videos/export?bytes=${bytes}&${query}`, {}),
      sample,
      options.sampleMs,
    );
    if (result.bytes !== bytes) throw new Error(`the ${side} tab read ${result.bytes} bytes`);
    return {
      live: samples.map((item) => item.live),
      js: samples.map((item) => item.js),
      rss: samples.map((item) => item.rss),
      elapsedMs: result.elapsedMs,
    };
  };

  const pairs = await alternate(options, download('type=octet-stream', options.bytes));
  // 24 MB in 3 s, so the copy is still held (the relay keeps it until the background has it
  // stored) while the samples are taken.
  const control = await alternate(
    { pairs: 1, warmupPairs: 0 },
    download(`type=event-stream&perSecond=${CONTROL_BYTES / 3}`, CONTROL_BYTES),
  );
  const pooled = (list: typeof pairs, side: Side, key: 'live' | 'js' | 'rss'): number[] =>
    list.flatMap((pair) => pair[side][key]);
  const largest = (list: typeof pairs, side: Side, key: 'live' | 'js'): string => mib(Math.max(...pooled(list, side, key)), true);
  const typical = (list: typeof pairs, side: Side, key: 'live' | 'rss'): string => mib(median(pooled(list, side, key)), true);
  const on = median(pooled(pairs, 'on', 'live'));
  const off = median(pooled(pairs, 'off', 'live'));
  const extra = on - off;
  const elapsed = (side: Side): number => median(pairs.map((pair) => pair[side].elapsedMs));

  return {
    figure: `page memory while a ${Math.round(options.bytes / MiB)} MB download streams`,
    measured: mib(on, true),
    baseline: mib(off, true),
    ratio: `Δ ${mib(extra, true)}`,
    target: `Δ ≈ 0 (≤ ${mib(TARGET_EXTRA_BYTES)})`,
    met: extra <= TARGET_EXTRA_BYTES,
    notes: [
      `application/octet-stream with content-length from /v1/videos/export, read with a stream reader and dropped; ` +
        `live memory = Runtime.getHeapUsage used + backingStorage right after a forced GC, every ${options.sampleMs} ms, ` +
        `over its value before; median of all samples (${pooled(pairs, 'on', 'live').length} on, ` +
        `${pooled(pairs, 'off', 'live').length} off) of ${pairs.length} pairs after ${options.warmupPairs} warm-up`,
      `largest sample: on ${largest(pairs, 'on', 'live')}, off ${largest(pairs, 'off', 'live')} (chunks in flight); ` +
        `JS heap alone, largest: on ${largest(pairs, 'on', 'js')}, off ${largest(pairs, 'off', 'js')}`,
      `renderer RSS growth, median: on ${typical(pairs, 'on', 'rss')}, off ${typical(pairs, 'off', 'rss')}; ` +
        `read time: on ${ms(elapsed('on'))}, off ${ms(elapsed('off'))}`,
      `control, ${mib(CONTROL_BYTES)} of the filler as a text/event-stream at 8 MB/s (the extension copies it): ` +
        `live median on ${typical(control, 'on', 'live')}, off ${typical(control, 'off', 'live')}; ` +
        `JS heap largest on ${largest(control, 'on', 'js')}, off ${largest(control, 'off', 'js')}`,
    ],
  };
}

async function usage(tab: BenchTab): Promise<{ live: number; js: number }> {
  const heap = await tab.cdp.send('Runtime.getHeapUsage');
  return { live: heapBytesOf(heap), js: heap.usedSize };
}
