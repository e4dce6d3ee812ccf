import { beforeEach, describe, expect, it } from 'vitest';
import type { BackgroundToRelayMessage, PageMessage, RelayMessage, StreamBlob } from '@/src/protocol/messages';
import { MAX_BLOB_SIZE, parseRelayMessage } from '@/src/protocol/parse-relay-message';
import { blobBatches, MAX_EMBEDDED_BLOB, splitTail, type BodyPart } from '@/src/relay/blob-batches';
import { carriesBlobs } from '@/src/relay/carries-blobs';
import { BULK_FLUSH_BYTES, createRelay, MAX_HOLD_MS, MAX_STREAM_TEXT, type Relay } from '@/src/relay/create-relay';
import { createFakePort, type FakePort } from '../../support/fake-port';

type Port = FakePort<BackgroundToRelayMessage, RelayMessage>;
let ports: Port[];
let timers: Array<() => void>;
let relay: Relay;
let clock: number;

beforeEach(() => {
  ports = [];
  timers = [];
  clock = 1234;
  relay = createRelay({
    connect() {
      const port = createFakePort<BackgroundToRelayMessage, RelayMessage>();
      ports.push(port);
      return port;
    },
    nonce: 'n0',
    now: () => clock,
    schedule: (callback) => timers.push(callback),
    warn: () => {},
    blobs: true,
  });
});

const open: PageMessage = { kind: 'open', id: 1, url: 'http://localhost/v1/chat/completions', contentType: 'text/event-stream' };
const runTimers = () => timers.splice(0).forEach((timer) => timer());
const blobsOf = (port: Port): StreamBlob[] => port.posted.filter((message): message is StreamBlob => message.type === 'stream-blob');
const joined = async (chunks: readonly StreamBlob[]): Promise<Buffer> => Buffer.from(await new Blob(chunks.map((chunk) => chunk.blob)).arrayBuffer());

