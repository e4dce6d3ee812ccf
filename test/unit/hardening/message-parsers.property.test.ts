import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PageMessage, RelayMessage } from '@/src/protocol/messages';
import { MAX_CHUNK_TEXT, parseRelayMessage } from '@/src/protocol/parse-relay-message';
import { MAX_PAGE_CHUNK_BYTES, parsePageMessage } from '@/src/relay/parse-page-message';

/** Property runs take seconds; on a loaded 2-core machine several times more than vitest's 5 s default. */
const PROPERTY_TIMEOUT_MS = 60_000;

/**
 * The two parsers at the trust boundaries never throw, and whatever they let through satisfies
 * its type's invariants (shape, sizes, http(s) endpoints, no extra keys). Inputs are what can
 * cross a MessagePort or a runtime Port: structured-clonable data, never getters or proxies.
 */
export const RUNS = 4_000;

const OUTCOMES = ['complete', 'error', 'aborted', 'truncated'];
const anything = fc.anything({
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withSparseArray: true,
  withTypedArray: true,
  withObjectString: true,
});
/** Numbers that sit on or just past the edges the parsers check. */
const edgyNumber = fc.oneof(
  fc.constantFrom(-1, 0, 1, 0.5, -0, Number.NaN, Infinity, -Infinity, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 2, 2 ** 53, 1e308),
  fc.integer(),
  fc.double(),
);
/** Strings on both sides of a length limit. */
const sized = (max: number): fc.Arbitrary<string> =>
  fc.oneof(
    fc.string({ maxLength: 40, unit: 'binary' }),
    fc.constantFrom(max - 1, max, max + 1).map((length) => 'x'.repeat(length)),
  );
const hostileUrl = fc.oneof(
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc.constantFrom(
    'javascript:alert(1)',
    'data:text/event-stream,data: x',
    'file:///etc/passwd',
    'blob:http://localhost/uuid',
    'about:blank',
    'chrome-extension://abc/popup.html',
    'ws://localhost/socket',
    'wss://chat.example/ws',
    'ftp://host/x',
    '/relative/path',
    '',
    'http://',
    'http:// spaced.test/',
    'https://user:pass@host.test/v1/chat/completions',
    'http://\u202Eevil.test/',
    `https://host.test/${'a'.repeat(5000)}`,
  ),
  fc.string({ unit: 'binary', maxLength: 60 }),
);
/** A field that is usually of the right kind and sometimes anything at all. */
const or = <T>(valid: fc.Arbitrary<T>): fc.Arbitrary<unknown> => fc.oneof({ weight: 4, arbitrary: valid }, { weight: 1, arbitrary: anything });

const nearPageMessage = fc.oneof(
  fc.record(
    {
      kind: or(fc.constant('open')),
      id: or(edgyNumber),
      url: or(hostileUrl),
      contentType: or(sized(256)),
      requestBody: or(fc.oneof(fc.json(), sized(64 * 1024))),
      method: or(fc.oneof(fc.constantFrom('POST', 'get', 'Put', 'DELETE'), sized(20))),
    },
    { requiredKeys: [] },
  ),
  fc.record(
    {
      kind: or(fc.constant('chunk')),
      id: or(edgyNumber),
      bytes: or(
        fc.oneof(
          fc.uint8Array({ maxLength: 64 }),
          fc.int8Array({ maxLength: 8 }),
          fc.constantFrom(MAX_PAGE_CHUNK_BYTES, MAX_PAGE_CHUNK_BYTES + 1).map((size) => new Uint8Array(size)),
          fc.constant(new ArrayBuffer(8)),
          fc.constant(new DataView(new ArrayBuffer(8))),
        ),
      ),
      text: or(sized(MAX_PAGE_CHUNK_BYTES)),
    },
    { requiredKeys: [] },
  ),
  fc.record(
    { kind: or(fc.constant('end')), id: or(edgyNumber), outcome: or(fc.constantFrom(...OUTCOMES, 'done', '')), error: or(sized(500)) },
    { requiredKeys: [] },
  ),
);

