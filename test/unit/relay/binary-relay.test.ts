import { beforeEach, describe, expect, it } from 'vitest';
import type { BackgroundToRelayMessage, PageMessage, RelayMessage, StreamBytes } from '@/src/protocol/messages';
import { parseRelayMessage } from '@/src/protocol/parse-relay-message';
import { createByteBatch } from '@/src/relay/byte-batch';
import { carriesBytes } from '@/src/relay/carries-bytes';
import { createRelay, MAX_STREAM_TEXT, type Relay } from '@/src/relay/create-relay';
import { createFakePort, type FakePort } from '../../support/fake-port';

type Port = FakePort<BackgroundToRelayMessage, RelayMessage>;
let ports: Port[];
let timers: Array<() => void>;
let relay: Relay;

beforeEach(() => {
  ports = [];
  timers = [];
  relay = createRelay({
    connect() {
      const port = createFakePort<BackgroundToRelayMessage, RelayMessage>();
      ports.push(port);
      return port;
    },
    nonce: 'n0',
    now: () => 1234,
    schedule: (callback) => timers.push(callback),
    warn: () => {},
    binary: true,
  });
});

const open: PageMessage = { kind: 'open', id: 1, url: 'http://localhost/v1/chat/completions', contentType: 'text/event-stream' };
const runTimers = () => timers.splice(0).forEach((timer) => timer());
const bytesOf = (port: Port): StreamBytes[] => port.posted.filter((message): message is StreamBytes => message.type === 'stream-bytes');
const joined = (chunks: readonly StreamBytes[]): Uint8Array => {
  const out = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.bytes.byteLength, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk.bytes, offset);
    offset += chunk.bytes.byteLength;
  }
  return out;
};

describe('relay in binary mode', () => {
  it('forwards body bytes undecoded, in order, split anywhere (even inside a character), in batches of at most 256 KiB', () => {
    const body = new TextEncoder().encode(`data: ${'一条狗🔥'.repeat(40_000)}\n\n`);
    relay.receive(open);
    // Reads of odd sizes, cut inside multibyte characters, as the network delivers them.
    for (let offset = 0; offset < body.length; offset += 16_381) relay.receive({ kind: 'chunk', id: 1, bytes: body.slice(offset, offset + 16_381) });
    runTimers();
    relay.receive({ kind: 'end', id: 1, outcome: 'complete' });
    const sent = bytesOf(ports[0]!);
    expect(sent.map((message) => message.seq)).toEqual(sent.map((_, index) => index));
    expect(sent.every((message) => message.bytes.byteLength <= 256 * 1024)).toBe(true);
    // Buffer.equals: an element-wise toEqual of half a megabyte takes seconds.
    expect(Buffer.from(joined(sent)).equals(body)).toBe(true);
    expect(ports[0]!.posted.some((message) => message.type === 'stream-chunk')).toBe(false);
    expect(ports[0]!.posted.at(-1)).toEqual({ type: 'stream-end', streamId: 'n0-1', chunks: sent.length, outcome: 'complete' });
  });

  it('replays the very same bytes to a new background after the worker stopped', () => {
    const body = new TextEncoder().encode('data: {"a":"é"}\n\n');
    relay.receive(open);
    relay.receive({ kind: 'chunk', id: 1, bytes: body.slice(0, 13) });
    runTimers();
    ports[0]!.drop();
    relay.receive({ kind: 'chunk', id: 1, bytes: body.slice(13) });
    runTimers();
    relay.receive({ kind: 'end', id: 1, outcome: 'complete' });
    expect(ports).toHaveLength(2);
    expect(ports[1]!.posted.map((message) => message.type)).toEqual(['stream-open', 'stream-bytes', 'stream-bytes', 'stream-end']);
    expect(joined(bytesOf(ports[1]!))).toEqual(body);
  });

  it('still forwards text chunks (XHR, EventSource, WebSocket) as text', () => {
    relay.receive(open);
    relay.receive({ kind: 'chunk', id: 1, text: 'data: x\n\n' });
    runTimers();
    expect(ports[0]!.posted[1]).toEqual({ type: 'stream-chunk', streamId: 'n0-1', seq: 0, text: 'data: x\n\n' });
  });

  it('cuts a stream past its cap, counting bytes', () => {
    relay.receive(open);
    const big = new Uint8Array(4 * 1024 * 1024).fill(0x61);
    for (let sent = 0; sent <= MAX_STREAM_TEXT; sent += big.length) relay.receive({ kind: 'chunk', id: 1, bytes: big });
    expect(ports[0]!.posted.find((message) => message.type === 'stream-end')).toMatchObject({ outcome: 'truncated' });
    expect(joined(bytesOf(ports[0]!)).byteLength).toBeLessThanOrEqual(MAX_STREAM_TEXT);
  });
});

describe('byte batch', () => {
  it('joins parts into buffers of at most the limit, byte for byte, and is empty after', () => {
    const batch = createByteBatch(5);
    const parts = [[1, 2, 3], [], [4], [5, 6, 7, 8, 9, 10, 11], [12]].map((part) => new Uint8Array(part));
    for (const part of parts) batch.add(part);
    expect(batch.size).toBe(12);
    expect(batch.take().map((buffer) => [...buffer])).toEqual([[1, 2, 3, 4, 5], [6, 7, 8, 9, 10], [11, 12]]);
    expect(batch.size).toBe(0);
    expect(batch.take()).toEqual([]);
  });

  it('copies a view into a larger buffer without keeping the rest of it', () => {
    const buffer = new Uint8Array([9, 9, 1, 2, 9]);
    const batch = createByteBatch(64);
    batch.add(buffer.subarray(2, 4));
    const [taken] = batch.take();
    expect([...taken!]).toEqual([1, 2]);
    expect(taken!.buffer.byteLength).toBe(2);
  });
});

describe('carriesBytes', () => {
  const declared = { message_serialization: 'structured_clone' };
  it('is true only for Chrome 148+ with structured clone messaging declared', () => {
    expect(carriesBytes(declared, 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.8078.129 Safari/537.36')).toBe(true);
    expect(carriesBytes(declared, 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/148.0.0.0 Safari/537.36')).toBe(true);
    expect(carriesBytes(declared, 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/147.0.0.0 Safari/537.36')).toBe(false);
    expect(carriesBytes({}, 'Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36')).toBe(false);
    expect(carriesBytes(declared, 'Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0')).toBe(false);
  });
});

describe('parseRelayMessage, stream-bytes', () => {
  it('takes a Uint8Array up to the chunk limit, nothing else', () => {
    const bytes = new Uint8Array([100, 97]);
    expect(parseRelayMessage({ type: 'stream-bytes', streamId: 's-1', seq: 0, bytes })).toEqual({ type: 'stream-bytes', streamId: 's-1', seq: 0, bytes });
    // What JSON messaging makes of a Uint8Array: an object of numbers.
    expect(parseRelayMessage({ type: 'stream-bytes', streamId: 's-1', seq: 0, bytes: { 0: 100, 1: 97 } })).toBeUndefined();
    expect(parseRelayMessage({ type: 'stream-bytes', streamId: 's-1', seq: 0, bytes: new Uint8Array(1024 * 1024 + 1) })).toBeUndefined();
    expect(parseRelayMessage({ type: 'stream-bytes', streamId: 's-1', seq: -1, bytes })).toBeUndefined();
  });
});
