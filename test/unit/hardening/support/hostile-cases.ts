import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { VideoEntry } from '@/src/store/video-entry';
import { chunksOf, type Pipeline, type StreamFinish } from './pipeline';
import { answerEvent, bigStream, DONE_EVENT, HOSTILE_VIDEO, STOP_EVENT, TASK_TEXT } from './hostile-answer';

/**
 * Every malformed or hostile stream goes through the real path (relay → capture service →
 * IndexedDB) and ends in the outcome stated here: the entries it leaves (`done`, `partial:<why>`,
 * `failed:<why>`, `+truncated` when a size cap cut the stream), and the kinds of reasons the
 * background logged. Nothing throws, nothing rejects unhandled.
 */
export interface HostileCase {
  /** A file in test/fixtures/streams/hostile/ (see its README), or a stream built here. */
  name: string;
  /** The fixture's bytes, for cases read from a file (the chunking fuzz cuts them anywhere). */
  bytes?: Uint8Array;
  contentType: string;
  finish: StreamFinish;
  chunks: () => Iterable<Uint8Array | string>;
  entries: string[];
  logs: string[];
  /** More about the stored entries than their outcome. */
  check?: (entries: VideoEntry[], pipeline: Pipeline) => void;
}

export const SSE = 'text/event-stream';
const fixtureDir = new URL('../../../fixtures/streams/hostile/', import.meta.url);
/** A fixture's bytes, fed in 97-byte chunks (boundaries inside lines and characters). */
function file(name: string): Pick<HostileCase, 'bytes' | 'chunks'> {
  const bytes = new Uint8Array(readFileSync(new URL(name, fixtureDir)));
  return { bytes, chunks: () => chunksOf(bytes, 97) };
}
const times = (count: number, outcome: string): string[] => Array.from({ length: count }, () => outcome);