const streamId = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9_-]{1,80}$/),
  fc.constantFrom('', '../x', 'a'.repeat(81), 'id with space', 'n0-1\n', '\u202Eid'),
);
const nearRelayMessage = fc.oneof(
  fc.record(
    {
      type: or(fc.constant('stream-open')),
      streamId: or(streamId),
      endpointUrl: or(hostileUrl),
      contentType: or(sized(256)),
      startedAt: or(edgyNumber),
      requestModel: or(fc.oneof(sized(200), fc.constantFrom(' ', '  model  ', '\u202Emodel'))),
      method: or(fc.oneof(fc.constantFrom('POST', 'get', 'Put', 'DELETE'), sized(20))),
      requestBody: or(fc.oneof(fc.json(), sized(64 * 1024 + 1))),
    },
    { requiredKeys: [] },
  ),
  fc.record(
    { type: or(fc.constant('stream-chunk')), streamId: or(streamId), seq: or(edgyNumber), text: or(sized(MAX_CHUNK_TEXT)) },
    { requiredKeys: [] },
  ),
  fc.record(
    {
      type: or(fc.constant('stream-end')),
      streamId: or(streamId),
      chunks: or(edgyNumber),
      outcome: or(fc.constantFrom(...OUTCOMES, 'disconnected', '')),
      error: or(sized(500)),
    },
    { requiredKeys: [] },
  ),
);

const isCount = (value: unknown): boolean => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
const keysWithin = (value: object, allowed: string[]): void => {
  for (const key of Object.keys(value)) expect(allowed).toContain(key);
};

/** Throws (fails the property) unless `message` is a well-formed page message. */
function assertPageMessage(message: PageMessage): void {
  expect(isCount(message.id)).toBe(true);
  switch (message.kind) {
    case 'open':
      keysWithin(message, ['kind', 'id', 'url', 'contentType', 'requestBody', 'method']);
      if (message.method !== undefined) expect(message.method).toMatch(/^(?!GET$)[A-Z]{3,10}$/);
      expect(typeof message.url === 'string' && message.url.length <= 4096).toBe(true);
      expect(typeof message.contentType === 'string' && message.contentType.length <= 256).toBe(true);
      if (message.requestBody !== undefined) expect(typeof message.requestBody === 'string' && message.requestBody.length <= 64 * 1024).toBe(true);
      return;
    case 'chunk':
      keysWithin(message, ['kind', 'id', 'bytes', 'text']);
      if ('bytes' in message) {
        expect(message.bytes instanceof Uint8Array && message.bytes.byteLength <= MAX_PAGE_CHUNK_BYTES).toBe(true);
        expect('text' in message).toBe(false);
      } else {
        expect(typeof message.text === 'string' && message.text.length <= MAX_PAGE_CHUNK_BYTES).toBe(true);
      }
      return;
    case 'end':
      keysWithin(message, ['kind', 'id', 'outcome', 'error']);
      expect(OUTCOMES).toContain(message.outcome);
      if (message.error !== undefined) expect(typeof message.error === 'string' && message.error.length <= 500).toBe(true);
      return;
    default:
      expect.fail(`unknown kind ${String((message as { kind: unknown }).kind)}`);
  }
}

/** Throws (fails the property) unless `message` is a well-formed relay message. */
function assertRelayMessage(message: RelayMessage): void {
  expect(message.streamId).toMatch(/^[A-Za-z0-9_-]{1,80}$/);
  switch (message.type) {
    case 'stream-open': {
      keysWithin(message, ['type', 'streamId', 'endpointUrl', 'contentType', 'startedAt', 'requestModel', 'method', 'requestBody']);
      if (message.method !== undefined) expect(message.method).toMatch(/^(?!GET$)[A-Z]{3,10}$/);
      if (message.requestBody !== undefined) expect(message.requestBody.length).toBeLessThanOrEqual(64 * 1024);
      const url = new URL(message.endpointUrl);
      expect(['http:', 'https:']).toContain(url.protocol);
      expect(url.href).toBe(message.endpointUrl);
      expect(message.endpointUrl.length).toBeLessThanOrEqual(4096);
      expect(typeof message.contentType === 'string' && message.contentType.length <= 256).toBe(true);
      expect(isCount(message.startedAt)).toBe(true);
      if (message.requestModel !== undefined) {
        expect(message.requestModel).toBe(message.requestModel.trim());
        expect(message.requestModel.length).toBeGreaterThan(0);
        expect(message.requestModel.length).toBeLessThanOrEqual(200);
      }
      return;
    }
    case 'stream-chunk':
      keysWithin(message, ['type', 'streamId', 'seq', 'text']);
      expect(isCount(message.seq)).toBe(true);
      expect(typeof message.text === 'string' && message.text.length <= MAX_CHUNK_TEXT).toBe(true);
      return;
    case 'stream-end':
      keysWithin(message, ['type', 'streamId', 'chunks', 'outcome', 'error']);
      expect(isCount(message.chunks)).toBe(true);
      expect(OUTCOMES).toContain(message.outcome);
      if (message.error !== undefined) expect(typeof message.error === 'string' && message.error.length > 0 && message.error.length <= 500).toBe(true);
      return;
    default:
      expect.fail(`unknown type ${String((message as { type: unknown }).type)}`);
  }
}

