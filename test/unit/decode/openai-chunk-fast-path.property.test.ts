import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DIALECTS, type Dialect } from '@/src/decode/dialects';
import { openAiChat, readOpenAiChat } from '@/src/decode/dialects/openai-chat';
import { readOpenAiChunkText, readOpenAiSseRun } from '@/src/decode/openai-chunk-fast-path';
import { createSseDecoder } from '@/src/decode/sse-decoder';
import { decodeChunks, runText } from './dialects/fixture-runner';

/** Property runs take seconds; on a loaded 2-core machine several times more than vitest's 5 s default. */
const PROPERTY_TIMEOUT_MS = 60_000;

/**
 * The fast path must be exact: whenever it answers, its answer is what the openai-chat dialect
 * reads from `JSON.parse` of the same text; when JSON.parse throws, it must not answer at all.
 */
function fullRead(text: string): ReturnType<typeof readOpenAiChat> | 'not-json' {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return 'not-json';
  }
  return readOpenAiChat({ json });
}

/** Checks one text; true when the fast path answered. */
function agrees(text: string): boolean {
  const fast = readOpenAiChunkText(text);
  if (fast === undefined) return false;
  expect(fast).toEqual(fullRead(text));
  return true;
}

const STREAMS = fileURLToPath(new URL('../../fixtures/streams/', import.meta.url));
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Every candidate JSON text of a fixture: SSE event data, and each line and the whole file. */
function textsOf(content: string): string[] {
  const texts: string[] = [content.trim()];
  const decoder = createSseDecoder(
    (event) => texts.push(event.data.trim()),
    () => {},
  );
  decoder.feed(content);
  decoder.end();
  for (const line of content.split('\n')) {
    texts.push(line.trim());
    const data = /^data:\s?(.*)$/.exec(line.trim())?.[1];
    if (data !== undefined) texts.push(data);
  }
  return texts;
}

const withoutFastPath: readonly Dialect[] = DIALECTS.map((dialect) =>
  dialect === openAiChat ? { name: dialect.name, create: () => ({ read: readOpenAiChat }) } : dialect,
);

