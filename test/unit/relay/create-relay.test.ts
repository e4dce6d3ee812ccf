import { beforeEach, describe, expect, it } from 'vitest';
import { WEBSOCKET_CONTENT_TYPE, type BackgroundToRelayMessage, type PageMessage, type RelayMessage } from '@/src/protocol/messages';
import { createRelay, MAX_STREAM_TEXT, type Relay } from '@/src/relay/create-relay';
import { MAX_PAGE_CHUNK_BYTES } from '@/src/relay/parse-page-message';
import { createFakePort, type FakePort } from '../../support/fake-port';

type Port = FakePort<BackgroundToRelayMessage, RelayMessage>;
let ports: Port[];
let timers: Array<() => void>;
let warnings: string[];
let relay: Relay;
let refuseConnect = false;

beforeEach(() => {
  ports = [];
  timers = [];
  warnings = [];
  refuseConnect = false;
  relay = createRelay({
    connect() {
      if (refuseConnect) throw new Error('Extension context invalidated.');
      const port = createFakePort<BackgroundToRelayMessage, RelayMessage>();
      ports.push(port);
      return port;
    },
    nonce: 'n0',
    now: () => 1234,
    schedule: (callback) => timers.push(callback),
    warn: (message) => warnings.push(message),
  });
});

const encode = (text: string) => new TextEncoder().encode(text);
const open: PageMessage = { kind: 'open', id: 1, url: 'http://localhost/v1/chat/completions', contentType: 'text/event-stream', requestBody: '{"model":"cogvideox","stream":true}' };
const runTimers = () => timers.splice(0).forEach((timer) => timer());

