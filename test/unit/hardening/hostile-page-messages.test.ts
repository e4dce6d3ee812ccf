import 'fake-indexeddb/auto';
import { deleteDB } from 'idb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import background from '@/entrypoints/background';
import type { CapturePort } from '@/src/background/capture-service';
import { MAX_FRAME_TEXT, MAX_OPEN_STREAMS, MAX_OPENS_PER_SECOND, MAX_STREAM_TEXT, createRelay, type Relay } from '@/src/relay/create-relay';
import { MAX_PAGE_CHUNK_BYTES } from '@/src/relay/parse-page-message';
import { openVideoDb, VIDEO_DB_NAME } from '@/src/store/video-db';
import type { VideoEntry } from '@/src/store/video-entry';
import { answerEventLine } from './support/hostile-cases';
import { DONE_EVENT, HOSTILE_VIDEO, STOP_EVENT, TASK_TEXT } from './support/hostile-answer';
import { linkPorts, trackUnhandledRejections } from './support/pipeline';

/**
 * Anything a page can hand the relay (if it ever got hold of the private port), through the
 * real relay into the real background (entrypoints/background.ts on WXT's fake browser): no
 * entry outside a stream the relay accepted as intercepted, never a download, and every flood
 * bounded by a cap with a logged reason.
 */

const connectListeners: Array<(port: CapturePort & { name: string }) => void> = [];
const download = vi.fn(async () => 1);
const PAGE = { id: '', url: 'http://localhost:3000/chat', frameId: 0, tab: { id: 4 } };
const ENDPOINT = 'http://localhost:3000/v1/chat/completions';
const SSE = 'text/event-stream';
const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
/** An answer holding a video: what a forged message would like to get stored. */
const VIDEO_ANSWER = answerEventLine(TASK_TEXT) + answerEventLine(`[视频](${HOSTILE_VIDEO})\n`) + STOP_EVENT + DONE_EVENT;

let relay: Relay;
let timers: Array<() => void>;
let warnings: string[];
let clock: number;
let relays = 0;

const rejections = trackUnhandledRejections();

beforeEach(async () => {
  fakeBrowser.reset();
  connectListeners.length = 0;
  download.mockClear();
  Object.assign(fakeBrowser.runtime, {
    onConnect: { addListener: (listener: (typeof connectListeners)[number]) => connectListeners.push(listener) },
  });
  Object.assign(fakeBrowser, { downloads: { download } });
  // Nor permissions.onAdded/onRemoved (site access, rule packs); nothing here grants or revokes a site.
  Object.assign(fakeBrowser.permissions, { onAdded: { addListener: () => {} }, onRemoved: { addListener: () => {} } });
  // The last test's worker let go of the database when it was asked to (versionchange).
  await deleteDB(VIDEO_DB_NAME);
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  background.main();
  relay = newRelay();
});

afterEach(async () => {
  expect(download).not.toHaveBeenCalled();
  expect(rejections.take()).toEqual([]);
  vi.restoreAllMocks();
});

function newRelay(): Relay {
  timers = [];
  warnings = [];
  clock = 1_000_000;
  relays += 1;
  return createRelay({
    connect() {
      const link = linkPorts({ ...PAGE, id: fakeBrowser.runtime.id });
      for (const listener of connectListeners) listener(Object.assign(link.service, { name: 'capture' }));
      return link.relay;
    },
    nonce: `forge${relays}`,
    now: () => clock,
    schedule: (callback) => timers.push(callback),
    warn: (message) => warnings.push(message),
  });
}