describe('openai chunk fast path', () => {
  it('agrees with JSON.parse + the dialect on every recorded stream, and answers for the seed', () => {
    let answered = 0;
    let seedAnswered = 0;
    const files = filesUnder(STREAMS).filter((file) => /\.(sse|json|ndjson|txt)$/.test(file));
    expect(files.length).toBeGreaterThan(40);
    for (const file of files) {
      for (const text of textsOf(readFileSync(file, 'utf8'))) {
        if (!agrees(text)) continue;
        answered += 1;
        if (file.endsWith('cogvideo-dog.sse')) seedAnswered += 1;
      }
    }
    // The seed's chunks (its own key order, many null fields) go the fast way, not only the bench's.
    expect(seedAnswered).toBeGreaterThan(50);
    expect(answered).toBeGreaterThan(seedAnswered);
  });

  it('agrees on 10 000 generated chunks: any key order, escapes, surrogate pairs, lone surrogates, broken JSON', () => {
    let answered = 0;
    fc.assert(
      fc.property(chunkText(), (text) => {
        if (agrees(text)) answered += 1;
      }),
      { numRuns: 10_000 },
    );
    // Most generated chunks are valid chunk-shaped JSON: the fast path must take a good share of them.
    expect(answered).toBeGreaterThan(3_000);
  }, PROPERTY_TIMEOUT_MS);

  it('reads runs of one envelope straight from the SSE text exactly as the parser and JSON.parse do, whatever the byte boundaries (events cut by one are held and read whole)', () => {
    let runs = 0;
    /** Events cut by a chunk boundary that the decoder held and gave whole to the run reader. */
    let heldEvents = 0;
    const counted: readonly Dialect[] = DIALECTS.map((dialect) =>
      dialect === openAiChat
        ? {
            name: dialect.name,
            create: () => ({
              read: readOpenAiChat,
              readJsonText: readOpenAiChunkText,
              readSseRun(text: string, from: number) {
                const run = readOpenAiSseRun(text, from);
                if (run) runs += 1;
                if (run && from === 0 && run.end === text.length && text.indexOf('\n\n') === text.length - 2) heldEvents += 1;
                return run;
              },
            }),
          }
        : dialect,
    );
    const envelope = fc.record({
      id: fc.oneof(fc.constant('chatcmpl-1'), hardText),
      model: fc.constantFrom('cogvideox', ' ', 'gpt-4o'),
      escapeAll: fc.boolean(),
    });
    // Mostly events of the one envelope; now and then one that differs (a role, a finish, a usage chunk, a comment).
    const event = fc.oneof(
      { weight: 8, arbitrary: hardText.map((content) => ({ content })) },
      { weight: 1, arbitrary: fc.constantFrom('{"id":"x","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"role":"assistant"}}]}', ': keep-alive', 'event: error', '{"id":"x","object":"chat.completion.chunk","choices":[],"usage":{"total_tokens":3}}') },
    );
    fc.assert(
      fc.property(envelope, fc.array(event, { minLength: 1, maxLength: 30 }), fc.array(fc.nat(), { maxLength: 12 }), fc.boolean(), (head, events, cuts, done) => {
        const data = (content: string): string =>
          `{"id":${stringLiteral(head.id, head.escapeAll)},"object":"chat.completion.chunk","model":"${head.model}","choices":[{"index":0,"delta":{"content":${stringLiteral(content, head.escapeAll)}},"finish_reason":null}]}`;
        const lines = events.map((item) =>
          typeof item === 'string' ? (item.startsWith('{') ? `data: ${item}\n\n` : `${item}\n\n`) : `data: ${data(item.content)}\n\n`,
        );
        const sse = `${lines.join('')}${done ? 'data: [DONE]\n\n' : ''}`;
        const bytes = new TextEncoder().encode(sse);
        const chunks = decodeChunks(bytes, cuts.map((cut) => cut % (bytes.length + 1)));
        expect(runText('text/event-stream', chunks, counted)).toEqual(runText('text/event-stream', chunks, withoutFastPath));
      }),
      { numRuns: 1_000 },
    );
    expect(runs).toBeGreaterThan(300);
    expect(heldEvents).toBeGreaterThan(300);
  }, PROPERTY_TIMEOUT_MS);

  it('gives the pipeline the same outcome as the full parse, whatever the UTF-8 byte boundaries', () => {
    fc.assert(
      fc.property(fc.array(chunkText(false), { minLength: 1, maxLength: 12 }), fc.array(fc.nat(), { maxLength: 20 }), (events, cuts) => {
        const sse = `${events.map((event) => `data: ${event}\n\n`).join('')}data: [DONE]\n\n`;
        const bytes = new TextEncoder().encode(sse);
        const chunks = decodeChunks(bytes, cuts.map((cut) => cut % (bytes.length + 1)));
        expect(runText('text/event-stream', chunks)).toEqual(runText('text/event-stream', chunks, withoutFastPath));
      }),
      { numRuns: 300 },
    );
  }, PROPERTY_TIMEOUT_MS);
});

// ---- generated chunks ----

/** Text with what JSON strings make hard: escapes, controls, pairs, lone surrogates, U+2028. */
const hardText = fc
  .array(
    fc.oneof(
      fc.string({ unit: 'binary', maxLength: 6 }),
      fc.constantFrom('"', '\\', '/', '\n', '\r', '\t', '\b', '\f', '\u0000', '\u001f', '\u2028', '🔥', '一条狗', '\uD800', '\uDFFF', '\uDBFF\uDC00', ' ', ''),
    ),
    { maxLength: 6 },
  )
  .map((parts) => parts.join(''));

const absent = Symbol('absent');
type Field = unknown;

const deltaValue = fc.oneof(
  { weight: 8, arbitrary: fc.record({ content: fc.oneof(hardText, fc.constant(null)), role: fc.constantFrom(absent, 'assistant', null), reasoning_content: fc.constantFrom(absent, '', null), tool_calls: fc.constantFrom(absent, null, []) }) },
  { weight: 1, arbitrary: fc.constantFrom(null, absent, {}, 'text', { content: 5 }) },
);

const choiceValue = fc.oneof(
  {
    weight: 10,
    arbitrary: fc.record({
      index: fc.constantFrom<Field>(0, 0, 0, 1, 2, null, absent, '0', -0, 0.5),
      delta: deltaValue,
      message: fc.constantFrom<Field>(absent, absent, { content: 'from message' }),
      finish_reason: fc.constantFrom<Field>(null, null, 'stop', '', absent, 3),
      logprobs: fc.constantFrom<Field>(absent, null),
    }),
  },
  { weight: 1, arbitrary: fc.constantFrom<Field>(null, 'choice', 0, []) },
);

