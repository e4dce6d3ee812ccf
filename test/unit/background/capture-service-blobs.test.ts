import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { createCaptureService, type CaptureService } from '@/src/background/capture-service';
import type { BackgroundToRelayMessage, RelayMessage, StreamBlob } from '@/src/protocol/messages';
import { openVideoDb } from '@/src/store/video-db';
import { createVideoStore, type VideoStore } from '@/src/store/video-store';
import { createFakePort } from '../../support/fake-port';
import { seedExpected, seedSse } from '../../support/seed';

const EXTENSION_ID = 'test-extension-id';
const sender = { id: EXTENSION_ID, url: 'http://localhost:3000/chat', frameId: 0, tab: { id: 1 } };
let store: VideoStore;
let dbCount = 0;

const newService = (): CaptureService =>
  createCaptureService({ extensionId: EXTENSION_ID, store, log: () => {}, onEntriesChanged: () => {} });
const connect = (service: CaptureService) => {
  const port = createFakePort<unknown, BackgroundToRelayMessage>(sender);
  service.connect(port);
  return port;
};

beforeEach(async () => {
  dbCount += 1;
  store = createVideoStore(await openVideoDb(`service-blobs-${dbCount}`));
});

/** The seed's bytes in pieces of 7 bytes: most cuts fall inside a multibyte character. */
function seedByteMessages(streamId = 'abc-1'): RelayMessage[] {
  const pieces: Uint8Array[] = [];
  for (let offset = 0; offset < seedSse.length; offset += 7) pieces.push(seedSse.slice(offset, offset + 7));
  return [
    { type: 'stream-open', streamId, endpointUrl: 'http://localhost:3000/v1/chat/completions', contentType: 'text/event-stream', startedAt: 1 },
    ...pieces.map((bytes, seq): RelayMessage => ({ type: 'stream-blob', streamId, seq, blob: new Blob([new Uint8Array(bytes)]) })),
    { type: 'stream-end', streamId, chunks: pieces.length, outcome: 'complete' },
  ];
}

describe('capture service, stream-blob', () => {
  it('decodes bytes split inside characters in order and stores the seed like its text', async () => {
    const service = newService();
    const port = connect(service);
    for (const message of seedByteMessages()) port.deliver(message);
    await service.idle();
    const entries = await store.list();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ status: 'done', videoUrl: seedExpected.videos[0]!.video });
    expect(port.posted).toContainEqual({ type: 'stream-closed', streamId: 'abc-1' });
  });

  it('stores nothing twice and loses nothing when a new worker gets the whole replay', async () => {
    const messages = seedByteMessages();
    const first = connect(newService());
    for (const message of messages.slice(0, Math.floor(messages.length / 2))) first.deliver(message);
    const service = newService();
    const second = connect(service);
    for (const message of messages) second.deliver(message);
    await service.idle();
    expect(await store.list()).toHaveLength(1);
    expect((await store.list())[0]).toMatchObject({ status: 'done', videoUrl: seedExpected.videos[0]!.video });
  });
});

describe('capture service, a Blob whose bytes are gone', () => {
  it('logs the gap and reads on after it: a video later in the stream is still stored', async () => {
    // What a closed tab leaves of a bulk Blob the browser had not taken yet.
    class GoneBlob extends Blob {
      override slice(): Blob {
        return this;
      }
      override arrayBuffer(): Promise<ArrayBuffer> {
        return Promise.reject(new Error('NotReadableError'));
      }
    }
    const logged: Array<{ type: string; message: string }> = [];
    const service = createCaptureService({ extensionId: EXTENSION_ID, store, log: (entry) => logged.push(entry), onEntriesChanged: () => {} });
    const port = connect(service);
    const [open, first, ...rest] = seedByteMessages();
    port.deliver(open!);
    port.deliver({ ...(first as StreamBlob), blob: new GoneBlob(['x']) });
    for (const message of rest) port.deliver(message);
    await service.idle();
    expect(logged).toContainEqual({ streamId: 'abc-1', type: 'stream-gap', message: expect.stringContaining('batch 0 (1 bytes) could not be read') as string });
    expect(port.posted).toContainEqual({ type: 'stream-closed', streamId: 'abc-1' });
    expect(await store.list()).toEqual([expect.objectContaining({ status: 'done', videoUrl: seedExpected.videos[0]!.video })]);
  });
});
