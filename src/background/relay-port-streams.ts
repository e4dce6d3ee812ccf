import type { StreamOpen } from '../protocol/messages';
import type { CaptureLog } from './capture-log-entry';
import type { SessionEnd } from './capture-session';
import type { StreamFeed } from './stream-feed';
import type { StreamReplays } from './stream-replays';

/** Concurrent streams one frame may have open (the relay's own cap, src/relay/kept-streams.ts); more is a flood. */
export const MAX_STREAMS_PER_FRAME = 48;

/** The open streams of one relay Port. */
export interface RelayPortStreams {
  /** Opens a stream (not again while it is open; not past `MAX_STREAMS_PER_FRAME`). */
  open(message: StreamOpen): void;
  get(streamId: string): StreamFeed | undefined;
  /** Forgets the stream and asks the relay to send it again from its start. */
  replay(streamId: string): void;
  /** Ends the stream; resolves once its last updates are stored. */
  finish(streamId: string, how: SessionEnd, error?: string): Promise<void>;
  /** Ends every open stream as `how` (the Port is gone). */
  finishAll(how: SessionEnd): void;
  /** Ids of the entries the open streams have made so far. */
  entryIds(): Set<string>;
}

/** A stream table for one relay Port: `open` makes a stream's feed, `replays` asks for lost ones. */
export function createRelayPortStreams(deps: {
  open(message: StreamOpen): StreamFeed;
  replays: StreamReplays;
  log(entry: CaptureLog): void;
}): RelayPortStreams {
  const streams = new Map<string, StreamFeed>();
  const finish = (streamId: string, feed: StreamFeed, how: SessionEnd, error?: string): Promise<void> => {
    streams.delete(streamId);
    return feed.finish(how, error);
  };
  return {
    open(message) {
      if (streams.has(message.streamId)) return;
      if (streams.size >= MAX_STREAMS_PER_FRAME) {
        deps.log({ streamId: message.streamId, type: 'too-many-streams', message: `over ${MAX_STREAMS_PER_FRAME} open streams in one frame: stream ignored` });
        return;
      }
      deps.replays.opened(message.streamId);
      streams.set(message.streamId, deps.open(message));
    },
    get: (streamId) => streams.get(streamId),
    replay(streamId) {
      streams.delete(streamId);
      deps.replays.ask(streamId);
    },
    finish(streamId, how, error) {
      const feed = streams.get(streamId);
      return feed ? finish(streamId, feed, how, error) : Promise.resolve();
    },
    finishAll(how) {
      for (const [streamId, feed] of streams) void finish(streamId, feed, how);
    },
    entryIds() {
      const ids = new Set<string>();
      for (const feed of streams.values()) for (const id of feed.entryIds) ids.add(id);
      return ids;
    },
  };
}