describe('parsePageMessage (page world → relay)', () => {
  it(`never throws on anything a page can post, and lets only well-formed messages through (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(fc.oneof(anything, nearPageMessage), (value) => {
        const parsed = parsePageMessage(structuredClone(value));
        if (parsed) assertPageMessage(parsed);
      }),
      { numRuns: RUNS },
    );
  }, 60_000);

  it(`takes every well-formed message as it is (${RUNS / 10} runs)`, () => {
    const valid = fc.oneof(
      fc.record({ kind: fc.constant('open' as const), id: fc.nat(), url: fc.webUrl(), contentType: fc.constantFrom('text/event-stream', 'application/json') }),
      fc.record({ kind: fc.constant('chunk' as const), id: fc.nat(), text: fc.string({ unit: 'binary', maxLength: 200 }) }),
      fc.record({ kind: fc.constant('chunk' as const), id: fc.nat(), bytes: fc.uint8Array({ maxLength: 200 }) }),
      fc.record({ kind: fc.constant('end' as const), id: fc.nat(), outcome: fc.constantFrom('complete' as const, 'error' as const, 'aborted' as const, 'truncated' as const) }),
    );
    fc.assert(
      fc.property(valid, (message) => {
        expect(parsePageMessage(structuredClone(message))).toEqual(message);
      }),
      { numRuns: RUNS / 10 },
    );
  }, PROPERTY_TIMEOUT_MS);
});

describe('parseRelayMessage (relay → background)', () => {
  it(`never throws on anything a Port can carry, and lets only well-formed messages through (${RUNS} runs)`, () => {
    fc.assert(
      fc.property(fc.oneof(anything, nearRelayMessage), (value) => {
        // Chrome serializes runtime Port messages as JSON; Firefox clones them.
        const sent = structuredClone(value);
        const parsed = parseRelayMessage(sent);
        if (parsed) assertRelayMessage(parsed);
      }),
      { numRuns: RUNS },
    );
  }, 60_000);

  it(`takes every well-formed message as it is (${RUNS / 10} runs)`, () => {
    const httpUrl = fc.webUrl({ validSchemes: ['http', 'https'], withQueryParameters: true }).map((url) => new URL(url).href);
    const id = fc.stringMatching(/^[A-Za-z0-9_-]{1,80}$/);
    const valid = fc.oneof(
      fc.record({ type: fc.constant('stream-open' as const), streamId: id, endpointUrl: httpUrl, contentType: fc.constant('text/event-stream'), startedAt: fc.nat() }),
      fc.record({ type: fc.constant('stream-chunk' as const), streamId: id, seq: fc.nat(), text: fc.string({ unit: 'binary', maxLength: 200 }) }),
      fc.record({ type: fc.constant('stream-end' as const), streamId: id, chunks: fc.nat(), outcome: fc.constantFrom('complete' as const, 'error' as const) }),
    );
    fc.assert(
      fc.property(valid, (message) => {
        expect(parseRelayMessage(JSON.parse(JSON.stringify(message)))).toEqual(message);
      }),
      { numRuns: RUNS / 10 },
    );
  }, PROPERTY_TIMEOUT_MS);
});
