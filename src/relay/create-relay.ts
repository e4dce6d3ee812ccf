import type { BackgroundToRelayMessage, RelayMessage, StreamEnd, StreamOpen } from '../protocol/messages';
import { MAX_BLOB_SIZE } from '../protocol/parse-relay-message';
import { blobBatches, MAX_EMBEDDED_BLOB, partSize, splitTail, type BodyPart } from './blob-batches';
import { parsePageMessage, requestModelOf } from './parse-page-message';

/** The parts of a `runtime.Port` the relay uses. */
export interface RelayPort {
  postMessage(message: RelayMessage): void;
  onMessage: { addListener(callback: (message: BackgroundToRelayMessage) => void): void };
  onDisconnect: { addListener(callback: () => void): void };
  disconnect(): void;
}

export interface RelayOptions {
  /** Opens a Port to the background; throws when the extension was reloaded or removed. */
  connect(): RelayPort;
  /** Unique per relay instance, so stream ids never collide across frames and reloads. */
  nonce: string;
  now(): number;
  /** Schedules a batch flush; `setTimeout` in the browser. */
  schedule(callback: () => void, ms: number): unknown;
  /** Reports refused input or a give-up, for the console. */
  warn(message: string): void;
  /**
   * The Port carries Blobs (structured clone; see carriesBlobs): the body is forwarded as it
   * came, bytes undecoded and text as UTF-8, in Blobs the background reads and decodes. Default
   * false: decoded text.
   */
  blobs?: boolean;
  /**
   * The frame is a video app's page (`forwardsRequestBodies`), whose site extractor reads the
   * request bodies (prompts, task settings). Elsewhere a chat's request body (the whole
   * conversation) stays on the page: only its `model` field crosses, the one thing a chat
   * dialect reads from it. Default false.
   */
  requestBodies?: boolean;
}

export interface Relay {
  /** Handles one message from the page-world interceptor (untrusted). */
  receive(value: unknown): void;
  /** Stops for good: the extension context is gone. */
  dispose(): void;
  /** Streams kept until the background confirms them (for tests and diagnostics). */
  pendingStreams(): number;
}

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
/** Streams a frame may open per second; a chat page opens a few, a video app's page dozens as it loads, a flood is refused. */
export const MAX_OPENS_PER_SECOND = 96;
/** Warnings per second; the rest are counted and reported in one line. */
const MAX_WARNINGS_PER_SECOND = 20;
/** Batching window: many tiny network chunks become one message per window. */
export const FLUSH_MS = 40;
const FLUSH_TEXT = 256 * 1024;
/**
 * Blob mode: a body arriving faster than the batching window can embed (MAX_EMBEDDED_BLOB) is
 * held until this much is pending, then sent as one Blob, whose bytes cost the page's thread a
 * third of what embedded ones do (docs/benchmarks.md).
 */
export const BULK_FLUSH_BYTES = 4 * 1024 * 1024;
/** Blob mode: the longest a fast body is held for a bulk Blob before it is sent anyway. */
export const MAX_HOLD_MS = 1000;

