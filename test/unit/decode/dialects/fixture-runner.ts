import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { bodyFormatOf, createAnswerReassembler, type AnswerCallbacks, type BodyFormat } from '@/src/decode/answer-reassembler';
import { DIALECTS, type Dialect } from '@/src/decode/dialects';
import { createVideoAnswerReader } from '@/src/extract/video-answer';

/** Recorded dialect streams: `<dialect>.<ext>` or `<dialect>.<variant>.<ext>`, each beside its `.expected.json`. */
export const FIXTURE_DIR = fileURLToPath(new URL('../../../fixtures/streams/dialects/', import.meta.url));
export const TEST_DIR = fileURLToPath(new URL('./', import.meta.url));

/** What a fixture must yield, written from the format's documentation, not from this code's output. */
export interface FixtureExpectation {
  /** The public documentation (or library) the fixture follows. */
  basedOn: string;
  contentType: string;
  text: string;
  /** The last model reported, or null when the format names none. */
  model: string | null;
  finished: boolean;
  /** Issue types reported, in order. */
  issues: string[];
  task?: { id: string; prompt: string };
  /** Percent done the stream reported outside the answer text, when it does. */
  percent?: number;
  videos: { videoUrl: string; coverUrl?: string }[];
}

export interface DialectFixture {
  file: string;
  bytes: Uint8Array;
  expected: FixtureExpectation;
}

/** What the reassembler and the extractor made of a stream. */
export interface Outcome {
  text: string;
  model: string | null;
  finished: boolean;
  issues: string[];
  task?: { id: string; prompt: string };
  percent?: number;
  videos: { videoUrl: string; coverUrl?: string }[];
}

const EXPECTED_SUFFIX = '.expected.json';

/** File names of every recorded fixture (not the expectations). */
export function fixtureFiles(): string[] {
  return readdirSync(FIXTURE_DIR)
    .filter((file) => !file.endsWith(EXPECTED_SUFFIX))
    .sort();
}

/** The expectation file of a fixture: its name without the last extension, plus `.expected.json`. */
export function expectedFileOf(file: string): string {
  return file.replace(/\.[^.]+$/, '') + EXPECTED_SUFFIX;
}

/** The dialect a fixture belongs to: its name up to the first dot. */
export function dialectOf(file: string): string {
  return file.split('.', 1)[0] ?? '';
}

export function loadFixture(file: string): DialectFixture {
  const bytes = new Uint8Array(readFileSync(`${FIXTURE_DIR}${file}`));
  const expected = JSON.parse(readFileSync(`${FIXTURE_DIR}${expectedFileOf(file)}`, 'utf8')) as FixtureExpectation;
  return { file, bytes, expected };
}

/** Every fixture of one dialect. */
export function fixturesOf(dialect: string): DialectFixture[] {
  return fixtureFiles()
    .filter((file) => dialectOf(file) === dialect)
    .map(loadFixture);
}

/**
 * Runs text chunks through the reassembler and the video extractor; `typeOrFormat` is a
 * Content-Type value (`text/event-stream`), or a framing name (`data-stream`) to skip the mapping.
 */
export function runText(typeOrFormat: string, chunks: readonly string[], dialects: readonly Dialect[] = DIALECTS): Outcome {
  const reader = createVideoAnswerReader();
  let text = '';
  let model: string | null = null;
  let finished = false;
  const issues: string[] = [];
  const format = typeOrFormat.includes('/') ? bodyFormatOf(typeOrFormat) : (typeOrFormat as BodyFormat);
  const callbacks: AnswerCallbacks = {
    onText(piece) {
      text += piece;
      reader.push(piece);
    },
    onModel(name) {
      model = name;
    },
    onFinished() {
      finished = true;
    },
    onIssue(issue) {
      issues.push(issue.type);
    },
    onProgress(progress) {
      reader.report(progress);
    },
  };
  const reassembler = createAnswerReassembler(format, callbacks, dialects);
  for (const chunk of chunks) reassembler.feed(chunk);
  // A recorded body is whole: it ended cleanly.
  reassembler.end(true);
  reader.end();
  const { task, percent, videos } = reader.answer;
  return {
    text,
    model,
    finished,
    issues,
    ...(task ? { task: { id: task.id, prompt: task.prompt } } : {}),
    ...(percent === undefined ? {} : { percent }),
    videos: videos.map((video) => ({ videoUrl: video.videoUrl, ...(video.coverUrl ? { coverUrl: video.coverUrl } : {}) })),
  };
}

/** Splits bytes at the given offsets and decodes them as the relay does: one streaming TextDecoder. */
export function decodeChunks(bytes: Uint8Array, offsets: readonly number[]): string[] {
  const decoder = new TextDecoder();
  const cuts = [...new Set(offsets)].filter((offset) => offset > 0 && offset < bytes.length).sort((a, b) => a - b);
  const chunks: string[] = [];
  let start = 0;
  for (const cut of [...cuts, bytes.length]) {
    chunks.push(decoder.decode(bytes.subarray(start, cut), { stream: true }));
    start = cut;
  }
  chunks.push(decoder.decode());
  return chunks;
}

/** What the expectation file says, in the shape of an outcome. */
export function expectedOutcome(expected: FixtureExpectation): Outcome {
  return {
    text: expected.text,
    model: expected.model,
    finished: expected.finished,
    issues: expected.issues,
    ...(expected.task ? { task: expected.task } : {}),
    ...(expected.percent === undefined ? {} : { percent: expected.percent }),
    videos: expected.videos,
  };
}

/** Asserts that a fixture, fed whole, yields exactly its expectation. */
export function expectFixture(fixture: DialectFixture): void {
  const outcome = runText(fixture.expected.contentType, decodeChunks(fixture.bytes, []));
  expect(outcome).toEqual(expectedOutcome(fixture.expected));
}

/** SSE text of `[event name or undefined, data]` pairs; data that is not a string is sent as JSON. */
export function sseText(events: readonly (readonly [string | undefined, unknown])[]): string {
  return events
    .map(([event, data]) => {
      const field = event === undefined ? '' : `event: ${event}\n`;
      return `${field}data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`;
    })
    .join('');
}
