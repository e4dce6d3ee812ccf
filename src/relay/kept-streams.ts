import type { StreamEnd, StreamOpen } from '../protocol/messages';
import type { BodyPart } from './blob-batches';

/** Text (characters, or bytes in Blob mode) kept per stream until the background confirms it; beyond it the stream is cut. */
export const MAX_STREAM_TEXT = 16 * 1024 * 1024;
/**
 * Streams one frame may have in flight at once; older ones are ended (aborted) first. A video
 * app's page has every JSON answer of its hosts copied, dozens at once as it loads; a chat page
 * has a few. The memory stays bounded by MAX_FRAME_TEXT whatever the count.
 */
export const MAX_OPEN_STREAMS = 48;
/** Text one frame keeps over all its unconfirmed streams; a stream that would pass it is cut. */
export const MAX_FRAME_TEXT = 32 * 1024 * 1024;

/** One stream as the relay keeps it until the background confirms it stored. */
export interface KeptStream {
  open: StreamOpen;
  /** Text mode only, made on the first bytes. */
  decoder?: TextDecoder;
  /** Every batch sent so far, so a restarted background can be given all of it again. */
  chunks: Array<string | Blob>;
  size: number;
  /** Text mode: decoded text not sent yet. */
  pending: string;
  /** Blob mode: bytes and text not sent yet, in order, their size (partSize) and since when they wait. */
  parts: BodyPart[];
  partsSize: number;
  heldSince: number;
  end?: StreamEnd;
}

/** The streams of one frame kept until confirmed, by page stream id, oldest first, with the caps on what they keep. */
export interface KeptStreams {
  get(id: number): KeptStream | undefined;
  /** Keeps a new stream, after the ones already kept. */
  add(id: number, open: StreamOpen): void;
  forget(id: number): void;
  /** The oldest stream, when MAX_OPEN_STREAMS are kept and a new one needs its room. */
  oldestWhenFull(): { id: number; stream: KeptStream } | undefined;
  /** The cap `size` more of `stream` would pass: its own (MAX_STREAM_TEXT), the frame's (MAX_FRAME_TEXT), or none. */
  overCap(stream: KeptStream, size: number): 'stream' | 'frame' | undefined;
  /** Counts `size` more of `stream` against the caps. */
  count(stream: KeptStream, size: number): void;
  all(): IterableIterator<KeptStream>;
  size(): number;
  clear(): void;
}

export function createKeptStreams(): KeptStreams {
  const streams = new Map<number, KeptStream>();
  let keptText = 0;
  return {
    get: (id) => streams.get(id),
    add(id, open) {
      streams.set(id, { open, chunks: [], size: 0, pending: '', parts: [], partsSize: 0, heldSince: 0 });
    },
    forget(id) {
      keptText -= streams.get(id)?.size ?? 0;
      streams.delete(id);
    },
    oldestWhenFull() {
      if (streams.size < MAX_OPEN_STREAMS) return undefined;
      const [id, stream] = streams.entries().next().value ?? [];
      return id !== undefined && stream ? { id, stream } : undefined;
    },
    overCap(stream, size) {
      if (stream.size + size > MAX_STREAM_TEXT) return 'stream';
      return keptText + size > MAX_FRAME_TEXT ? 'frame' : undefined;
    },
    count(stream, size) {
      stream.size += size;
      keptText += size;
    },
    all: () => streams.values(),
    size: () => streams.size,
    clear() {
      streams.clear();
      keptText = 0;
    },
  };
}
