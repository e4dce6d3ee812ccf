import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { createCaptureService, type CaptureLog, type CaptureService } from '@/src/background/capture-service';
import type { BackgroundToRelayMessage, RelayMessage } from '@/src/protocol/messages';
import { openVideoDb } from '@/src/store/video-db';
import { createVideoStore, type VideoStore } from '@/src/store/video-store';
import { createCaptureJournal } from '@/src/capture-log/capture-journal';
import { createFakePort, type FakePort } from '../../support/fake-port';
import { fakeExtractor } from '../sites/fake-extractor';
import { seedExpected, seedSse } from '../../support/seed';

const EXTENSION_ID = 'test-extension-id';
const sender = { id: EXTENSION_ID, url: 'http://localhost:3000/chat', frameId: 0, tab: { id: 1 } };
let store: VideoStore;
let service: CaptureService;
let logs: CaptureLog[];
let changes: number;
let dbCount = 0;

beforeEach(async () => {
  dbCount += 1;
  store = createVideoStore(await openVideoDb(`service-${dbCount}`));
  logs = [];
  changes = 0;
  service = createCaptureService({
    extensionId: EXTENSION_ID,
    store,
    log: (entry) => logs.push(entry),
    onEntriesChanged: () => (changes += 1),
  });
});

type Port = FakePort<unknown, BackgroundToRelayMessage>;
function connect(portSender: Port['sender'] = sender): Port {
  const port = createFakePort<unknown, BackgroundToRelayMessage>(portSender);
  service.connect(port);
  return port;
}

const seedText = new TextDecoder().decode(seedSse);
function seedMessages(streamId = 'abc-1', pieces = 5): RelayMessage[] {
  const size = Math.ceil(seedText.length / pieces);
  const chunks = Array.from({ length: pieces }, (_, index) => seedText.slice(index * size, (index + 1) * size));
  return [
    { type: 'stream-open', streamId, endpointUrl: 'http://localhost:3000/v1/chat/completions', contentType: 'text/event-stream', startedAt: 1, requestModel: 'cogvideox' },
    ...chunks.map((text, seq): RelayMessage => ({ type: 'stream-chunk', streamId, seq, text })),
    { type: 'stream-end', streamId, chunks: pieces, outcome: 'complete' },
  ];
}