interface KeptStream {
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

/**
 * The isolated-world relay: takes body bytes (or text) from the page-world interceptor over a
 * private MessagePort, validates and decodes them, batches them, and forwards them to the
 * background over a runtime Port. It keeps each stream until the background says it is
 * stored, and replays everything when the Port breaks (Chrome stops idle service workers).
 */
export function createRelay(options: RelayOptions): Relay {
  const streams = new Map<number, KeptStream>();
  let port: RelayPort | undefined;
  let disposed = false;
  let flushScheduled = false;
  let keptText = 0;
  // One-second window for the open and warning budgets.
  let windowStart = Number.NEGATIVE_INFINITY;
  let opens = 0;
  let warnings = 0;
  let suppressed = 0;
  // Streams ended to make room this second: the first is told, the rest counted with the suppressed.
  let evictions = 0;

  const tick = (): void => {
    const now = options.now();
    if (now - windowStart < 1000) return;
    if (suppressed > 0) options.warn(`capture relay: ${suppressed} more warnings in one second suppressed`);
    windowStart = now;
    opens = 0;
    warnings = 0;
    suppressed = 0;
    evictions = 0;
  };
  const warn = (message: string): void => {
    tick();
    if (++warnings <= MAX_WARNINGS_PER_SECOND) options.warn(message);
    else suppressed += 1;
  };
  const forget = (id: number): void => {
    keptText -= streams.get(id)?.size ?? 0;
    streams.delete(id);
  };

  const streamIdOf = (id: number): string => `${options.nonce}-${id}`;
  const idOf = (streamId: string): number | undefined => {
    const prefix = `${options.nonce}-`;
    return streamId.startsWith(prefix) ? Number(streamId.slice(prefix.length)) : undefined;
  };

  const send = (message: RelayMessage): void => {
    if (disposed) return;
    const target = port ?? connect();
    try {
      target?.postMessage(message);
    } catch {
      // A dead port: its disconnect handler reconnects and replays.
    }
  };

  const chunkMessage = (streamId: string, seq: number, chunk: string | Blob): RelayMessage =>
    typeof chunk === 'string' ? { type: 'stream-chunk', streamId, seq, text: chunk } : { type: 'stream-blob', streamId, seq, blob: chunk };

  const replay = (stream: KeptStream): void => {
    send(stream.open);
    stream.chunks.forEach((chunk, seq) => send(chunkMessage(stream.open.streamId, seq, chunk)));
    if (stream.end) send(stream.end);
  };

  const connect = (): RelayPort | undefined => {
    let opened: RelayPort;
    try {
      opened = options.connect();
    } catch (error) {
      // The extension was reloaded or removed: this relay can never deliver again.
      options.warn(`capture relay stopped: ${String(error)}`);
      dispose();
      return undefined;
    }
    port = opened;
    opened.onMessage.addListener((message) => {
      const id = idOf(message.streamId);
      const stream = id === undefined ? undefined : streams.get(id);
      if (!stream || id === undefined) return;
      if (message.type === 'stream-closed') forget(id);
      else if (message.type === 'stream-replay') replay(stream);
    });
    opened.onDisconnect.addListener(() => {
      if (port !== opened) return;
      port = undefined;
      // The worker was stopped mid-stream (or restarted): give a new one everything unconfirmed.
      if (streams.size > 0 && !disposed) {
        const kept = [...streams.values()];
        if (connect()) for (const stream of kept) replay(stream);
      }
    });
    return opened;
  };

  const flush = (): void => {
    flushScheduled = false;
    for (const stream of streams.values()) {
      // A fast body waits for a bulk Blob (but not for ever); a slow one goes now, embedded.
      const held = stream.partsSize > MAX_EMBEDDED_BLOB && options.now() - stream.heldSince < MAX_HOLD_MS;
      if (held) schedule();
      else flushStream(stream);
    }
  };

  const schedule = (): void => {
    if (flushScheduled) return;
    flushScheduled = true;
    options.schedule(flush, FLUSH_MS);
  };

  const sendChunk = (stream: KeptStream, chunk: string | Blob): void => {
    const seq = stream.chunks.length;
    stream.chunks.push(chunk);
    send(chunkMessage(stream.open.streamId, seq, chunk));
  };

  /**
   * Sends what is pending. Blob mode: one copy of each batch into a Blob, whose bytes the
   * browser takes and the background reads off this thread; the message carries only a handle.
   * What fits is embedded; more goes as one bulk Blob, except, at the stream's end, its last
   * MAX_EMBEDDED_BLOB, where the video link is: embedded, it outlives a tab closed right after.
   */
  const flushStream = (stream: KeptStream, last = false): void => {
    if (stream.parts.length > 0) {
      const { head, tail } =
        last || stream.partsSize <= MAX_EMBEDDED_BLOB ? splitTail(stream.parts, MAX_EMBEDDED_BLOB) : { head: stream.parts, tail: [] };
      if (head.length > 0) {
        const bulk = new Blob(head);
        for (let offset = 0; offset < bulk.size; offset += MAX_BLOB_SIZE) {
          sendChunk(stream, bulk.size <= MAX_BLOB_SIZE ? bulk : bulk.slice(offset, offset + MAX_BLOB_SIZE));
        }
      }
      for (const batch of blobBatches(tail, MAX_EMBEDDED_BLOB)) sendChunk(stream, new Blob(batch));
      stream.parts = [];
      stream.partsSize = 0;
    }
    // A fast page hands over megabyte chunks: split them so no message exceeds what the
    // background accepts (MAX_CHUNK_TEXT), never between the halves of a surrogate pair.
    let rest = stream.pending;
    stream.pending = '';
    while (rest) {
      let size = Math.min(rest.length, FLUSH_TEXT);
      if (size < rest.length && isHighSurrogate(rest.charCodeAt(size - 1))) size -= 1;
      sendChunk(stream, rest.slice(0, size));
      rest = rest.slice(size);
    }
  };

  const finish = (stream: KeptStream, outcome: StreamEnd['outcome'], error?: string): void => {
    if (stream.end) return;
    if (stream.decoder) stream.pending += stream.decoder.decode();
    flushStream(stream, true);
    stream.end = {
      type: 'stream-end',
      streamId: stream.open.streamId,
      chunks: stream.chunks.length,
      outcome,
      ...(error ? { error } : {}),
    };
    send(stream.end);
  };

  function dispose(): void {
    disposed = true;
    streams.clear();
    keptText = 0;
    const current = port;
    port = undefined;
    try {
      current?.disconnect();
    } catch {
      // already gone
    }
  }

  return {
    pendingStreams: () => streams.size,
    dispose,
    receive(value) {
      if (disposed) return;
      const message = parsePageMessage(value);
      if (!message) {
        warn('capture relay: malformed page message dropped');
        return;
      }
      if (message.kind === 'open') {
        if (streams.has(message.id)) return;
        tick();
        if (++opens > MAX_OPENS_PER_SECOND) {
          warn(`capture relay: over ${MAX_OPENS_PER_SECOND} streams opened in one second, stream ${message.id} ignored`);
          return;
        }
        if (streams.size >= MAX_OPEN_STREAMS) {
          const [oldestId, oldest] = streams.entries().next().value ?? [];
          if (oldestId !== undefined && oldest) {
            if (++evictions === 1) warn(`capture relay: over ${MAX_OPEN_STREAMS} open streams, stream ${oldestId} ended`);
            else suppressed += 1;
            // Ended, not just dropped, so the background finishes it and frees its slot too.
            finish(oldest, 'aborted', `more than ${MAX_OPEN_STREAMS} streams open in one frame`);
            forget(oldestId);
          }
        }
        const requestModel = requestModelOf(message.requestBody);
        const open: StreamOpen = {
          type: 'stream-open',
          streamId: streamIdOf(message.id),
          // A WebSocket's URL: the background takes http(s) endpoints only.
          endpointUrl: message.url.replace(/^ws(s?):/i, (_, secure: string) => (secure ? 'https:' : 'http:')),
          contentType: message.contentType,
          startedAt: options.now(),
          ...(requestModel ? { requestModel } : {}),
          ...(message.method ? { method: message.method } : {}),
          ...(message.requestBody && options.requestBodies ? { requestBody: message.requestBody } : {}),
        };
        streams.set(message.id, { open, chunks: [], size: 0, pending: '', parts: [], partsSize: 0, heldSince: 0 });
        send(open);
        return;
      }
      const stream = streams.get(message.id);
      if (!stream || stream.end) return;
      if (message.kind === 'end') {
        finish(stream, message.outcome, message.error);
        return;
      }
      // Blob mode hands the body on as it came: no decoding on the page's thread (docs/benchmarks.md).
      const raw = options.blobs ? ('text' in message ? message.text : message.bytes) : undefined;
      const text = raw !== undefined ? '' : 'text' in message ? message.text : (stream.decoder ??= new TextDecoder()).decode(message.bytes, { stream: true });
      const size = raw === undefined ? text.length : typeof raw === 'string' ? raw.length : raw.byteLength;
      if (stream.size + size > MAX_STREAM_TEXT) {
        finish(stream, 'truncated', `stream longer than ${MAX_STREAM_TEXT} characters`);
        return;
      }
      if (keptText + size > MAX_FRAME_TEXT) {
        warn(`capture relay: this frame keeps over ${MAX_FRAME_TEXT} characters, stream ${message.id} cut`);
        finish(stream, 'truncated', `the frame keeps more than ${MAX_FRAME_TEXT} characters of unconfirmed streams`);
        return;
      }
      stream.size += size;
      keptText += size;
      if (raw === undefined) stream.pending += text;
      else {
        // Text as one string, so a surrogate pair split between two page chunks stays whole.
        const last = stream.parts.length - 1;
        if (typeof raw === 'string' && typeof stream.parts[last] === 'string') stream.parts[last] += raw;
        else stream.parts.push(raw);
        if (stream.partsSize === 0) stream.heldSince = options.now();
        stream.partsSize += partSize(raw);
      }
      if (stream.pending.length >= FLUSH_TEXT || stream.partsSize >= BULK_FLUSH_BYTES) flushStream(stream);
      else schedule();
    },
  };
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