describe('relay in Blob mode', () => {
  it('forwards body bytes undecoded, in order, split anywhere (even inside a character), and ends in embedded Blobs', async () => {
    const body = new TextEncoder().encode(`data: ${'一条狗🔥'.repeat(40_000)}\n\n`);
    relay.receive(open);
    // Reads of odd sizes, cut inside multibyte characters, as the network delivers them.
    for (let offset = 0; offset < body.length; offset += 16_381) relay.receive({ kind: 'chunk', id: 1, bytes: body.slice(offset, offset + 16_381) });
    runTimers();
    relay.receive({ kind: 'end', id: 1, outcome: 'complete' });
    const sent = blobsOf(ports[0]!);
    expect(sent.map((message) => message.seq)).toEqual(sent.map((_, index) => index));
    // Buffer.equals: an element-wise toEqual of half a megabyte takes seconds.
    expect((await joined(sent)).equals(body)).toBe(true);
    // The end of the answer travels embedded, the rest in one bulk Blob.
    expect(sent.at(-1)!.blob.size).toBe(MAX_EMBEDDED_BLOB);
    expect(sent.map((message) => message.blob.size)).toEqual([body.length - MAX_EMBEDDED_BLOB, MAX_EMBEDDED_BLOB]);
    expect(ports[0]!.posted.some((message) => message.type === 'stream-chunk')).toBe(false);
    expect(ports[0]!.posted.at(-1)).toEqual({ type: 'stream-end', streamId: 'n0-1', chunks: sent.length, outcome: 'complete' });
  });

  it('sends a slow body at each batching window, embedded', async () => {
    relay.receive(open);
    relay.receive({ kind: 'chunk', id: 1, bytes: new TextEncoder().encode('data: {"a":1}\n\n') });
    expect(blobsOf(ports[0]!)).toHaveLength(0);
    runTimers();
    const sent = blobsOf(ports[0]!);
    expect(sent).toHaveLength(1);
    expect(new TextDecoder().decode(await joined(sent))).toBe('data: {"a":1}\n\n');
  });

  it('holds a fast body for one bulk Blob: sent once BULK_FLUSH_BYTES are pending, or after MAX_HOLD_MS', () => {
    relay.receive(open);
    const read = (): Uint8Array<ArrayBuffer> => new Uint8Array(1024 * 1024).fill(0x61);
    relay.receive({ kind: 'chunk', id: 1, bytes: read() });
    runTimers();
    expect(blobsOf(ports[0]!)).toHaveLength(0); // held: more is coming fast
    for (let count = 1; count < BULK_FLUSH_BYTES / (1024 * 1024); count += 1) relay.receive({ kind: 'chunk', id: 1, bytes: read() });
    expect(blobsOf(ports[0]!).map((message) => message.blob.size)).toEqual([BULK_FLUSH_BYTES]);
    relay.receive({ kind: 'chunk', id: 1, bytes: read() });
    runTimers();
    expect(blobsOf(ports[0]!)).toHaveLength(1);
    clock += MAX_HOLD_MS;
    runTimers();
    expect(blobsOf(ports[0]!).map((message) => message.blob.size)).toEqual([BULK_FLUSH_BYTES, 1024 * 1024]);
  });

  it('replays the very same bytes to a new background after the worker stopped', async () => {
    const body = new TextEncoder().encode('data: {"a":"é"}\n\n');
    relay.receive(open);
    relay.receive({ kind: 'chunk', id: 1, bytes: body.slice(0, 13) });
    runTimers();
    ports[0]!.drop();
    relay.receive({ kind: 'chunk', id: 1, bytes: body.slice(13) });
    runTimers();
    relay.receive({ kind: 'end', id: 1, outcome: 'complete' });
    expect(ports).toHaveLength(2);
    expect(ports[1]!.posted.map((message) => message.type)).toEqual(['stream-open', 'stream-blob', 'stream-blob', 'stream-end']);
    expect([...(await joined(blobsOf(ports[1]!)))]).toEqual([...body]);
  });

  it('sends text chunks (XHR, EventSource, WebSocket) as UTF-8 in Blobs, a surrogate pair split between two chunks kept whole', async () => {
    relay.receive(open);
    relay.receive({ kind: 'chunk', id: 1, text: 'data: x🔥'.slice(0, -1) });
    relay.receive({ kind: 'chunk', id: 1, text: '🔥'.slice(1) + '\n\n' });
    runTimers();
    const sent = blobsOf(ports[0]!);
    expect(sent).toHaveLength(1);
    expect(new TextDecoder().decode(await joined(sent))).toBe('data: x🔥\n\n');
  });

  it('cuts a stream past its cap, counting bytes', async () => {
    relay.receive(open);
    const big = new Uint8Array(4 * 1024 * 1024).fill(0x61);
    for (let sent = 0; sent <= MAX_STREAM_TEXT; sent += big.length) relay.receive({ kind: 'chunk', id: 1, bytes: big.slice() });
    expect(ports[0]!.posted.find((message) => message.type === 'stream-end')).toMatchObject({ outcome: 'truncated' });
    const sent = blobsOf(ports[0]!);
    expect(sent.every((message) => message.blob.size <= MAX_BLOB_SIZE)).toBe(true);
    expect((await joined(sent)).byteLength).toBeLessThanOrEqual(MAX_STREAM_TEXT);
  });
});

