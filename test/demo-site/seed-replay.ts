import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One `data:` event of the seed stream: a `chat.completion.chunk` JSON text or `[DONE]`. */
export interface SeedEvent {
  /** The event's data exactly as recorded (multi-line data joined with `\n`, per the SSE spec). */
  data: string;
  /** The chunk's `created` time in seconds; `undefined` for `[DONE]` or a chunk without one. */
  created: number | undefined;
}

/** The recorded answer the demo replays; see test/fixtures/README.md. */
export const SEED_FILE = 'streams/cogvideo-dog.sse';

/** Where the recorded answer's files live; the demo rewrites this prefix to its own `/media/`. */
export const SEED_MEDIA_PREFIX = 'https://aigc-files.bigmodel.cn/api/cogvideo/';

const DONE = '[DONE]';
const MAX_DELAY_MS = 4000;
/** Tokens recorded in the same second still trickle in, as they do from a real model. */
const SAME_SECOND_SPREAD_MS = 20;

/** Reads the seed stream from a fixtures directory (the one holding `streams/` and `media/`). */
export function readSeedEvents(fixturesDir: string): SeedEvent[] {
  return parseSseEvents(readFileSync(join(fixturesDir, SEED_FILE), 'utf8'));
}

/** Splits SSE text into its events' data, keeping each chunk's `created` time. */
export function parseSseEvents(text: string): SeedEvent[] {
  const events: SeedEvent[] = [];
  for (const block of text.replace(/\r\n?/g, '\n').split(/\n\n+/)) {
    const dataLines = block
      .split('\n')
      .filter((line) => line.startsWith('data:'))
      // The spec strips exactly one space after the colon.
      .map((line) => line.slice(line.startsWith('data: ') ? 6 : 5));
    if (dataLines.length === 0) continue;
    const data = dataLines.join('\n');
    events.push({ data, created: readCreated(parseChunk(data)) });
  }
  return events;
}

/** The `choices[0].delta.content` of each event, `''` where there is none (`[DONE]`, the stop chunk). */
export function contentDeltas(events: readonly SeedEvent[]): string[] {
  return events.map((event) => readContent(parseChunk(event.data)));
}

/**
 * Replaces every `from` in the joined deltas by `to`, keeping the number of deltas and every other
 * character in the delta it came from. Each replacement goes whole into the delta where its match
 * started, so a URL the producer streamed piece by piece arrives in one piece.
 */
export function replaceInDeltas(deltas: readonly string[], from: string, to: string): string[] {
  if (from === '') throw new RangeError('replaceInDeltas: `from` must not be empty');
  const joined = deltas.join('');
  const matches: number[] = [];
  for (let at = joined.indexOf(from); at !== -1; at = joined.indexOf(from, at + from.length)) matches.push(at);
  // Right to left, so earlier match offsets stay valid while later ones are spliced.
  return matches.reduceRight<string[]>((acc, at) => spliceDeltas(acc, at, at + from.length, to), [...deltas]);
}

/** Points the seed's media URLs at `to` (e.g. `http://127.0.0.1:8787/media/`). */
export function rewriteMediaOrigin(deltas: readonly string[], from: string, to: string): string[] {
  return replaceInDeltas(deltas, from, to);
}

/**
 * Signs every media link under `prefix` the way Aliyun OSS does (`?Expires=<epoch s>&OSSAccessKeyId=…
 * &Signature=…`), so the extension reads the expiry from the link and the demo can refuse it later.
 */
