import type { RelayMessage, StreamEnd } from '../protocol/messages';
import type { KeptStream } from './kept-streams';
import { takeBatches } from './take-batches';

/** Sends kept streams to the background, keeping every batch sent so that all of it can be sent again. */
export interface StreamSender {
  /** Sends what `stream` has pending, as batches it keeps; `last` at its end (see takeBatches). */
  flush(stream: KeptStream, last?: boolean): void;
  /** Sends the rest of `stream` and its end, once. */
  finish(stream: KeptStream, outcome: StreamEnd['outcome'], error?: string): void;
  /** Sends `stream` again from its open, for a background that lost it (a stopped worker, or one asking). */
  replay(stream: KeptStream): void;
}

export function createStreamSender(send: (message: RelayMessage) => void): StreamSender {
  const flush = (stream: KeptStream, last = false): void => {
    for (const chunk of takeBatches(stream, last)) {
      const seq = stream.chunks.length;
      stream.chunks.push(chunk);
      send(chunkMessage(stream.open.streamId, seq, chunk));
    }
  };
  return {
    flush,
    finish(stream, outcome, error) {
      if (stream.end) return;
      if (stream.decoder) stream.pending += stream.decoder.decode();
      flush(stream, true);
      stream.end = {
        type: 'stream-end',
        streamId: stream.open.streamId,
        chunks: stream.chunks.length,
        outcome,
        ...(error ? { error } : {}),
      };
      send(stream.end);
    },
    replay(stream) {
      send(stream.open);
      stream.chunks.forEach((chunk, seq) => send(chunkMessage(stream.open.streamId, seq, chunk)));
      if (stream.end) send(stream.end);
    },
  };
}

function chunkMessage(streamId: string, seq: number, chunk: string | Blob): RelayMessage {
  return typeof chunk === 'string' ? { type: 'stream-chunk', streamId, seq, text: chunk } : { type: 'stream-blob', streamId, seq, blob: chunk };
}