async function settle(): Promise<void> {
  for (let round = 0; round < 5; round++) {
    while (timers.length > 0) timers.splice(0).forEach((timer) => timer());
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

async function stored(): Promise<VideoEntry[]> {
  const db = await openVideoDb();
  const entries = await db.getAll('videos');
  db.close();
  return entries;
}

const open = (id: number, url = ENDPOINT): unknown => ({ kind: 'open', id, url, contentType: SSE });
const chunk = (id: number, text = VIDEO_ANSWER): unknown => ({ kind: 'chunk', id, bytes: encode(text) });
const end = (id: number, outcome: unknown = 'complete'): unknown => ({ kind: 'end', id, outcome });

/** Forged or malformed page messages; none of them is (part of) a stream the relay accepted. */
// prettier-ignore
const FORGED: Array<[string, () => Iterable<unknown>]> = [
  ['a chunk holding a video, for a stream never opened', () => [chunk(1)]],
  ['a text chunk holding a video, for a stream never opened', () => [{ kind: 'chunk', id: 1, text: VIDEO_ANSWER }]],
  ['an end, then a chunk, for a stream never opened', () => [end(1), chunk(1), end(1)]],
  ['a chunk holding a video after its stream ended', () => [open(1), end(1), chunk(1), end(1)]],
  ['a chunk for another stream id than the one opened', () => [open(1), chunk(2), end(2), end(1)]],
  ...['javascript:alert(1)', 'data:text/event-stream,x', 'file:///etc/passwd', 'blob:http://localhost:3000/0b1c', 'about:blank',
    'chrome-extension://abcdefghijklmnop/popup.html', 'ftp://localhost/x', '/v1/chat/completions', '', 'http://\u202Eevil.test/v1']
    .map((url): [string, () => Iterable<unknown>] => [`a stream whose endpoint is ${JSON.stringify(url)}`, () => [open(1, url), chunk(1), end(1)]]),
  ...[-1, 1.5, Number.NaN, Infinity, 2 ** 53, '1', null]
    .map((id): [string, () => Iterable<unknown>] => [`a stream with the id ${String(id)}`, () => [{ ...(open(0) as object), id }, { ...(chunk(0) as object), id }, { ...(end(0) as object), id }]]),
  ['a stream id with an RTL override', () => [{ ...(open(0) as object), id: '\u202E1' }, { ...(chunk(0) as object), id: '\u202E1' }]],
  ['an open with a 5 000-character URL', () => [open(1, `http://localhost:3000/${'a'.repeat(5000)}`), chunk(1), end(1)]],
  ['an open with a 300-character content type', () => [{ ...(open(1) as object), contentType: 'x'.repeat(300) }, chunk(1), end(1)]],
  ...([['a string', 'data: x'], ['an array', [100, 97]], ['an ArrayBuffer', new ArrayBuffer(4)], ['a DataView', new DataView(new ArrayBuffer(4))],
    ['an Int8Array', new Int8Array(4)], ['a number', 7], ['null', null]] as const)
    .map(([what, bytes]): [string, () => Iterable<unknown>] => [`chunk bytes that are ${what}`, () => [{ kind: 'chunk', id: 9, bytes }, { kind: 'chunk', id: 9, text: bytes }]]),
  ['a 100 MB byte chunk', () => [{ kind: 'chunk', id: 9, bytes: new Uint8Array(100 * 1024 * 1024) }]],
  ['a 100 MB text chunk', () => [{ kind: 'chunk', id: 9, text: 'x'.repeat(100 * 1024 * 1024) }]],
  ['an end with an unknown outcome', () => [{ kind: 'end', id: 9, outcome: 'done' }, { kind: 'end', id: 9, outcome: { toString: () => 'complete' } }]],
  ['values that are not messages', () => [null, undefined, 0, 42, Number.NaN, '', 'open', true, [], [open(1)], new Date(0), new Map([['kind', 'open']]), new Uint8Array(8)]],
  ['a message under __proto__', () => [JSON.parse(`{"__proto__": ${JSON.stringify(open(1))}}`) as unknown, JSON.parse(`{"__proto__": ${JSON.stringify({ kind: 'chunk', id: 1, text: VIDEO_ANSWER })}}`) as unknown]],
  ['an unknown kind', () => [{ kind: 'OPEN', id: 1, url: ENDPOINT, contentType: SSE }, { kind: 'chunk ', id: 1, text: VIDEO_ANSWER }, { kind: 'replay', id: 1 }]],
  ['10 000 chunks holding a video in one second, for no stream', function* () {
    for (let index = 0; index < 10_000; index++) yield { kind: 'chunk', id: 1, text: VIDEO_ANSWER };
  }],
  ['10 000 malformed messages in one second', function* () {
    for (let index = 0; index < 10_000; index++) yield { kind: 'chunk', id: -index };
  }],
];

describe('forged page messages', () => {
  it(`has ${FORGED.length} forged-message cases`, () => {
    expect(FORGED.length).toBeGreaterThanOrEqual(40);
  });

  it.each(FORGED)('%s: no entry, no download', async (_name, messages) => {
    for (const message of messages()) relay.receive(message);
    await settle();
    expect(await stored()).toEqual([]);
    expect(relay.pendingStreams()).toBeLessThanOrEqual(1);
    // Every drop said why, and a flood of drops does not flood the console.
    expect(warnings.length).toBeLessThanOrEqual(21);
  });

  it('stores a real stream after all that (the checks above are not vacuous)', async () => {
    for (const [, messages] of FORGED) for (const message of messages()) relay.receive(message);
    relay.receive(open(50));
    relay.receive(chunk(50));
    relay.receive(end(50));
    await settle();
    expect((await stored()).map((entry) => [entry.status, entry.videoUrl, entry.site])).toEqual([['done', HOSTILE_VIDEO, 'http://localhost:3000']]);
    expect(relay.pendingStreams()).toBe(0);
  });

  it('asks the background for no download from a page, however the request is shaped', async () => {
    const sender = { id: fakeBrowser.runtime.id, url: PAGE.url, tab: { id: 4, index: 0, highlighted: true, active: true, pinned: false, incognito: false } };
    const requests = [{ type: 'download-entry', id: 'task:7001:0' }, { type: 'download-entry', id: { toString: () => 'x' } }, { type: 'download-entry' }, 'download-entry', null];
    for (const request of requests) {
      const answers = await fakeBrowser.runtime.onMessage.trigger(request, sender);
      expect(answers.every((answer) => answer === undefined)).toBe(true);
    }
  });
});

describe('caps, each with a logged reason', () => {
  it(`opens at most ${MAX_OPENS_PER_SECOND} streams a second and keeps at most ${MAX_OPEN_STREAMS}`, async () => {
    for (let id = 1; id <= 10_000; id++) relay.receive(open(id));
    expect(relay.pendingStreams()).toBe(MAX_OPEN_STREAMS);
    expect(warnings.some((warning) => warning.includes(`over ${MAX_OPENS_PER_SECOND} streams opened in one second`))).toBe(true);
    expect(warnings.some((warning) => warning.includes(`over ${MAX_OPEN_STREAMS} open streams`))).toBe(true);
    expect(warnings.length).toBeLessThanOrEqual(21);
    // A second later the page may open streams again, and the background has a slot for them:
    // the streams pushed out were ended, not forgotten.
    clock += 1000;
    relay.receive(open(20_001));
    relay.receive(chunk(20_001));
    relay.receive(end(20_001));
    await settle();
    expect((await stored()).map((entry) => entry.videoUrl)).toEqual([HOSTILE_VIDEO]);
    expect(warnings.some((warning) => /capture relay: \d+ more warnings in one second suppressed/.test(warning))).toBe(true);
  });

  it('cuts a stream past its own cap and marks its entry truncated', async () => {
    relay.receive(open(1));
    relay.receive(chunk(1, answerEventLine(TASK_TEXT) + answerEventLine(`[视频](${HOSTILE_VIDEO})\n`)));
    const filler = encode(answerEventLine('y'.repeat(64 * 1024)));
    // 10 000 messages of 64 KB in one go: 640 MB offered, at most the cap kept.
    for (let index = 0; index < 10_000; index++) relay.receive({ kind: 'chunk', id: 1, bytes: filler });
    relay.receive(end(1));
    await settle();
    expect(await stored()).toEqual([expect.objectContaining({ status: 'partial', partialReason: 'truncated', truncated: true })]);
    expect(relay.pendingStreams()).toBe(0);
    expect(MAX_STREAM_TEXT).toBeLessThan(MAX_FRAME_TEXT);
  });

  it('cuts the stream that would make a frame keep more than its cap', async () => {
    const filler = 'z'.repeat(MAX_PAGE_CHUNK_BYTES);
    // Three streams that never end (the background never confirms them), each just under its own cap.
    for (const id of [1, 2, 3]) {
      relay.receive(open(id));
      relay.receive({ kind: 'chunk', id, text: answerEventLine(`> VideoTask(id=90${id}, image_url=None, prompt=p)\n`) });
      for (let sent = 0; sent + filler.length < MAX_STREAM_TEXT - 1024; sent += filler.length) relay.receive({ kind: 'chunk', id, text: filler });
    }
    await settle();
    expect(warnings.some((warning) => warning.includes(`this frame keeps over ${MAX_FRAME_TEXT} characters`))).toBe(true);
    const entries = await stored();
    expect(entries.filter((entry) => entry.status === 'failed' && entry.failureReason === 'truncated' && entry.truncated)).toHaveLength(1);
    expect(entries.filter((entry) => entry.status === 'generating')).toHaveLength(2);
  });
});