export function signMediaLinks(deltas: readonly string[], prefix: string, expires: number): string[] {
  const links = new Set(deltas.join('').match(new RegExp(`${escapeRegExp(prefix)}[\\w.-]+`, 'g')) ?? []);
  let signed = [...deltas];
  for (const link of links) {
    signed = replaceInDeltas(signed, `${link})`, `${link}?Expires=${expires}&OSSAccessKeyId=demo&Signature=demo)`);
  }
  return signed;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Puts `prompt` in place of the prompt echoed by the `VideoTask(… prompt=…)` line, so the demo answers
 * what the user typed. Whitespace collapses to single spaces: the echo must stay on its one line.
 */
export function echoPrompt(deltas: readonly string[], prompt: string): string[] {
  const echoed = prompt.replace(/\s+/g, ' ').trim();
  const joined = deltas.join('');
  const task = joined.indexOf('VideoTask(');
  const lineEnd = joined.indexOf('\n', task);
  if (echoed === '' || task === -1 || lineEnd === -1) return [...deltas];
  const key = joined.indexOf('prompt=', task);
  const close = joined.lastIndexOf(')', lineEnd);
  if (key === -1 || key > lineEnd || close < key) return [...deltas];
  return spliceDeltas(deltas, key + 'prompt='.length, close, echoed);
}

/**
 * Index of the delta whose newline completes the `VideoTask(…)` line: the point where the task is
 * known but no result yet, which is where tests pause the stream.
 */
export function findTaskLineEnd(deltas: readonly string[]): number | undefined {
  let joined = '';
  let task = -1;
  for (const [index, delta] of deltas.entries()) {
    joined += delta;
    if (task === -1) task = joined.indexOf('VideoTask(');
    if (task !== -1 && joined.indexOf('\n', task) !== -1) return index;
  }
  return undefined;
}

/**
 * The seed as a failed task: the progress link opens and gets `fires` 🔥, then the answer stops with
 * no `)🎉🎉🎉` and no links, as the producer does on failure or timeout. Keeps the stop chunk and `[DONE]`.
 */
export function toFailureVariant(events: readonly SeedEvent[], fires = 3): SeedEvent[] {
  const deltas = contentDeltas(events);
  const progress = deltas.findIndex((delta) => delta.includes('任务进度]('));
  if (progress === -1) throw new Error('toFailureVariant: the seed has no progress link to fail in');
  const kept = events.slice(0, progress + 1);
  for (let index = progress + 1; index < events.length && kept.length <= progress + fires; index++) {
    const event = events[index];
    if (event && /^🔥+$/u.test(deltas[index] ?? '')) kept.push(event);
  }
  const stop = events.findLast((event) => readFinishReason(parseChunk(event.data)) === 'stop');
  const done = events.findLast((event) => event.data === DONE);
  return [...kept, ...(stop ? [stop] : []), ...(done ? [done] : [])];
}

/**
 * The wire form: `data: <json>\n\n` per event. With `deltas`, each chunk whose content differs is
 * re-serialized with the new content and every other field kept; unchanged events keep their exact text.
 */
export function encodeSse(events: readonly SeedEvent[], deltas?: readonly string[]): string {
  return events
    .map((event, index) => {
      const delta = deltas?.[index];
      return `data: ${delta === undefined ? event.data : withContent(event.data, delta)}\n\n`;
    })
    .join('');
}

/**
 * Delay in ms before each event, from the recorded `created` seconds scaled by `pace` (1 = real time)
 * and clamped to [0, 4000]. Events in the same second, or without a time, get a small spread instead.
 * A time that goes backwards (the seed's stop chunk carries a bogus one) clamps to 0.
 */
export function planDelays(createdTimes: readonly (number | undefined)[], pace: number): number[] {
  return createdTimes.map((created, index) => {
    if (index === 0) return 0;
    const previous = createdTimes[index - 1];
    if (created === undefined || previous === undefined || created === previous) return SAME_SECOND_SPREAD_MS * pace;
    return Math.min(MAX_DELAY_MS, Math.max(0, (created - previous) * 1000 * pace));
  });
}

/**
 * Cuts `bytes` into consecutive slices of 1..maxSlice bytes, the same for the same seed. Slices ignore
 * UTF-8 characters and SSE lines on purpose: that is how a network may deliver them.
 */
export function sliceBytes(bytes: Uint8Array, seed: number, maxSlice: number): Uint8Array[] {
  if (!Number.isInteger(maxSlice) || maxSlice < 1) {
    throw new RangeError(`sliceBytes: maxSlice must be an integer ≥ 1, got ${maxSlice}`);
  }
  const random = mulberry32(seed);
  const slices: Uint8Array[] = [];
  for (let start = 0; start < bytes.length; ) {
    const end = Math.min(bytes.length, start + 1 + Math.floor(random() * maxSlice));
    slices.push(bytes.subarray(start, end));
    start = end;
  }
  return slices;
}

/** A small seeded PRNG (mulberry32): deterministic slicing without a dependency. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Replaces joined[start, end) by `replacement`, placed whole in the delta holding `start`. */
function spliceDeltas(deltas: readonly string[], start: number, end: number, replacement: string): string[] {
  let offset = 0;
  let placed = false;
  return deltas.map((delta) => {
    const from = offset;
    offset += delta.length;
    const keepBefore = delta.slice(0, Math.max(0, start - from));
    const keepAfter = delta.slice(Math.max(0, end - from));
    // Zero-length deltas never "hold" a position; the match goes to the first delta that spans it.
    const holdsStart = !placed && start >= from && start < offset;
    if (holdsStart) placed = true;
    return keepBefore.length + keepAfter.length === delta.length && !holdsStart
      ? delta
      : keepBefore + (holdsStart ? replacement : '') + keepAfter;
  });
}

function withContent(data: string, content: string): string {
  const chunk = parseChunk(data);
  if (readContent(chunk) === content) return data;
  const delta = firstChoiceDelta(chunk);
  if (!delta) throw new Error('encodeSse: a changed delta belongs to an event with no choices[0].delta');
  delta.content = content;
  return JSON.stringify(chunk);
}

function parseChunk(data: string): unknown {
  if (data === DONE) return undefined;
  try {
    return JSON.parse(data) as unknown;
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function firstChoice(chunk: unknown): Record<string, unknown> | undefined {
  if (!isRecord(chunk) || !Array.isArray(chunk.choices)) return undefined;
  const choice: unknown = chunk.choices[0];
  return isRecord(choice) ? choice : undefined;
}

function firstChoiceDelta(chunk: unknown): Record<string, unknown> | undefined {
  const delta = firstChoice(chunk)?.delta;
  return isRecord(delta) ? delta : undefined;
}

function readContent(chunk: unknown): string {
  const content = firstChoiceDelta(chunk)?.content;
  return typeof content === 'string' ? content : '';
}

function readFinishReason(chunk: unknown): unknown {
  return firstChoice(chunk)?.finish_reason;
}

function readCreated(chunk: unknown): number | undefined {
  return isRecord(chunk) && typeof chunk.created === 'number' ? chunk.created : undefined;
}
