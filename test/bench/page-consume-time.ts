import { setTimeout as sleep } from 'node:timers/promises';
import { alternate, type AlternateOptions } from './alternate';
import type { BenchBrowser, ConsumeResult, Side } from './bench-browser';
import type { BenchServer } from './bench-server';
import { formatTimeByOwner, profileMainThread, type TimeByOwner } from './cpu-profile';
import type { FigureResult } from './report-table';
import { median, mib, ms, msRange, pairedRatio, ratio } from './stats';
import { nextRunId, type AnswerTemplate } from './synthetic-answer';

export const TARGET_RATIO = 1.02;
/** The background stores a 7 MB answer within a second or two; far longer means it is stuck. */
const CAPTURE_TIMEOUT_MS = 20_000;

export interface PageConsumeOptions extends AlternateOptions {
  /** Pairs of the second reader, which decodes and parses every event like a chat UI. */
  parsePairs: number;
}

/**
 * Figure 1: how long the page takes to fetch and read a 7 MB, 60 000-event chat stream to its
 * end, with the extension capturing it ÷ without. The server sends the stream as fast as the
 * page reads it (16 KiB writes with backpressure), so the page's main thread is the bottleneck
 * and every cost the extension adds there can show. The figure uses a reader that only counts
 * bytes (the strictest case); a chat-like reader (decode + JSON.parse per event) is in the notes.
 */
export async function measurePageConsumeTime(
  browser: BenchBrowser,
  server: BenchServer,
  answer: AnswerTemplate,
  options: PageConsumeOptions,
): Promise<FigureResult> {
  server.addAnswer('consume', answer);
  const offRuns: string[] = [];
  const storedAfter: number[] = [];
  const path = (run: string): string => `/v1/chat/completions?answer=consume&run=${run}`;

  const runOnce = async (side: Side, parse: boolean): Promise<ConsumeResult> => {
    const tab = browser.tab[side];
    const run = nextRunId();
    await tab.prepare();
    const result = await tab.consume(path(run), { chat: true, parse });
    if (result.status !== 200 || result.bytes !== answer.bytes.length) {
      throw new Error(`the ${side} tab read ${result.bytes} bytes (status ${result.status}), expected ${answer.bytes.length}`);
    }
    if (side === 'on') {
      // Also keeps runs apart: the next one starts once the background has stored this one.
      const readAt = Date.now();
      const entry = await browser.awaitCapture(answer.entryId(run), CAPTURE_TIMEOUT_MS);
      if (entry.videoUrl !== answer.videoUrl(run)) throw new Error(`run ${run} stored ${entry.videoUrl}`);
      storedAfter.push(Date.now() - readAt);
    } else {
      offRuns.push(run);
      await sleep(50);
    }
    return result;
  };

  const pairs = await alternate(options, (side) => runOnce(side, false));
  const parsed = await alternate({ pairs: options.parsePairs, warmupPairs: 1 }, (side) => runOnce(side, true));
  for (const run of offRuns) {
    if (await browser.library.entry(answer.entryId(run))) throw new Error(`the off tab's run ${run} was captured`);
  }

  const elapsed = (list: typeof pairs, side: Side): number[] => list.map((pair) => pair[side].elapsedMs);
  const ratioOf = (list: typeof pairs): number =>
    pairedRatio(list.map((pair) => ({ on: pair.on.elapsedMs, off: pair.off.elapsedMs })));
  const value = ratioOf(pairs);

  // Where the main thread's time goes, in one more run of each side, from the request until the
  // extension is done with the stream (not part of the figure: the profiler slows things down).
  const profiles = new Map<Side, TimeByOwner>();
  for (const side of ['on', 'off'] as const) {
    const tab = browser.tab[side];
    await tab.prepare();
    const run = nextRunId();
    profiles.set(
      side,
      await profileMainThread(tab.cdp, async () => {
        await tab.consume(path(run), { chat: true });
        if (side === 'on') await browser.awaitCapture(answer.entryId(run), CAPTURE_TIMEOUT_MS);
      }),
    );
  }
  const busy = (side: Side): number =>
    [...(profiles.get(side) ?? [])].filter(([name]) => name !== '(idle)' && name !== '(root)').reduce((sum, [, time]) => sum + time, 0);

  return {
    figure: 'page reads 7 MB / 60k-event stream (on ÷ off)',
    measured: ms(median(elapsed(pairs, 'on'))),
    baseline: ms(median(elapsed(pairs, 'off'))),
    ratio: ratio(value),
    target: `≤ ${TARGET_RATIO}`,
    met: value <= TARGET_RATIO,
    notes: [
      `${mib(answer.bytes.length)} (${answer.bytes.length} bytes), ${answer.events} events + [DONE], sent as fast as read; page reader ` +
        `only counts bytes; ${pairs.length} pairs after ${options.warmupPairs} warm-up, alternating order; ratio = median of ` +
        `per-pair ratios (ratio of medians ${ratio(median(elapsed(pairs, 'on')) / median(elapsed(pairs, 'off')))})`,
      `on ${msRange(elapsed(pairs, 'on'))}, off ${msRange(elapsed(pairs, 'off'))}; chunks read per run: ` +
        `on ${median(pairs.map((pair) => pair.on.chunks))}, off ${median(pairs.map((pair) => pair.off.chunks))}`,
      `chat-like reader (TextDecoder + JSON.parse of every event): on ${ms(median(elapsed(parsed, 'on')))}, ` +
        `off ${ms(median(elapsed(parsed, 'off')))}, ratio ${ratio(ratioOf(parsed))} (${parsed.length} pairs)`,
      `every on run stored its video (median ${ms(median(storedAfter))} after the page finished); no off run was captured`,
      `renderer main thread busy (V8 CPU profile, request → capture stored): on ${ms(busy('on'))}, off ${ms(busy('off'))}`,
      `  on: ${formatTimeByOwner(profiles.get('on') ?? new Map<string, number>())}`,
      `  off: ${formatTimeByOwner(profiles.get('off') ?? new Map<string, number>())}`,
    ],
  };
}
