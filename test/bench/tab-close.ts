import { setTimeout as sleep } from 'node:timers/promises';
import type { BenchBrowser } from './bench-browser';
import type { BenchServer } from './bench-server';
import type { FigureResult } from './report-table';
import { nextRunId, type AnswerTemplate } from './synthetic-answer';

export interface TabCloseOptions {
  /** Tabs opened, read to the end and closed at once. */
  runs: number;
  /** How long the background gets to store what it was given, after the last tab closed. */
  settleMs: number;
}

/**
 * Figure: how many fast 7 MB answers are stored whole (done, under their task's own id, so none
 * of the answer was lost) when the page's tab is closed the moment the page has read the answer:
 * the harshest "closed tab" a user can make. Each run opens a new tab on the bench page, reads
 * the stream as fast as it comes, and closes the tab in the same breath. Informative: what a
 * capture still in flight in the page's renderer loses with it (the relay's own backlog, a bulk
 * Blob the browser had not taken yet: docs/benchmarks.md).
 */
export async function measureTabClose(
  browser: BenchBrowser,
  server: BenchServer,
  answer: AnswerTemplate,
  options: TabCloseOptions,
): Promise<FigureResult> {
  server.addAnswer('close', answer);
  const runs: string[] = [];
  for (let index = 0; index < options.runs; index += 1) {
    const run = nextRunId();
    runs.push(run);
    const page = await browser.vk.context.newPage();
    await page.goto(`${server.onOrigin}/bench/page.html`);
    const url = `${server.onOrigin}/v1/chat/completions?answer=close&run=${run}`;
    const read = await page.evaluate(
      (href) => (window as unknown as { bench: { consume(url: string, options: object): Promise<{ bytes: number }> } }).bench.consume(href, { chat: true }),
      url,
    );
    if (read.bytes !== answer.bytes.length) throw new Error(`run ${run} read ${read.bytes} bytes, expected ${answer.bytes.length}`);
    await page.close();
  }
  await sleep(options.settleMs);
  let whole = 0;
  for (const run of runs) {
    const entry = await browser.library.entry(answer.entryId(run));
    if (entry?.status === 'done' && entry.videoUrl === answer.videoUrl(run)) whole += 1;
  }
  return {
    figure: 'tab closed as the page reads a 7 MB answer\'s end',
    measured: `${whole}/${runs.length} stored whole`,
    baseline: '',
    ratio: '',
    target: '—',
    met: undefined,
    notes: [
      `${runs.length} new tabs, each closed as soon as its page has read the fast 7 MB stream; counted: entries stored done, ` +
        `with the video, under their task's id (a stream read with a gap is stored under its video's URL instead), ` +
        `${options.settleMs} ms after the last close`,
    ],
  };
}