describe('capture service', () => {
  it('stores the seed, taking the site from the browser sender, and confirms the stream', async () => {
    const port = connect();
    for (const message of seedMessages()) port.deliver(message);
    await service.idle();
    await new Promise((resolve) => setTimeout(resolve, 0));
    const entries = await store.list();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      status: 'done',
      videoUrl: seedExpected.videos[0]!.video,
      site: 'http://localhost:3000',
      pageUrl: sender.url,
      model: 'cogvideox',
    });
    expect(port.posted).toContainEqual({ type: 'stream-closed', streamId: 'abc-1' });
    expect(changes).toBeGreaterThan(0);
  });

  it('stores nothing twice when a relay replays the whole stream after a worker restart', async () => {
    const first = connect();
    const messages = seedMessages();
    for (const message of messages.slice(0, 3)) first.deliver(message);
    // A new worker: a new service with no memory, the relay replays everything.
    service = createCaptureService({ extensionId: EXTENSION_ID, store, log: () => {}, onEntriesChanged: () => {} });
    const second = connect();
    for (const message of messages) second.deliver(message);
    await service.idle();
    expect(await store.list()).toHaveLength(1);
    expect((await store.list())[0]).toMatchObject({ status: 'done' });
  });

  it('says when each write was stored, so an entry it created tells itself from one seen again', async () => {
    let clock = 1_000;
    const writes: Array<{ ids: string[]; created: boolean[] }> = [];
    service = createCaptureService({
      extensionId: EXTENSION_ID,
      store,
      log: () => {},
      now: () => (clock += 10),
      onEntriesChanged: (entries, { writtenAt }) =>
        writes.push({ ids: entries.map((entry) => entry.id), created: entries.map((entry) => entry.createdAt === writtenAt) }),
    });
    const first = connect();
    for (const message of seedMessages('first')) first.deliver(message);
    await service.idle();
    // The first write creates the entry; later writes of the same stream only update it.
    expect(writes[0]?.created[0]).toBe(true);
    expect(writes.slice(1).flatMap((write) => write.created)).not.toContain(true);

    // The same answer again (a replay, the chat reloaded): the entry is old news, and as the
    // replay changes nothing in it, nothing is written or told.
    const seen = writes.length;
    const again = connect();
    for (const message of seedMessages('again')) again.deliver(message);
    await service.idle();
    expect(writes.slice(seen).flatMap((write) => write.created)).not.toContain(true);
    expect(writes.slice(seen)).toEqual([]);
    expect((await store.list())[0]?.createdAt).toBe(1_010);
  });

  it('asks for a replay when it gets chunks of a stream it does not know, once', async () => {
    const port = connect();
    const [, chunk0, chunk1] = seedMessages();
    port.deliver(chunk0);
    port.deliver(chunk1);
    expect(port.posted).toEqual([{ type: 'stream-replay', streamId: 'abc-1' }]);
  });

  it('asks for a replay on a gap in the sequence and ignores duplicates', async () => {
    const port = connect();
    const messages = seedMessages();
    port.deliver(messages[0]);
    port.deliver(messages[1]);
    port.deliver(messages[1]);
    expect(port.posted).toEqual([]);
    port.deliver(messages[3]);
    expect(port.posted).toEqual([{ type: 'stream-replay', streamId: 'abc-1' }]);
  });

  it('fails a generating entry as interrupted when its page goes away mid-stream', async () => {
    const port = connect();
    const cut = seedText.indexOf('🔥');
    port.deliver(seedMessages()[0]);
    port.deliver({ type: 'stream-chunk', streamId: 'abc-1', seq: 0, text: seedText.slice(0, cut + 200) });
    await service.idle();
    expect((await store.list())[0]).toMatchObject({ status: 'generating' });
    expect(service.liveEntryIds()).toEqual(new Set([`task:${seedExpected.videos[0]!.taskId}:0`]));
    port.drop();
    await service.idle();
    expect((await store.list())[0]).toMatchObject({ status: 'failed', failureReason: 'interrupted' });
    expect(service.liveEntryIds().size).toBe(0);
  });

  it('refuses ports from other extensions, from non-tab senders and from non-http pages', async () => {
    for (const bad of [
      { ...sender, id: 'someone-else' },
      { id: EXTENSION_ID, url: 'http://localhost:3000/' },
      { ...sender, url: 'file:///home/user/page.html' },
    ]) {
      const port = connect(bad);
      for (const message of seedMessages()) port.deliver(message);
    }
    await service.idle();
    expect(await store.list()).toEqual([]);
    expect(logs.filter((log) => log.type === 'refused-sender')).toHaveLength(3);
  });

  it('drops malformed and hostile messages with a logged reason', async () => {
    const port = connect();
    const hostile: unknown[] = [
      null,
      'stream-open',
      { type: 'stream-open', streamId: '../x', endpointUrl: 'http://a.test/', contentType: 'text/event-stream', startedAt: 1 },
      { type: 'stream-open', streamId: 's', endpointUrl: 'javascript:alert(1)', contentType: 'text/event-stream', startedAt: 1 },
      { type: 'stream-chunk', streamId: 's', seq: -1, text: 'x' },
      { type: 'stream-chunk', streamId: 's', seq: 0, text: 'x'.repeat(2 * 1024 * 1024) },
      { type: 'stream-end', streamId: 's', chunks: 0, outcome: 'whatever' },
    ];
    for (const message of hostile) port.deliver(message);
    await service.idle();
    expect(logs.filter((log) => log.type === 'bad-message')).toHaveLength(hostile.length);
    expect(await store.list()).toEqual([]);
  });
});

describe('capture service replay limit', () => {
  it('gives up on a stream whose replays keep failing instead of looping', async () => {
    const port = connect();
    const open = seedMessages()[0]!;
    // A relay that replays a stream whose chunk the background always refuses.
    const badChunk = { type: 'stream-chunk', streamId: 'abc-1', seq: 1, text: 'x' };
    for (let round = 0; round < 10; round += 1) {
      port.deliver(open);
      port.deliver(badChunk);
    }
    const replays = port.posted.filter((message) => message.type === 'stream-replay');
    expect(replays).toHaveLength(3);
    expect(logs.some((log) => log.message.includes('gave up'))).toBe(true);
  });
});

