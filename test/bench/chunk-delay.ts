import { alternate, type AlternateOptions } from './alternate';
import type { BenchBrowser, Side } from './bench-browser';
import { clockSkew, type BenchServer, type SendMark } from './bench-server';
import type { FigureResult } from './report-table';
import { median, ms, pairedDifference, percentile } from './stats';
import { nextRunId, type AnswerTemplate } from './synthetic-answer';

export const TARGET_ADDED_MS = 0.5;

export interface ChunkDelayOptions extends AlternateOptions {
  /** Milliseconds between two events on the server. */
  paceMs: number;
  /** How long each side samples its clock against the system clock. */
  skewSampleMs: number;
}

interface RunDelays {
  /** Per event: page time its last byte was read − server time it was written (both on the system clock). */
  delays: number[];
  /** Page clock − system clock, ms. */
  pageSkew: number;
}

/**
 * Figure 2: the delay each event of a paced chat stream takes from the server's `write()` to the
 * page's `reader.read()`, with the extension on vs off. The extension's tee sits in that path, and
 * its work (copy, relay, batching) shares the page's main thread.
 */
export async function measureChunkDelay(
  browser: BenchBrowser,
  server: BenchServer,
  answer: AnswerTemplate,
  options: ChunkDelayOptions,
): Promise<FigureResult> {
  server.addAnswer('paced', answer);
  const serverSkew = clockSkew(options.skewSampleMs);

  const runOnce = async (side: Side): Promise<RunDelays> => {
    const tab = browser.tab[side];
    const run = nextRunId();
    await tab.prepare();
    const pageSkew = await tab.clockSkew(options.skewSampleMs);
    const result = await tab.consume(`/v1/chat/completions?answer=paced&run=${run}&pace=${options.paceMs}`, {
      chat: true,
      timed: true,
    });
    const sent = server.sendMarks(run);
    if (!sent || !result.marks || result.bytes !== answer.bytes.length) throw new Error(`paced run ${run} incomplete`);
    if (side === 'on') await browser.awaitCapture(answer.entryId(run), 20_000);
    return { delays: eventDelays(sent, result.marks, serverSkew - pageSkew), pageSkew };
  };

  const pairs = await alternate(options, runOnce);
  const pooled = (side: Side): number[] => pairs.flatMap((pair) => pair[side].delays);
  const on = pooled('on');
  const off = pooled('off');
  const added = median(on) - median(off);
  const perPair = pairedDifference(pairs.map((pair) => ({ on: median(pair.on.delays), off: median(pair.off.delays) })));
  const skews = (side: Side): string => pairs.map((pair) => pair[side].pageSkew.toFixed(3)).join(', ');

  return {
    figure: 'delay per chunk, server write → page read',
    measured: ms(median(on)),
    baseline: ms(median(off)),
    ratio: `Δ ${added >= 0 ? '+' : ''}${ms(added)}`,
    target: `Δ < ${TARGET_ADDED_MS} ms`,
    met: added < TARGET_ADDED_MS,
    notes: [
      `${answer.events} events of ~${Math.round(answer.bytes.length / answer.events)} B, one write every ${options.paceMs} ms; ` +
        `${pairs.length} pairs after ${options.warmupPairs} warm-up; Δ = median over all events on − off ` +
        `(median of per-pair Δ ${ms(perPair)})`,
      `p5: on ${ms(percentile(on, 5))}, off ${ms(percentile(off, 5))}; p95: on ${ms(percentile(on, 95))}, ` +
        `off ${ms(percentile(off, 95))}; max: on ${ms(Math.max(...on))}, off ${ms(Math.max(...off))}`,
      `clocks: page and server both read performance.timeOrigin + performance.now() (pages cross-origin isolated, 5 µs); ` +
        `skew to the system clock, server ${serverSkew.toFixed(3)} ms, page per run on ${skews('on')}, ` +
        `off ${skews('off')} (ms), corrected`,
    ],
  };
}

/**
 * For each event the server wrote, the page time of the first read that completed it minus its send
 * time; `marks` is the page's flat [time, bytes so far, …], `offsetMs` maps page time to server time.
 */
export function eventDelays(sent: readonly SendMark[], marks: readonly number[], offsetMs: number): number[] {
  const delays: number[] = [];
  let mark = 0;
  for (const { end, at } of sent) {
    while (mark + 1 < marks.length && marks[mark + 1]! < end) mark += 2;
    if (mark + 1 >= marks.length) break;
    delays.push(marks[mark]! + offsetMs - at);
  }
  return delays;
}
