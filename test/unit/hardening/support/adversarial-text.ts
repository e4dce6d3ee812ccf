import fc from 'fast-check';
import { performance } from 'node:perf_hooks';
import { expect } from 'vitest';

/**
 * Pieces of what the readers look for, each cut short so nothing ever completes: a line made of
 * them is a near-match at every position, the input a backtracking pattern is slowest on.
 */
const NEAR_MATCHES = [
  'VideoTask(id=a, image_url=x, prompt=y',
  'VideoTask(id=a,',
  ', prompt=',
  '[![封面](https://c.test/a.jpg',
  '[视频](https://c.test/v.mp4 "',
  '](https://c.test/',
  'https://c.test/a',
  '.,;:!?*_~',
  '<video src="https://c.test/v.mp4"',
  '<a href="https://c.test/v.mp4"',
  '<source ',
  '[^1',
  '[x][',
  '[任务进度](https://p.test/',
  '🔥',
  ')🎉',
  '> ',
  '\\u00',
  '{"video_url":"https://c.test/',
  '\\"',
  ' ',
];

/** Characters of the hostile text: long enough that quadratic work shows, short enough to run often. */
const MIN_CHARS = 12_000;
const MAX_CHARS = 40_000;

/** One long text of near-matches (of one kind, or several mixed), as one line or as many (`separator`). */
export const hostileText: fc.Arbitrary<string> = fc
  .tuple(
    fc.oneof(
      fc.constantFrom(...NEAR_MATCHES).map((piece) => [piece]),
      fc.array(fc.constantFrom(...NEAR_MATCHES), { minLength: 2, maxLength: 4 }),
    ),
    fc.integer({ min: MIN_CHARS, max: MAX_CHARS }),
    fc.constantFrom('', '', '', '\n', '\r\n'),
  )
  .map(([pieces, chars, separator]) => {
    const unit = pieces.join('') + separator;
    return unit.repeat(Math.ceil(chars / unit.length)).slice(0, chars);
  });

/** The task line a video model echoes first, unclosed and repeated: the line that froze the background. */
export const HOSTILE_TASK_LINE = 'VideoTask(id=a, image_url=x, prompt=y'.repeat(800);

/** A JSON value deeply nested: arrays, objects or both. */
const deepNesting: fc.Arbitrary<string> = fc
  .tuple(fc.integer({ min: 1_000, max: 20_000 }), fc.constantFrom('[', '{"a":', '[{"content":'))
  .map(([depth, open]) => {
    const close = open === '[' ? ']' : open === '{"a":' ? '}' : '}]';
    return `${open.repeat(depth)}1${close.repeat(depth)}`;
  });

/** A JSON number far beyond any double: thousands of digits, or an exponent that overflows. */
const hugeNumber: fc.Arbitrary<string> = fc
  .tuple(fc.integer({ min: 1_000, max: 30_000 }), fc.boolean())
  .map(([digits, exponent]) => (exponent ? `1e${'9'.repeat(digits)}` : `-${'9'.repeat(digits)}.5`));

/** Raw JSON put where a reader expects a string: the hostile text as a string, or a value of the wrong kind. */
export const hostileJsonValue: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: hostileText.map((text) => JSON.stringify(text)) },
  { weight: 1, arbitrary: deepNesting },
  { weight: 1, arbitrary: hugeNumber },
);

/** Where each JSON string value (not a key) starts and ends in `text`. */
export function stringValueSpans(text: string): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  for (let at = text.indexOf('"'); at >= 0; ) {
    let end = at + 1;
    while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
    if (end >= text.length) break;
    let next = end + 1;
    while (next < text.length && ' \t\r\n'.includes(text[next]!)) next += 1;
    if (text[next] !== ':') spans.push({ start: at, end: end + 1 });
    at = text.indexOf('"', end + 1);
  }
  return spans;
}

/** `text` with the span replaced by `raw`. */
export function replaceSpan(text: string, span: { start: number; end: number }, raw: string): string {
  return text.slice(0, span.start) + raw + text.slice(span.end);
}

/**
 * Time allowed per character of input, and a floor for start-up costs (a cold JIT, a GC).
 * Measured (`LINEAR_TIME_FIGURES=1` prints each run) on the 2-core machine at a load average
 * of 15: 0.65 µs a character on average, 7.2 µs at worst on inputs over 10 KB (a 29 KB
 * Anthropic stream in 209 ms). The bound leaves 4–6× over that worst case and is still far
 * below a super-linear reader: the backtracking task-line pattern took about 450 µs a
 * character on a 30 KB line, the quadratic bare-URL trim 63 µs.
 */
export const MICROSECONDS_PER_CHAR = 30;
export const FLOOR_MS = 300;

/** Milliseconds `run` takes. */
export function timed(run: () => void): number {
  const started = performance.now();
  run();
  return performance.now() - started;
}

/** Asserts `ms` is within the budget for `chars` characters, with the figures in the message. */
export function withinBudget(ms: number, chars: number): { ok: boolean; message: string } {
  if (process.env.LINEAR_TIME_FIGURES) console.log(`${ms.toFixed(2)} ms ${chars} chars: ${expect.getState().currentTestName ?? ''}`);
  const allowed = FLOOR_MS + (chars * MICROSECONDS_PER_CHAR) / 1000;
  return { ok: ms <= allowed, message: `${ms.toFixed(1)} ms for ${chars} characters (${((ms * 1000) / chars).toFixed(2)} µs each), allowed ${allowed.toFixed(0)} ms` };
}

/** Runs per reader: each is a fresh hostile input of 12–40 KB (plus its fixture). */
export const RUNS_PER_READER = 12;
/** A generous timeout for the runs of one reader, on a loaded 2-core machine. */
export const READER_TIMEOUT_MS = 60_000;
