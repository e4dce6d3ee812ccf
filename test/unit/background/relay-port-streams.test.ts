import { describe, expect, it } from 'vitest';
import type { CaptureLog } from '@/src/background/capture-service';
import type { SessionEnd } from '@/src/background/capture-session';
import { createRelayPortStreams, MAX_STREAMS_PER_FRAME } from '@/src/background/relay-port-streams';
import type { StreamFeed } from '@/src/background/stream-feed';
import type { StreamOpen } from '@/src/protocol/messages';

const openMessage = (streamId: string): StreamOpen => ({ type: 'stream-open', streamId, endpointUrl: 'https://example.com/api', contentType: 'text/event-stream', startedAt: 1 });

function table() {
  const opened: string[] = [];
  const finished: Array<[string, SessionEnd]> = [];
  const asked: string[] = [];
  const reopened: string[] = [];
  const logs: CaptureLog[] = [];
  const feedOf = (streamId: string): StreamFeed => ({
    nextSeq: 0,
    entryIds: new Set([`entry-${streamId}`]),
    read: () => {},
    readBytes: () => {},
    skipGap: () => {},
    finish: (how) => {
      finished.push([streamId, how]);
      return Promise.resolve();
    },
  });
  const streams = createRelayPortStreams({
    open: (message) => (opened.push(message.streamId), feedOf(message.streamId)),
    replays: { ask: (streamId) => asked.push(streamId), opened: (streamId) => reopened.push(streamId) },
    log: (entry) => logs.push(entry),
  });
  return { streams, opened, finished, asked, reopened, logs };
}

describe('relay port streams', () => {
  it('opens a stream once while it is open', () => {
    const { streams, opened, reopened } = table();
    streams.open(openMessage('s1'));
    streams.open(openMessage('s1'));
    expect(opened).toEqual(['s1']);
    expect(reopened).toEqual(['s1']);
    expect(streams.get('s1')).toBeDefined();
  });

  it('ignores a stream past the per-frame cap, with a reason', () => {
    const { streams, opened, logs } = table();
    for (let index = 0; index <= MAX_STREAMS_PER_FRAME; index += 1) streams.open(openMessage(`s${index}`));
    expect(opened).toHaveLength(MAX_STREAMS_PER_FRAME);
    expect(logs).toEqual([{ streamId: `s${MAX_STREAMS_PER_FRAME}`, type: 'too-many-streams', message: `over ${MAX_STREAMS_PER_FRAME} open streams in one frame: stream ignored` }]);
  });

  it('forgets a stream it asks the relay to replay', () => {
    const { streams, asked } = table();
    streams.open(openMessage('s1'));
    streams.replay('s1');
    expect(asked).toEqual(['s1']);
    expect(streams.get('s1')).toBeUndefined();
    expect(streams.entryIds().size).toBe(0);
  });

  it('finishes one stream or every one, and holds the entries of those still open', async () => {
    const { streams, finished } = table();
    for (const streamId of ['s1', 's2', 's3']) streams.open(openMessage(streamId));
    expect([...streams.entryIds()]).toEqual(['entry-s1', 'entry-s2', 'entry-s3']);
    await streams.finish('s2', 'complete');
    await streams.finish('unknown', 'complete');
    expect([...streams.entryIds()]).toEqual(['entry-s1', 'entry-s3']);
    streams.finishAll('disconnected');
    expect(finished).toEqual([
      ['s2', 'complete'],
      ['s1', 'disconnected'],
      ['s3', 'disconnected'],
    ]);
    expect(streams.entryIds().size).toBe(0);
  });
});
