import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createParser } from 'eventsource-parser';
import { createCaptureSession } from '../../src/background/capture-session';
import { createAnswerReassembler } from '../../src/decode/answer-reassembler';
import { createSseDecoder } from '../../src/decode/sse-decoder';
import type { FigureResult } from './report-table';
import { median, ms, pairedRatio, ratio } from './stats';
import { RUN_PLACEHOLDER, type AnswerTemplate } from './synthetic-answer';

/** The budget (docs/benchmarks.md); the goal is 1.5. */
export const TARGET_RATIO = 2;

export interface NodePipelineOptions {
  pairs: number;
  warmupPairs: number;
  /** Runs of each stage for the breakdown. */
  stageRuns: number;
  /** Largest text chunk fed at once; sizes vary from 1 to this. */
  maxChunk: number;
}

type Stage = (chunks: readonly string[]) => number;

/**
 * Figure 3: the background's whole pipeline for one stream (SSE decoding, JSON, dialect, answer
 * reassembly, video extraction: `createCaptureSession` push/end) ÷ bare `eventsource-parser`
 * (createParser + feed, events only counted) over the same text chunks, in this Node process.
 */
export function measureNodePipeline(answer: AnswerTemplate, options: NodePipelineOptions): FigureResult {
  const gc = exposeGc();
  const text = new TextDecoder().decode(answer.bytes);
  const chunks = splitText(text, options.maxChunk);

  const stages: Record<string, Stage> = {
    'eventsource-parser': (input) => {
      let events = 0;
      const parser = createParser({
        onEvent() {
          events += 1;
        },
      });
      for (const chunk of input) parser.feed(chunk);
      return events;
    },
    '+ JSON.parse': (input) => {
      let events = 0;
      const parser = createParser({
        onEvent(event) {
          if (event.data !== '[DONE]') events += (JSON.parse(event.data) as unknown) ? 1 : 0;
        },
      });
      for (const chunk of input) parser.feed(chunk);
      return events;
    },
    'sse-decoder': (input) => {
      let events = 0;
      const decoder = createSseDecoder(
        () => (events += 1),
        () => {},
      );
      for (const chunk of input) decoder.feed(chunk);
      decoder.end();
      return events;
    },
    'answer-reassembler': (input) => {
      let length = 0;
      const reassembler = createAnswerReassembler('sse', {
        onText: (piece) => (length += piece.length),
        onModel() {},
        onFinished() {},
        onIssue() {},
      });
      for (const chunk of input) reassembler.feed(chunk);
      reassembler.end();
      return length;
    },
    'capture-session': (input) => {
      const session = createCaptureSession(
        {
          site: 'http://127.0.0.1',
          pageUrl: 'http://127.0.0.1/chat',
          endpointUrl: 'http://127.0.0.1/v1/chat/completions',
          contentType: 'text/event-stream; charset=utf-8',
        },
        (issue) => {
          throw new Error(`pipeline issue: ${issue.type}: ${issue.message}`);
        },
      );
      let updates = 0;
      for (const chunk of input) updates += session.push(chunk).length;
      const final = session.end('complete');
      if (final[0]?.status !== 'done' || final[0].videoUrl !== answer.videoUrl(RUN_PLACEHOLDER)) {
        throw new Error(`the pipeline did not find the video: ${JSON.stringify(final)}`);
      }
      return updates + final.length;
    },
  };

  const time = (stage: Stage, collect = true): number => {
    if (collect) gc();
    const start = performance.now();
    stage(chunks);
    return performance.now() - start;
  };

  const baseline = stages['eventsource-parser']!;
  const full = stages['capture-session']!;
  const alternate = (collect: boolean): Array<{ on: number; off: number }> => {
    const pairs: Array<{ on: number; off: number }> = [];
    for (let index = 0; index < options.warmupPairs + options.pairs; index += 1) {
      // Alternating order, as in the browser figures.
      let on: number;
      let off: number;
      if (index % 2 === 0) {
        on = time(full, collect);
        off = time(baseline, collect);
      } else {
        off = time(baseline, collect);
        on = time(full, collect);
      }
      if (index >= options.warmupPairs) pairs.push({ on, off });
    }
    return pairs;
  };
  const pairs = alternate(true);
  // The same pairs with no GC between runs: both sides keep what V8 learnt and compiled, so this is
  // the cost per byte alone. After a full GC, code compiled for objects that died is thrown away
  // (a parser made per stream loses its optimized code with it) and compiled again on the next run.
  const warmPairs = alternate(false);
  const stageTimes = new Map(
    Object.entries(stages).map(([name, stage]) => [name, median(Array.from({ length: options.stageRuns }, () => time(stage)))]),
  );
  const breakdown = [...stageTimes].map(([name, value]) => `${name} ${ms(value)}`);
  const withJson = (stageTimes.get('capture-session') ?? Number.NaN) / (stageTimes.get('+ JSON.parse') ?? Number.NaN);

  const on = median(pairs.map((pair) => pair.on));
  const off = median(pairs.map((pair) => pair.off));
  const value = pairedRatio(pairs);
  return {
    figure: 'Node: full pipeline ÷ bare eventsource-parser',
    measured: ms(on),
    baseline: ms(off),
    ratio: ratio(value),
    target: `≤ ${TARGET_RATIO}`,
    met: value <= TARGET_RATIO,
    notes: [
      `the 7 MB stream as ${chunks.length} text chunks of 1–${options.maxChunk} characters; ${pairs.length} pairs after ` +
        `${options.warmupPairs} warm-up, GC before each run; Node ${process.version}`,
      `each stage alone (median of ${options.stageRuns}): ${breakdown.join(', ')}; the stages nest: sse-decoder wraps ` +
        `eventsource-parser, answer-reassembler adds JSON.parse and the dialect, capture-session adds the video reader`,
      `full pipeline ÷ (eventsource-parser + JSON.parse of every event, what any reader of the stream does): ${ratio(withJson)}`,
      `without the GC before each run (both sides warm, the cost per byte alone): ${ms(median(warmPairs.map((pair) => pair.on)))} ÷ ` +
        `${ms(median(warmPairs.map((pair) => pair.off)))} = ${ratio(pairedRatio(warmPairs))}`,
    ],
  };
}

/**
 * Splits text into chunks of pseudo-random size (seeded, so every run feeds the same chunks),
 * never inside a surrogate pair: the relay's TextDecoder never splits a character either.
 */
export function splitText(text: string, maxChunk: number): string[] {
  const chunks: string[] = [];
  let seed = 0x9e3779b9;
  let start = 0;
  while (start < text.length) {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    let end = Math.min(text.length, start + 1 + (seed % maxChunk));
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end += 1;
    chunks.push(text.slice(start, end));
    start = end;
  }
  return chunks;
}

function exposeGc(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}
