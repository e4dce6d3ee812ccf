import { describe, expect, it } from 'vitest';
import type { CaptureLog } from '@/src/background/capture-service';
import type { SessionEnd } from '@/src/background/capture-session';
import { createRelayPortDelivery } from '@/src/background/relay-port-delivery';
import type { RelayPortStreams } from '@/src/background/relay-port-streams';
import type { StreamFeed } from '@/src/background/stream-feed';
import type { BackgroundToRelayMessage, StreamBlob } from '@/src/protocol/messages';

/** One open stream `s1` whose feed records what it is given; anything else is unknown. */
function delivery() {
  const calls: string[] = [];
  const logs: CaptureLog[] = [];
  const posted: BackgroundToRelayMessage[] = [];
  let finishStored = (): void => {};
  let nextSeq = 1;
  const feed: StreamFeed = {
    get nextSeq() {
      return nextSeq;
    },
    entryIds: new Set(),
    read: (text) => (calls.push(`read ${JSON.stringify(text)}`), (nextSeq += 1)),
    readBytes: (bytes, done) => calls.push(`bytes ${bytes.byteLength} ${done}`),
    skipGap: (done) => calls.push(`gap ${done}`),
    finish: () => Promise.resolve(),
  };
  const streams: RelayPortStreams = {
    open: (message) => calls.push(`open ${message.streamId}`),
    get: (streamId) => (streamId === 's1' ? feed : undefined),
    replay: (streamId) => calls.push(`replay ${streamId}`),
    finish: (streamId, how: SessionEnd) => {
      calls.push(`finish ${streamId} ${how}`);
      return new Promise((resolve) => (finishStored = resolve));
    },
    finishAll: (how) => calls.push(`finish all ${how}`),
    entryIds: () => new Set(),
  };
  const deliver = createRelayPortDelivery({
    streams,
    log: (entry) => logs.push(entry),
    post: (message) => posted.push(message),
    disconnected: () => calls.push('disconnected'),
  });
  return { deliver, calls, logs, posted, stored: () => finishStored() };
}

const blob = (seq: number): StreamBlob => ({ type: 'stream-blob', streamId: 's1', seq, blob: new Blob(['abc']) });

describe('relay port delivery', () => {
  it('feeds chunks in sequence: an old one is skipped, a gap or an unknown stream asks for a replay', () => {
    const { deliver, calls } = delivery();
    deliver({ message: { type: 'stream-open', streamId: 's2', endpointUrl: 'https://example.com/', contentType: 'text/plain', startedAt: 1 } });
    deliver({ message: { type: 'stream-chunk', streamId: 's1', seq: 0, text: 'old' } });
    deliver({ message: { type: 'stream-chunk', streamId: 's1', seq: 1, text: 'next' } });
    deliver({ message: { type: 'stream-chunk', streamId: 's1', seq: 3, text: 'too far' } });
    deliver({ message: { type: 'stream-chunk', streamId: 'gone', seq: 0, text: 'lost' } });
    expect(calls).toEqual(['open s2', 'read "next"', 'replay s1', 'replay gone']);
  });

  it('hands a batch its bytes, or goes on past bytes the browser lost, with a reason', () => {
    const { deliver, calls, logs } = delivery();
    deliver({ message: blob(1), bytes: new Uint8Array(3), more: true });
    deliver({ message: blob(1), unread: 'NotReadableError', more: false });
    expect(calls).toEqual(['bytes 3 false', 'gap true']);
    expect(logs).toEqual([{ streamId: 's1', type: 'stream-gap', message: 'batch 1 (3 bytes) could not be read: NotReadableError' }]);
  });

  it('confirms a stream only once its last updates are stored, and asks for a replay when chunks are missing', async () => {
    const { deliver, calls, posted, stored } = delivery();
    deliver({ message: { type: 'stream-end', streamId: 's1', chunks: 2, outcome: 'complete' } });
    expect(calls).toEqual(['replay s1']);
    deliver({ message: { type: 'stream-end', streamId: 's1', chunks: 1, outcome: 'complete' } });
    expect(calls.at(-1)).toBe('finish s1 complete');
    await Promise.resolve();
    expect(posted).toEqual([]);
    stored();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(posted).toEqual([{ type: 'stream-closed', streamId: 's1' }]);
  });

  it('finishes every stream when the Port goes away', () => {
    const { deliver, calls } = delivery();
    deliver({ disconnected: true });
    expect(calls).toEqual(['finish all disconnected', 'disconnected']);
  });
});