const chunkObject = fc.record({
  id: fc.oneof(fc.constant('chatcmpl-9HTx3gddGmuG3T9ZYXgeSX'), hardText),
  object: fc.oneof(
    { weight: 8, arbitrary: fc.constant<Field>('chat.completion.chunk') },
    { weight: 1, arbitrary: fc.constantFrom<Field>('chat.completion', absent, 'other', null) },
  ),
  created: fc.oneof(fc.integer({ min: 0, max: 2_000_000_000 }), fc.double({ noNaN: true, noDefaultInfinity: true })),
  model: fc.oneof(fc.constantFrom<Field>('cogvideox', ' ', '', null, absent, 7), hardText),
  system_fingerprint: fc.constantFrom<Field>(absent, null, 'fp_44709d6fcb'),
  choices: fc.oneof({ weight: 12, arbitrary: fc.array(choiceValue, { maxLength: 3 }) }, { weight: 1, arbitrary: fc.constantFrom<Field>(absent, null, {}, 'x') }),
  usage: fc.constantFrom<Field>(absent, null, { prompt_tokens: 1, completion_tokens: 2 }),
  extra: fc.constantFrom<Field>(absent, absent, absent, { a: [1, { b: 'c' }], 'd\\"e': true }),
});

/**
 * A chunk as JSON text: keys in a generated order, strings written by JSON.stringify or with
 * every non-ASCII character (surrogate halves too) as a \u escape, optional whitespace; and,
 * when `mutate`, sometimes one character deleted, inserted or doubled (mostly invalid JSON).
 */
function chunkText(mutate = true): fc.Arbitrary<string> {
  return fc
    .record({
      chunk: chunkObject,
      order: fc.array(fc.nat(), { minLength: 8, maxLength: 8 }),
      escapeAll: fc.boolean(),
      space: fc.constantFrom('', '', '', ' ', '\n  '),
      duplicate: fc.oneof({ weight: 12, arbitrary: fc.constant(absent) }, { weight: 1, arbitrary: fc.constantFrom('model', 'choices', 'object') }),
      // One chunk in four broken by one edit.
      edit: mutate
        ? fc.oneof(
            { weight: 3, arbitrary: fc.constant(null) },
            { weight: 1, arbitrary: fc.record({ at: fc.nat(), kind: fc.constantFrom('delete', 'insert', 'double'), char: fc.constantFrom('"', '\\', ',', '}', ']', 'x', ' ', '\u0001', '0') }) },
          )
        : fc.constant(null),
    })
    .map(({ chunk, order, escapeAll, space, duplicate, edit }) => {
      const entries = Object.entries(chunk).filter(([, value]) => value !== absent);
      const sorted = entries.map((entry, index) => ({ entry, key: order[index] ?? index })).sort((a, b) => a.key - b.key).map((item) => item.entry);
      if (duplicate !== absent) sorted.push([duplicate, 'again']);
      let text = write(sorted, escapeAll, space);
      if (edit) {
        const at = edit.at % (text.length + 1);
        if (edit.kind === 'delete') text = text.slice(0, at) + text.slice(at + 1);
        else if (edit.kind === 'insert') text = text.slice(0, at) + edit.char + text.slice(at);
        else text = text.slice(0, at) + text.slice(at, at + 1) + text.slice(at);
      }
      return text;
    });
}

function write(entries: Array<[string, unknown]>, escapeAll: boolean, space: string): string {
  const value = (item: unknown): string => {
    if (item === absent) return 'null';
    if (typeof item === 'string') return stringLiteral(item, escapeAll);
    if (Array.isArray(item)) return `[${space}${item.map(value).join(`,${space}`)}${space}]`;
    if (typeof item === 'object' && item !== null) {
      const members = Object.entries(item).filter(([, inner]) => inner !== absent);
      return `{${space}${members.map(([key, inner]) => `${stringLiteral(key, escapeAll)}${space}:${space}${value(inner)}`).join(`,${space}`)}${space}}`;
    }
    if (Object.is(item, -0)) return '-0';
    return JSON.stringify(item);
  };
  return `{${space}${entries.map(([key, inner]) => `${stringLiteral(key, false)}:${space}${value(inner)}`).join(`,${space}`)}${space}}`;
}

function stringLiteral(text: string, escapeAll: boolean): string {
  if (!escapeAll) return JSON.stringify(text);
  let out = '"';
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code === 0x22) out += '\\"';
    else if (code === 0x5c) out += '\\\\';
    else if (code < 0x20 || code > 0x7e) {
      // Both cases of hex digits, as servers write either.
      const hex = code.toString(16).padStart(4, '0');
      out += `\\u${index % 2 ? hex.toUpperCase() : hex}`;
    } else out += text.charAt(index);
  }
  return `${out}"`;
}
