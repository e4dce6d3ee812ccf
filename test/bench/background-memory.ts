import type { VideoEntry } from '@/src/store/video-entry';
import { heapBytesOf, type BenchBrowser, type Side } from './bench-browser';
import type { BenchServer } from './bench-server';
import type { FigureResult } from './report-table';
import { sampleWhile } from './sample-while';
import { mib, MiB, ms, ratio } from './stats';
import { nextRunId, type AnswerTemplate } from './synthetic-answer';

/**
 * What the background may hold for one stream whatever its length: the largest SSE event the
 * decoder buffers (MAX_SSE_BUFFER, 8 Mi characters, 16 MB as UTF-16) plus a few relay messages in
 * flight (≤ 256 Ki characters each) and the garbage V8 has not collected yet.
 */
export const BOUND_BYTES = 32 * MiB;

export interface BackgroundMemoryOptions {
  sampleMs: number;
}

/**
 * `as-is`: the worker's heap as sampled, garbage included (what the process really uses);
 * `live`: each sample right after a forced GC of the worker and of the page (what they hold).
 */
type Mode = 'as-is' | 'live';

interface StreamMemory {
  /** Service worker: peak JS heap + backing stores over its value after GC before the stream. */
  worker: number;
  /** Service worker, after the stream was stored and a GC. */
  workerAfter: number;
  /** The tab's renderer (page + content scripts), live mode only: peak over its value before. */
  page: number;
  entry?: VideoEntry;
  elapsedMs: number;
}

/**
 * Figure 7: the service worker's heap while a 50 MB answer streams through the extension,
 * sampled over CDP on its own target, next to the same for the 7 MB answer: a bounded
 * background holds about the same for both.
 */
export async function measureBackgroundMemory(
  browser: BenchBrowser,
  server: BenchServer,
  answers: { large: AnswerTemplate; small: AnswerTemplate },
  options: BackgroundMemoryOptions,
): Promise<FigureResult> {
  server.addAnswer('large', answers.large);
  server.addAnswer('small', answers.small);

  const stream = async (name: 'large' | 'small', side: Side, mode: Mode): Promise<StreamMemory> => {
    const answer = answers[name];
    const tab = browser.tab[side];
    const worker = await browser.workerSession();
    try {
      const heap = async (): Promise<number> => heapBytesOf(await worker.send('Runtime.getHeapUsage'));
      await worker.send('HeapProfiler.collectGarbage');
      const base = await heap();
      await tab.prepare();
      const pageBase = await tab.heapBytes();
      const run = nextRunId();
      const work = (async () => {
        const read = await tab.consume(`/v1/chat/completions?answer=${name}&run=${run}`, { chat: true });
        const entry =
          side === 'on'
            ? await browser.awaitCapture(answer.entryId(run), 60_000, (item) => item.status !== 'generating')
            : undefined;
        return { read, entry };
      })();
      const { result, samples } = await sampleWhile(
        work,
        async () => {
          if (mode === 'as-is') return { worker: await heap(), page: Number.NaN };
          await worker.send('HeapProfiler.collectGarbage');
          const live = await heap();
          await tab.collectGarbage();
          return { worker: live, page: await tab.heapBytes() };
        },
        options.sampleMs,
      );
      await worker.send('HeapProfiler.collectGarbage');
      return {
        worker: Math.max(...samples.map((item) => item.worker)) - base,
        workerAfter: (await heap()) - base,
        page: Math.max(...samples.map((item) => item.page)) - pageBase,
        ...(result.entry ? { entry: result.entry } : {}),
        elapsedMs: result.read.elapsedMs,
      };
    } finally {
      await worker.detach();
    }
  };

  const small = await stream('small', 'on', 'as-is');
  const large = await stream('large', 'on', 'as-is');
  const smallLive = await stream('small', 'on', 'live');
  const largeLive = await stream('large', 'on', 'live');
  const largeOff = await stream('large', 'off', 'live');
  const size = (answer: AnswerTemplate): string => mib(answer.bytes.length);
  const outcome = (memory: StreamMemory): string =>
    memory.entry ? `${memory.entry.status}${memory.entry.failureReason ? ` (${memory.entry.failureReason})` : ''}` : 'none';

  return {
    figure: `background heap, ${size(answers.large)} answer (vs ${size(answers.small)})`,
    measured: mib(large.worker, true),
    baseline: mib(small.worker, true),
    ratio: ratio(large.worker / small.worker),
    target: `bounded: ≤ ${mib(BOUND_BYTES, true)}`,
    met: large.worker <= BOUND_BYTES,
    notes: [
      `service worker: Runtime.getHeapUsage (used + backingStorage) on its own target every ${options.sampleMs} ms, from the ` +
        `request until the entry was stored; peak over the value before (after GC), garbage included; baseline = the same ` +
        `for the ${size(answers.small)} answer`,
      `service worker, each sample right after a forced GC: ${mib(largeLive.worker, true)} (${size(answers.large)}), ` +
        `${mib(smallLive.worker, true)} (${size(answers.small)}); left after the stream: ${mib(large.workerAfter, true)}, ` +
        mib(small.workerAfter, true),
      `${size(answers.large)}: read by the page in ${ms(large.elapsedMs)}, entry ${outcome(large)}; ` +
        `${size(answers.small)}: ${ms(small.elapsedMs)}, entry ${outcome(small)}`,
      `page renderer (page + relay), live peak growth: ${size(answers.large)} on ${mib(largeLive.page, true)}, ` +
        `off ${mib(largeOff.page, true)}; ${size(answers.small)} on ${mib(smallLive.page, true)}`,
    ],
  };
}