describe('blobBatches', () => {
  const flat = (batches: Array<Array<Uint8Array | string>>): string =>
    batches.map((batch) => batch.map((part) => (typeof part === 'string' ? `"${part}"` : `[${[...part].join(',')}]`)).join('+')).join(' | ');

  it('cuts bytes anywhere into groups of at most the limit, in order, without copying', () => {
    const parts = [[1, 2, 3], [], [4], [5, 6, 7, 8, 9, 10, 11], [12]].map((part) => new Uint8Array(part));
    const batches = blobBatches(parts, 5);
    expect(flat(batches)).toBe('[1,2,3]+[4]+[5] | [6,7,8,9,10] | [11]+[12]');
    const [cut] = batches[1]!;
    expect((cut as Uint8Array).buffer).toBe(parts[3]!.buffer);
  });

  it('counts text at 3 bytes a unit and never cuts a surrogate pair', () => {
    expect(flat(blobBatches(['abcd', 'e'], 9))).toBe('"abc" | "d"+"e"');
    expect(flat(blobBatches(['a🔥b'], 9))).toBe('"a🔥" | "b"');
    expect(flat(blobBatches(['ab🔥'], 9))).toBe('"ab" | "🔥"');
    expect(flat(blobBatches([new Uint8Array([1, 2, 3, 4]), 'xy'], 9))).toBe('[1,2,3,4] | "xy"');
  });

  it('keeps every Blob within the bound for any mix of parts', () => {
    const parts = [new Uint8Array(700_000), 'é'.repeat(100_000), new Uint8Array(10), '🔥'.repeat(50_000)];
    const batches = blobBatches(parts, MAX_EMBEDDED_BLOB);
    const sizes = batches.map((batch) => new Blob(batch).size);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(MAX_EMBEDDED_BLOB);
    expect(sizes.reduce((sum, size) => sum + size, 0)).toBe(new Blob(parts).size);
  });
});

describe('splitTail', () => {
  const text = (parts: BodyPart[]): string => parts.map((part) => (typeof part === 'string' ? part : new TextDecoder().decode(part))).join('');
  it('keeps the last bytes whole in the tail, cutting the part that straddles the cut', () => {
    const parts: BodyPart[] = [new TextEncoder().encode('head-'), new TextEncoder().encode('middle'), new TextEncoder().encode('end')];
    const { head, tail } = splitTail(parts, 5);
    expect(text(head)).toBe('head-midd');
    expect(text(tail)).toBe('leend');
  });

  it('counts text at 3 bytes a unit, never cuts a surrogate pair, and takes all when all fits', () => {
    expect(splitTail(['ab🔥'], 6)).toEqual({ head: ['ab'], tail: ['🔥'] });
    expect(splitTail(['a🔥'], 3)).toEqual({ head: ['a🔥'], tail: [] });
    expect(splitTail(['ab', 'c'], 100)).toEqual({ head: [], tail: ['ab', 'c'] });
  });
});

describe('carriesBlobs', () => {
  const declared = { message_serialization: 'structured_clone' };
  it('is true only for Chrome 148+ with structured clone messaging declared', () => {
    expect(carriesBlobs(declared, 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.8078.129 Safari/537.36')).toBe(true);
    expect(carriesBlobs(declared, 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/148.0.0.0 Safari/537.36')).toBe(true);
    expect(carriesBlobs(declared, 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/147.0.0.0 Safari/537.36')).toBe(false);
    expect(carriesBlobs({}, 'Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36')).toBe(false);
    expect(carriesBlobs(declared, 'Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0')).toBe(false);
  });
});

describe('parseRelayMessage, stream-blob', () => {
  it('takes a Blob up to the chunk limit, nothing else', () => {
    const blob = new Blob(['da']);
    expect(parseRelayMessage({ type: 'stream-blob', streamId: 's-1', seq: 0, blob })).toEqual({ type: 'stream-blob', streamId: 's-1', seq: 0, blob });
    // What JSON messaging makes of a Blob: an empty object.
    expect(parseRelayMessage({ type: 'stream-blob', streamId: 's-1', seq: 0, blob: {} })).toBeUndefined();
    expect(parseRelayMessage({ type: 'stream-blob', streamId: 's-1', seq: 0, blob: new Blob([new Uint8Array(MAX_BLOB_SIZE + 1)]) })).toBeUndefined();
    expect(parseRelayMessage({ type: 'stream-blob', streamId: 's-1', seq: -1, blob })).toBeUndefined();
    expect(parseRelayMessage({ type: 'stream-bytes', streamId: 's-1', seq: 0, bytes: new Uint8Array([100]) })).toBeUndefined();
  });
});
