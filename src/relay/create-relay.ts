import type { PageMessage } from '../protocol/messages';
import { createBackgroundLink, type BackgroundLink, type RelayPort } from './background-link';
import { createBatchWindow, type BatchWindow } from './batch-window';
import { chunkBodyOf, queueBody } from './chunk-body';
import { createKeptStreams, MAX_FRAME_TEXT, MAX_OPEN_STREAMS, MAX_STREAM_TEXT, type KeptStreams } from './kept-streams';
import { parsePageMessage } from './parse-page-message';
import { createRelayBudget, MAX_OPENS_PER_SECOND, type RelayBudget } from './relay-budget';
import { pageIdOf, streamIdOf } from './stream-ids';
import { streamOpenOf } from './stream-open-of';
import { createStreamSender, type StreamSender } from './stream-sender';

export type { RelayPort } from './background-link';
// The relay's limits, each beside the part that keeps it, in one place for its callers and tests.
export { BULK_FLUSH_BYTES, FLUSH_MS, MAX_HOLD_MS } from './batch-window';
export { MAX_FRAME_TEXT, MAX_OPEN_STREAMS, MAX_STREAM_TEXT } from './kept-streams';
export { MAX_OPENS_PER_SECOND } from './relay-budget';

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

/**
 * The isolated-world relay: takes body bytes (or text) from the page-world interceptor over a
 * private MessagePort, validates (parsePageMessage) and decodes them (chunkBodyOf), batches them
 * (createBatchWindow), and forwards them to the background over a runtime Port
 * (createBackgroundLink). It keeps each stream until the background says it is stored
 * (createKeptStreams, within the caps there), and replays everything when the Port breaks
 * (Chrome stops idle service workers; createStreamSender keeps what was sent).
 */
export function createRelay(options: RelayOptions): Relay {
  const kept = createKeptStreams();
  const budget = createRelayBudget(() => options.now(), (message) => options.warn(message));
  const link = createBackgroundLink({
    connect: () => options.connect(),
    warn: (message) => options.warn(message),
    onMessage: (message) => {
      // The background stored a stream (`stream-closed`), or lost it and asks for it again.
      const id = pageIdOf(options.nonce, message.streamId);
      const stream = id === undefined ? undefined : kept.get(id);
      if (!stream || id === undefined) return;
      if (message.type === 'stream-closed') kept.forget(id);
      else if (message.type === 'stream-replay') sender.replay(stream);
    },
    unconfirmed: () => kept.size() > 0,
    onReconnect: () => [...kept.all()].forEach((stream) => sender.replay(stream)),
    onStop: () => kept.clear(),
  });
  const sender = createStreamSender((message) => link.send(message));
  const batches = createBatchWindow({
    schedule: (callback, ms) => options.schedule(callback, ms),
    now: () => options.now(),
    streams: () => kept.all(),
    flush: (stream) => sender.flush(stream),
  });
  const parts: RelayParts = { options, kept, budget, link, sender, batches };

  return {
    pendingStreams: () => kept.size(),
    dispose: () => link.stop(),
    receive(value) {
      if (link.stopped()) return;
      const message = parsePageMessage(value);
      if (!message) budget.warn('capture relay: malformed page message dropped');
      else if (message.kind === 'open') openStream(parts, message);
      else if (message.kind === 'chunk') takeChunk(parts, message);
      else {
        const stream = kept.get(message.id);
        if (stream && !stream.end) sender.finish(stream, message.outcome, message.error);
      }
    },
  };
}

/** The pieces of one relay that handle the page's messages. */
interface RelayParts {
  options: RelayOptions;
  kept: KeptStreams;
  budget: RelayBudget;
  link: BackgroundLink;
  sender: StreamSender;
  batches: BatchWindow;
}

/** A page's `open`: within the opens per second, and ending the oldest stream when MAX_OPEN_STREAMS are open. */
function openStream({ options, kept, budget, link, sender }: RelayParts, message: Extract<PageMessage, { kind: 'open' }>): void {
  if (kept.get(message.id)) return;
  if (!budget.open()) {
    budget.warn(`capture relay: over ${MAX_OPENS_PER_SECOND} streams opened in one second, stream ${message.id} ignored`);
    return;
  }
  const oldest = kept.oldestWhenFull();
  if (oldest) {
    budget.evicted(`capture relay: over ${MAX_OPEN_STREAMS} open streams, stream ${oldest.id} ended`);
    // Ended, not just dropped, so the background finishes it and frees its slot too.
    sender.finish(oldest.stream, 'aborted', `more than ${MAX_OPEN_STREAMS} streams open in one frame`);
    kept.forget(oldest.id);
  }
  const streamOpen = streamOpenOf(message, streamIdOf(options.nonce, message.id), options.now(), options.requestBodies ?? false);
  kept.add(message.id, streamOpen);
  link.send(streamOpen);
}

/** A page's `chunk`: queued for the next batch, or its stream cut when it would pass a cap (MAX_STREAM_TEXT, MAX_FRAME_TEXT). */
function takeChunk({ options, kept, budget, sender, batches }: RelayParts, message: Extract<PageMessage, { kind: 'chunk' }>): void {
  const stream = kept.get(message.id);
  if (!stream || stream.end) return;
  const body = chunkBodyOf(message, stream, options.blobs ?? false);
  const cap = kept.overCap(stream, body.size);
  if (cap === 'stream') sender.finish(stream, 'truncated', `stream longer than ${MAX_STREAM_TEXT} characters`);
  else if (cap === 'frame') {
    budget.warn(`capture relay: this frame keeps over ${MAX_FRAME_TEXT} characters, stream ${message.id} cut`);
    sender.finish(stream, 'truncated', `the frame keeps more than ${MAX_FRAME_TEXT} characters of unconfirmed streams`);
  } else {
    kept.count(stream, body.size);
    queueBody(stream, body, () => options.now());
    batches.queued(stream);
  }
}
