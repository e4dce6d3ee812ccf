import type { BackgroundToRelayMessage } from '../protocol/messages';
import type { CaptureLog } from './capture-log-entry';
import type { Inbound } from './relay-inbound';
import type { RelayPortStreams } from './relay-port-streams';

/**
 * Handles what a relay Port's inbox delivers, in order: opens streams, feeds each chunk or
 * batch in sequence (a gap or an unknown stream asks for a replay), and confirms a stream
 * (`stream-closed`) only once its last updates are stored, so a write the store refuses is kept
 * by the relay as well as by the write queue.
 */
export function createRelayPortDelivery(deps: {
  streams: RelayPortStreams;
  log: (entry: CaptureLog) => void;
  post(message: BackgroundToRelayMessage): void;
  /** The Port is gone and its streams are finished. */
  disconnected(): void;
}): (item: Inbound) => void {
  const { streams, log } = deps;
  return (item) => {
    if ('disconnected' in item) {
      streams.finishAll('disconnected');
      deps.disconnected();
      return;
    }
    const { message } = item;
    if (message.type === 'stream-open') {
      streams.open(message);
      return;
    }
    const feed = streams.get(message.streamId);
    if (!feed) {
      streams.replay(message.streamId);
      return;
    }
    if (message.type === 'stream-chunk' || message.type === 'stream-blob') {
      if (message.seq < feed.nextSeq) return; // a replayed chunk already processed
      if (message.seq > feed.nextSeq) {
        streams.replay(message.streamId);
        return;
      }
      if ('unread' in item) {
        // The tab closed before the browser took a big batch's bytes (src/relay/blob-batches.ts):
        // the capture goes on after the gap, whose cut event the decoders drop.
        log({ streamId: message.streamId, type: 'stream-gap', message: `batch ${message.seq} (${item.message.blob.size} bytes) could not be read: ${item.unread}` });
        feed.skipGap(!item.more);
        return;
      }
      if ('bytes' in item) {
        feed.readBytes(item.bytes, !item.more);
        return;
      }
      feed.read(message.type === 'stream-chunk' ? message.text : '');
      return;
    }
    if (message.chunks !== feed.nextSeq) {
      streams.replay(message.streamId);
      return;
    }
    // A cut stream's session has ended already: its end() adds nothing, and the empty write
    // still waits for the earlier ones, so the relay lets go only of what is stored.
    void streams.finish(message.streamId, message.outcome, message.error).then(() =>
      deps.post({ type: 'stream-closed', streamId: message.streamId }),
    );
  };
}