// prettier-ignore
export const HOSTILE_CASES: HostileCase[] = [
  // ------------------------------------------------------------------ how the stream ends
  { name: 'baseline.sse', contentType: SSE, finish: 'complete', ...file('baseline.sse'), entries: ['done'], logs: [] },
  { name: 'no-done.sse', contentType: SSE, finish: 'complete', ...file('no-done.sse'), entries: ['done'], logs: [] },
  { name: 'no-end-marker.sse', contentType: SSE, finish: 'complete', ...file('no-end-marker.sse'), entries: ['done'], logs: [] },
  { name: 'no-end-marker-failed.sse', contentType: SSE, finish: 'complete', ...file('no-end-marker-failed.sse'), entries: ['failed:stream-error'], logs: [] },
  { name: 'model-failed.sse', contentType: SSE, finish: 'complete', ...file('model-failed.sse'), entries: ['failed:no-result'], logs: [] },
  { name: 'done-no-space.sse', contentType: SSE, finish: 'complete', ...file('done-no-space.sse'), entries: ['done'], logs: [] },
  { name: 'done-lowercase.sse', contentType: SSE, finish: 'complete', ...file('done-lowercase.sse'), entries: ['done'], logs: ['not-json'] },
  { name: 'done-split.sse', contentType: SSE, finish: 'complete', ...file('done-split.sse'), entries: ['done'], logs: ['not-json'] },
  // Events after `[DONE]` are still read: a proxy that sends it early must not hide the result.
  { name: 'done-before-video.sse', contentType: SSE, finish: 'complete', ...file('done-before-video.sse'), entries: ['done'], logs: [] },
  { name: 'done-only.sse', contentType: SSE, finish: 'complete', ...file('done-only.sse'), entries: [], logs: [] },
  { name: 'empty.sse', contentType: SSE, finish: 'complete', ...file('empty.sse'), entries: [], logs: [] },
  { name: 'keepalive-only.sse', contentType: SSE, finish: 'complete', ...file('keepalive-only.sse'), entries: [], logs: [] },
  // ------------------------------------------------------------------ cut short
  { name: 'truncated-mid-event.sse (body ends cleanly)', contentType: SSE, finish: 'complete', ...file('truncated-mid-event.sse'), entries: ['failed:stream-error'], logs: ['not-json'] },
  { name: 'truncated-mid-event.sse (network error)', contentType: SSE, finish: 'error', ...file('truncated-mid-event.sse'), entries: ['failed:stream-error'], logs: ['not-json', 'stream-broke'] },
  { name: 'truncated-after-video.sse (body ends cleanly)', contentType: SSE, finish: 'complete', ...file('truncated-after-video.sse'), entries: ['done'], logs: ['not-json'] },
  { name: 'truncated-after-video.sse (network error)', contentType: SSE, finish: 'error', ...file('truncated-after-video.sse'), entries: ['partial:stream-error'], logs: ['not-json', 'stream-broke'] },
  { name: 'truncated-mid-utf8.sse', contentType: SSE, finish: 'error', ...file('truncated-mid-utf8.sse'), entries: ['failed:stream-error'], logs: ['not-json', 'stream-broke'] },
  // The label says video, so the cut link is kept, but only as partial: it may be cut short.
  { name: 'cut-mid-url.sse (body ends cleanly)', contentType: SSE, finish: 'complete', ...file('cut-mid-url.sse'), entries: ['partial:stream-error'], logs: [],
    check: ([entry]) => expect(entry).toMatchObject({ videoUrl: 'https://cdn.test/h/70', needsCheck: true }) },
  { name: 'cut-mid-url.sse (network error)', contentType: SSE, finish: 'error', ...file('cut-mid-url.sse'), entries: ['partial:stream-error'], logs: ['stream-broke'] },
  { name: 'cut-after-url.sse', contentType: SSE, finish: 'aborted', ...file('cut-after-url.sse'), entries: ['partial:stream-error'], logs: ['stream-broke'] },
  { name: 'aborted.sse', contentType: SSE, finish: 'aborted', ...file('aborted.sse'), entries: ['failed:stream-error'], logs: ['stream-broke'] },
  { name: 'page-truncated.sse (the page-world copy hit its cap)', contentType: SSE, finish: 'truncated', ...file('page-truncated.sse'), entries: ['partial:truncated+truncated'], logs: ['stream-broke'] },
  // ------------------------------------------------------------------ line ends, byte order marks, bytes
  { name: 'cr-only.sse', contentType: SSE, finish: 'complete', ...file('cr-only.sse'), entries: ['done'], logs: [] },
  { name: 'crlf.sse', contentType: SSE, finish: 'complete', ...file('crlf.sse'), entries: ['done'], logs: [] },
  { name: 'mixed-line-ends.sse', contentType: SSE, finish: 'complete', ...file('mixed-line-ends.sse'), entries: ['done'], logs: [] },
  { name: 'bom.sse', contentType: SSE, finish: 'complete', ...file('bom.sse'), entries: ['done'], logs: [] },
  { name: 'bom-text-plain.txt', contentType: 'text/plain; charset=utf-8', finish: 'complete', ...file('bom-text-plain.txt'), entries: ['done'], logs: [] },
  { name: 'bom.ndjson', contentType: 'application/x-ndjson', finish: 'complete', ...file('bom.ndjson'), entries: ['done'], logs: [] },
  { name: 'nul-bytes.sse', contentType: SSE, finish: 'complete', ...file('nul-bytes.sse'), entries: ['done'], logs: ['not-json', 'unknown-field'] },
  { name: 'lone-surrogates.sse', contentType: SSE, finish: 'complete', ...file('lone-surrogates.sse'), entries: ['done'], logs: [],
    check: ([entry]) => expect(entry?.prompt).toBe('a\ud800b\udfffc') },
  { name: 'binary-garbage.bin (as event-stream)', contentType: SSE, finish: 'complete', ...file('binary-garbage.bin'), entries: [], logs: ['pretty-printed'] },
  { name: 'binary-garbage.bin (as octet-stream)', contentType: 'application/octet-stream', finish: 'complete', ...file('binary-garbage.bin'), entries: [], logs: ['unknown-framing'] },
  // ------------------------------------------------------------------ not what the content type says
  { name: 'non-json-data.sse', contentType: SSE, finish: 'complete', ...file('non-json-data.sse'), entries: [], logs: ['not-json'] },
  { name: 'garbage-between-events.sse', contentType: SSE, finish: 'complete', ...file('garbage-between-events.sse'), entries: ['done'], logs: ['not-json', 'unknown-dialect'] },
  { name: 'png-as-sse.png', contentType: SSE, finish: 'complete', ...file('png-as-sse.png'), entries: [], logs: ['pretty-printed'] },
  { name: 'html-error-page.html (a proxy 502 as event-stream)', contentType: SSE, finish: 'complete', ...file('html-error-page.html'), entries: [], logs: ['pretty-printed'] },
  { name: 'html-error-page.html (as text/html)', contentType: 'text/html', finish: 'complete', ...file('html-error-page.html'), entries: [], logs: ['unknown-framing'] },
  // A whole JSON answer labelled event-stream is not SSE: nothing is read, and it says so.
  { name: 'json-labelled-sse.json (as event-stream)', contentType: SSE, finish: 'complete', ...file('json-labelled-sse.json'), entries: [], logs: ['pretty-printed'] },
  { name: 'json-labelled-sse.json (as json)', contentType: 'application/json', finish: 'complete', ...file('json-labelled-sse.json'), entries: ['done'], logs: [] },
  // The JSON reader skips what is not JSON between values, so SSE labelled JSON is read all the same.
  { name: 'sse-labelled-json.sse (as json)', contentType: 'application/json', finish: 'complete', ...file('sse-labelled-json.sse'), entries: ['done'], logs: ['not-json'] },
  { name: 'sse-labelled-text-plain.sse (sniffed)', contentType: 'text/plain', finish: 'complete', ...file('sse-labelled-text-plain.sse'), entries: ['done'], logs: [] },
  { name: 'deep-json.json', contentType: 'application/json', finish: 'complete', ...file('deep-json.json'), entries: [], logs: ['unknown-dialect'] },
  { name: 'proto-pollution.json', contentType: 'application/json', finish: 'complete', ...file('proto-pollution.json'), entries: ['done', 'done'], logs: [],
    check: () => expect(({} as Record<string, unknown>).polluted).toBeUndefined() },
  // ------------------------------------------------------------------ what the server says
  { name: 'event-error-mid-stream.sse', contentType: SSE, finish: 'complete', ...file('event-error-mid-stream.sse'), entries: ['failed:stream-error'], logs: ['server-error'] },
  { name: 'event-error-after-video.sse', contentType: SSE, finish: 'complete', ...file('event-error-after-video.sse'), entries: ['partial:stream-error'], logs: ['server-error'] },
  { name: 'retry-id-comments.sse', contentType: SSE, finish: 'complete', ...file('retry-id-comments.sse'), entries: ['done'], logs: ['invalid-retry', 'unknown-field'] },
  // Only http(s) links are results; the http(s) URL inside `blob:https://…` is one (see README).
  { name: 'hostile-links.sse', contentType: SSE, finish: 'complete', ...file('hostile-links.sse'), entries: ['done'], logs: [],
    check: ([entry]) => expect(entry?.videoUrl).toBe('https://cdn.test/0b1c.mp4') },
  { name: 'markup-prompt.sse', contentType: SSE, finish: 'complete', ...file('markup-prompt.sse'), entries: ['done'], logs: [],
    check: ([entry]) => expect(entry?.prompt).toBe('<img src=x onerror="globalThis.pwned=1"> \u202Egnp.exe <script>alert(1)</script>') },
  { name: 'many-videos.sse (100 links)', contentType: SSE, finish: 'complete', ...file('many-videos.sse'), entries: times(64, 'done'), logs: [] },
  { name: 'interleaved-choices.sse (n=2: the first choice is the answer)', contentType: SSE, finish: 'complete', ...file('interleaved-choices.sse'), entries: ['done'], logs: [],
    check: ([entry]) => expect(entry?.videoUrl).toBe('https://cdn.test/h/7004_0.mp4') },
  // ------------------------------------------------------------------ large, built here
  { name: 'a single 1 MB line', contentType: SSE, finish: 'complete', entries: ['done'], logs: [],
    chunks: () => chunksOf(new TextEncoder().encode(`data: ${answerEvent(`${TASK_TEXT}${'长'.repeat(1024 * 1024 / 3)}\n[视频](${HOSTILE_VIDEO})\n`)}`), 64 * 1024) },
  { name: '1 MB without a line end', contentType: SSE, finish: 'complete', entries: [], logs: ['unknown-field'],
    chunks: () => chunksOf(new TextEncoder().encode('x'.repeat(1024 * 1024)), 64 * 1024) },
  { name: '50 MB stream, video first (cut by the relay)', contentType: SSE, finish: 'complete', entries: ['partial:truncated+truncated'], logs: ['stream-broke'],
    chunks: () => bigStream({ bytes: 50 * 1024 * 1024, videoFirst: true }) },
  { name: '50 MB stream, video last (cut by the relay)', contentType: SSE, finish: 'complete', entries: ['failed:truncated+truncated'], logs: ['stream-broke'],
    chunks: () => bigStream({ bytes: 50 * 1024 * 1024, videoFirst: false }) },
  { name: '20 000 tiny events', contentType: SSE, finish: 'complete', entries: ['done'], logs: [],
    chunks: function* () {
      yield answerEventLine(TASK_TEXT);
      for (let index = 0; index < 20_000; index++) yield answerEventLine('.');
      yield answerEventLine(`\n[视频](${HOSTILE_VIDEO})\n`);
      yield STOP_EVENT + DONE_EVENT;
    } },
];

export function answerEventLine(text: string): string {
  return `data: ${answerEvent(text)}\n\n`;
}