describe('capture service with site extractors', () => {
  const appSender = { id: EXTENSION_ID, url: 'https://videos.example.test/create', frameId: 0, tab: { id: 2 } };
  const stream = (streamId: string, open: Partial<Extract<RelayMessage, { type: 'stream-open' }>>, body: string): RelayMessage[] => [
    { type: 'stream-open', streamId, endpointUrl: 'https://videos.example.test/api/task/t1', contentType: 'application/json', startedAt: 5, ...open },
    { type: 'stream-chunk', streamId, seq: 0, text: body },
    { type: 'stream-end', streamId, chunks: 1, outcome: 'complete' },
  ];

  it('routes a video app endpoint to its extractor (by page host, method and path): create, polls and a list make one entry', async () => {
    const journal = createCaptureJournal();
    service = createCaptureService({ extensionId: EXTENSION_ID, store, log: (entry) => logs.push(entry), onEntriesChanged: () => {}, extractors: [fakeExtractor], journal });
    const port = connect(appSender);
    const deliver = async (messages: RelayMessage[]) => {
      for (const message of messages) port.deliver(message);
      await service.idle();
    };
    await deliver(
      stream('c-1', { endpointUrl: 'https://videos.example.test/api/create', method: 'POST', requestBody: JSON.stringify({ prompt: '一只猫', image: 'https://cdn.example.test/in.png' }) }, JSON.stringify({ code: 0, data: { id: 't1' } })),
    );
    expect(await store.list()).toEqual([expect.objectContaining({ id: 'task:fake-app:t1:0', status: 'generating', prompt: '一只猫', source: 'site' })]);
    await deliver(stream('p-1', {}, JSON.stringify({ code: 0, data: { tasks: [{ id: 't1', state: 'running', percent: 40 }] } })));
    expect((await store.list())[0]).toMatchObject({ status: 'generating', percent: 40 });
    const done = JSON.stringify({ code: 0, data: { tasks: [{ id: 't1', state: 'done', videos: [{ url: 'https://cdn.example.test/t1.mp4', cover: 'https://cdn.example.test/t1.jpg' }] }] } });
    await deliver(stream('p-2', {}, done));
    await deliver(stream('p-3', {}, done));
    const entries = await store.list();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ status: 'done', videoUrl: 'https://cdn.example.test/t1.mp4', coverUrl: 'https://cdn.example.test/t1.jpg', prompt: '一只猫', inputImageUrl: 'https://cdn.example.test/in.png' });
    expect(entries[0]).not.toHaveProperty('percent');
    expect(journal.records().map((record) => `${record.method} ${record.path} ${record.handledBy} ${record.outcome}`)).toEqual([
      'GET videos.example.test/api/task/t1 fake-app/task found',
      'GET videos.example.test/api/task/t1 fake-app/task found',
      'GET videos.example.test/api/task/t1 fake-app/task found',
      'POST videos.example.test/api/create fake-app/create found',
    ]);
  });

  it('gives a response of the app no endpoint matches (another method) to the generic reader, not the dialects, and logs an unknown shape', async () => {
    const journal = createCaptureJournal();
    service = createCaptureService({ extensionId: EXTENSION_ID, store, log: (entry) => logs.push(entry), onEntriesChanged: () => {}, extractors: [fakeExtractor], journal });
    const port = connect(appSender);
    for (const message of stream('u-1', {}, JSON.stringify({ code: 7, data: {} }))) port.deliver(message);
    for (const message of stream('m-1', { method: 'DELETE' }, JSON.stringify({ code: 0 }))) port.deliver(message);
    await service.idle();
    expect(logs.map((entry) => entry.type)).toContain('unknown-shape');
    expect(journal.records().map((record) => [record.method, record.handledBy, record.outcome, record.issues])).toEqual([
      ['DELETE', 'fake-app/generic', 'nothing', []],
      ['GET', 'fake-app/task', 'skipped', ['unknown-shape']],
    ]);
  });
});