describe('relay', () => {
  it('forwards a stream as open, batched chunks and end, decoding UTF-8 split across chunks', () => {
    const bytes = encode('data: 一条狗\n\n');
    relay.receive(open);
    relay.receive({ kind: 'chunk', id: 1, bytes: bytes.subarray(0, 7) });
    relay.receive({ kind: 'chunk', id: 1, bytes: bytes.subarray(7) });
    runTimers();
    relay.receive({ kind: 'end', id: 1, outcome: 'complete' });
    expect(ports).toHaveLength(1);
    expect(ports[0]!.posted).toEqual([
      // A chat page's request body (the conversation) stays on the page: only the model crosses.
      { type: 'stream-open', streamId: 'n0-1', endpointUrl: open.url, contentType: 'text/event-stream', startedAt: 1234, requestModel: 'cogvideox' },
      { type: 'stream-chunk', streamId: 'n0-1', seq: 0, text: 'data: 一条狗\n\n' },
      { type: 'stream-end', streamId: 'n0-1', chunks: 1, outcome: 'complete' },
    ]);
  });

  it('forwards text chunks (XHR, EventSource, WebSocket) as they are, batched with the bytes of no other stream', () => {
    relay.receive({ kind: 'open', id: 2, url: 'ws://127.0.0.1:8080/ws/socket.io/?EIO=4&transport=websocket', contentType: WEBSOCKET_CONTENT_TYPE });
    relay.receive({ kind: 'chunk', id: 2, text: '"0{\\"sid\\":\\"a\\"}"\n' });
    relay.receive({ kind: 'chunk', id: 2, text: '"42[\\"chat-events\\",{}]"\n' });
    runTimers();
    relay.receive({ kind: 'end', id: 2, outcome: 'complete' });
    expect(ports[0]!.posted).toEqual([
      {
        type: 'stream-open',
        streamId: 'n0-2',
        // The background takes http(s) endpoints only; the content type says it was a socket.
        endpointUrl: 'http://127.0.0.1:8080/ws/socket.io/?EIO=4&transport=websocket',
        contentType: WEBSOCKET_CONTENT_TYPE,
        startedAt: 1234,
      },
      { type: 'stream-chunk', streamId: 'n0-2', seq: 0, text: '"0{\\"sid\\":\\"a\\"}"\n"42[\\"chat-events\\",{}]"\n' },
      { type: 'stream-end', streamId: 'n0-2', chunks: 1, outcome: 'complete' },
    ]);
  });

  it("forwards a request body on a video app's page only, where its site extractor reads it", () => {
    const conversation = JSON.stringify({ model: 'cogvideox', messages: [{ role: 'user', content: 'my private conversation' }] });
    relay.receive({ ...open, requestBody: conversation });
    expect(JSON.stringify(ports[0]!.posted)).not.toContain('private conversation');
    const appPorts: Port[] = [];
    const app = createRelay({
      connect() {
        const port = createFakePort<BackgroundToRelayMessage, RelayMessage>();
        appPorts.push(port);
        return port;
      },
      nonce: 'n1',
      now: () => 1234,
      schedule: (callback) => timers.push(callback),
      warn: (message) => warnings.push(message),
      requestBodies: true,
    });
    app.receive({ ...open, requestBody: conversation });
    expect(appPorts[0]!.posted[0]).toMatchObject({ type: 'stream-open', requestModel: 'cogvideox', requestBody: conversation });
  });

  it('maps wss: to https:', () => {
    relay.receive({ kind: 'open', id: 3, url: 'WSS://chat.example/ws/socket.io/', contentType: WEBSOCKET_CONTENT_TYPE });
    expect(ports[0]!.posted[0]).toMatchObject({ endpointUrl: 'https://chat.example/ws/socket.io/' });
  });

  it('replays every unconfirmed stream on a new port when the background goes away', () => {
    relay.receive(open);
    relay.receive({ kind: 'chunk', id: 1, bytes: encode('a') });
    runTimers();
    ports[0]!.drop();
    expect(ports).toHaveLength(2);
    expect(ports[1]!.posted.map((message) => message.type)).toEqual(['stream-open', 'stream-chunk']);
    relay.receive({ kind: 'chunk', id: 1, bytes: encode('b') });
    runTimers();
    relay.receive({ kind: 'end', id: 1, outcome: 'complete' });
    expect(ports[1]!.posted.slice(2)).toEqual([
      { type: 'stream-chunk', streamId: 'n0-1', seq: 1, text: 'b' },
      { type: 'stream-end', streamId: 'n0-1', chunks: 2, outcome: 'complete' },
    ]);
  });

  it('forgets a stream once the background confirms it, and then does not reconnect', () => {
    relay.receive(open);
    relay.receive({ kind: 'end', id: 1, outcome: 'complete' });
    ports[0]!.deliver({ type: 'stream-closed', streamId: 'n0-1' });
    expect(relay.pendingStreams()).toBe(0);
    ports[0]!.drop();
    expect(ports).toHaveLength(1);
  });

  it('resends a stream when the background asks for a replay', () => {
    relay.receive(open);
    relay.receive({ kind: 'chunk', id: 1, bytes: encode('x') });
    runTimers();
    ports[0]!.deliver({ type: 'stream-replay', streamId: 'n0-1' });
    expect(ports[0]!.posted.map((message) => message.type)).toEqual(['stream-open', 'stream-chunk', 'stream-open', 'stream-chunk']);
  });

  it('cuts a stream that grows past its cap and marks it truncated', () => {
    relay.receive(open);
    const big = new Uint8Array(4 * 1024 * 1024).fill(0x61);
    for (let sent = 0; sent <= MAX_STREAM_TEXT; sent += big.length) relay.receive({ kind: 'chunk', id: 1, bytes: big });
    const end = ports[0]!.posted.find((message) => message.type === 'stream-end');
    expect(end).toMatchObject({ outcome: 'truncated' });
  });

  it('splits a megabyte chunk into messages the background accepts, never inside a surrogate pair', () => {
    relay.receive(open);
    // 1.5 Mi characters of emoji (surrogate pairs) arrive in one read, as from a fast page.
    const text = '🔥'.repeat(768 * 1024);
    relay.receive({ kind: 'chunk', id: 1, bytes: encode(text) });
    const chunks = ports[0]!.posted.filter((message) => message.type === 'stream-chunk');
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.map((chunk) => chunk.seq)).toEqual(chunks.map((_, index) => index));
    for (const chunk of chunks) {
      expect(chunk.text.length).toBeLessThanOrEqual(1024 * 1024);
      expect(chunk.text.codePointAt(0)).toBe(0x1f525);
      expect(/[\uD800-\uDBFF]$/.test(chunk.text)).toBe(false);
    }
    expect(chunks.map((chunk) => chunk.text).join('')).toBe(text);
  });

  it('drops malformed page messages with a warning', () => {
    const bad = [
      null,
      42,
      { kind: 'chunk', id: 1, bytes: 'text' },
      { kind: 'chunk', id: 1, text: 42 },
      { kind: 'chunk', id: 1, text: 'x'.repeat(MAX_PAGE_CHUNK_BYTES + 1) },
      { kind: 'chunk', id: 1 },
      { kind: 'open', id: -1 },
      { kind: 'nope', id: 1 },
    ];
    for (const message of bad) relay.receive(message);
    expect(warnings).toHaveLength(bad.length);
    expect(ports).toHaveLength(0);
  });

  it('stops for good when the extension context is gone', () => {
    refuseConnect = true;
    relay.receive(open);
    expect(warnings.some((warning) => warning.includes('stopped'))).toBe(true);
    relay.receive(open);
    expect(ports).toHaveLength(0);
  });
});
