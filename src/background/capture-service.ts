import type { StreamIssue } from '../decode/answer-reassembler';
import { parseHttpUrl } from '../extract/http-url';
import type { BackgroundToRelayMessage, RelayMessage, StreamBlob, StreamOpen } from '../protocol/messages';
import { parseRelayMessage } from '../protocol/parse-relay-message';
import type { EntryUpdate } from '../store/merge-entry';
import type { VideoEntry } from '../store/video-entry';
import type { VideoStore } from '../store/video-store';
import type { CaptureJournal } from '../capture-log/capture-journal';
import { SITE_EXTRACTORS, type SiteExtractor } from '../sites/extractors';
import type { CaptureSession, SessionEnd } from './capture-session';
import { openCaptureSession } from './open-capture-session';
import { redirectReport } from './redirect-report';
import { createUnchangedBodies } from './unchanged-bodies';
import { createWriteQueue, type BacklogStorage } from './write-queue';
import { createOrderedInbox, type OrderedInbox } from './ordered-inbox';
import { createStreamBudget, type StreamBudget } from './stream-budget';

/** The parts of a `runtime.Port` the service uses (so tests can pass a plain object). */
export interface CapturePort {
  readonly sender?: { id?: string; url?: string; frameId?: number; tab?: { id?: number } };
  postMessage(message: BackgroundToRelayMessage): void;
  onMessage: { addListener(callback: (message: unknown) => void): void };
  onDisconnect: { addListener(callback: () => void): void };
}

/** A logged outcome of something that went wrong or was refused, with the stream it concerns. */
export interface CaptureLog {
  streamId?: string;
  type:
    | StreamIssue['type']
    | 'refused-sender'
    | 'bad-message'
    | 'too-many-streams'
    | 'stream-too-large'
    | 'stream-broke'
    | 'store-failed'
    | 'replay'
    /** A batch whose bytes the browser lost (the tab closed first): the capture went on after it. */
    | 'stream-gap';
  message: string;
}

export interface CaptureServiceOptions {
  /** `runtime.id`: only this extension's own content scripts may feed captures. */
  extensionId: string;
  store: Pick<VideoStore, 'apply'>;
  log(entry: CaptureLog): void;
  /**
   * Called with the entries a write stored (to refresh open galleries, to check links) and the
   * time it stored them under: `createdAt === writtenAt` tells an entry this write created from
   * one already in the library (an old video seen again).
   */
  onEntriesChanged(entries: VideoEntry[], write: { writtenAt: number }): void;
  /** The capture log: what each response was, what read it, what it found (metadata only). */
  journal?: CaptureJournal;
  /** The site extractors tried before the dialects (a function: read at each response, as rule packs change them); default every registered one. */
  extractors?: readonly SiteExtractor[] | (() => readonly SiteExtractor[]);
  /** Where writes the store refused wait across worker restarts (`storage.local`); default memory only. */
  backlog?: BacklogStorage;
  /** Schedules a retry of refused writes; default `setTimeout`. */
  schedule?: (callback: () => void, ms: number) => void;
  /** Delay before retry number `attempt`; default 1 s doubling up to a minute. */
  retryDelayMs?: (attempt: number) => number;
  now?: () => number;
  /** The reading budget of each stream (`src/background/stream-budget.ts`); default `STREAM_BUDGET`. */
  streamBudget?: () => StreamBudget;
}

export interface CaptureService {
  /** Serves one relay Port until it disconnects. */
  connect(port: CapturePort): void;
  /** Ids of entries whose stream is still being received. */
  liveEntryIds(): Set<string>;
  /** Resolves when no write is running (refused ones may wait for a retry). */
  idle(): Promise<void>;
  /** Stores what an earlier worker could not (see `backlog`). */
  restoreBacklog(): Promise<void>;
  /** Updates waiting for the store to take them. */
  pendingWrites(): number;
  /**
   * Stores updates that came another way (an import) through the same write queue, after every
   * capture before them, with the same fan-out (`onEntriesChanged`); resolves with the stored entries.
   */
  write(updates: EntryUpdate[]): Promise<VideoEntry[]>;
}

/** Replays one stream may ask for on one port before the background gives up on it. */
export const MAX_REPLAYS_PER_STREAM = 3;

/** Concurrent streams one frame may have open (the relay's own cap, src/relay/create-relay.ts); more is a flood. */
export const MAX_STREAMS_PER_FRAME = 48;
/**
 * Text of one stream the background reads at most; past it the stream is ended as truncated.
 * Twice the relay's own cap, so only a relay that lost its limits ever reaches it.
 */
export const MAX_STREAM_TEXT_READ = 32 * 1024 * 1024;
/** Bytes of a `stream-blob` read at once: a big batch is decoded in parts this size. */
const BLOB_READ_BYTES = 1024 * 1024;
/** Bytes of a read Blob decoded and read on at once (see where it is used). */
const DECODE_BYTES = 64 * 1024;
/** Malformed messages of one port logged one by one; after that, only a count now and then. */
const BAD_MESSAGES_LOGGED = 20;
const BAD_MESSAGES_SUMMARY_EVERY = 1000;

interface StreamState {
  session: CaptureSession;
  nextSeq: number;
  /** Characters received so far. */
  size: number;
  /** The background cut the stream at `MAX_STREAM_TEXT_READ`; later chunks are only counted. */
  cut: boolean;
  /** For `stream-blob`: the relay leaves decoding to the background (docs/benchmarks.md). */
  decoder?: TextDecoder;
  budget: StreamBudget;
}

/** What a Port's inbox delivers: a message (a Blob's with its bytes, or why they are missing), or the Port's end. */
type Inbound =
  | { message: Exclude<RelayMessage, StreamBlob> }
  | { message: StreamBlob; bytes: Uint8Array; more: boolean }
  | { message: StreamBlob; unread: string; more: boolean }
  | { disconnected: true };

/**
 * Receives captured streams from relays and turns them into stored entries. It keeps no
 * state worth losing: when the worker is stopped, relays reconnect and replay every stream
 * not yet closed, and the store's merge makes the replay harmless. A stream is confirmed
 * (`stream-closed`) only once its last updates are stored, so a write the store refuses is
 * kept by the relay as well as by the write queue.
 */
export function createCaptureService(options: CaptureServiceOptions): CaptureService {
  const journal = options.journal;
  const log = (entry: CaptureLog): void => {
    options.log(entry);
    if (entry.streamId) journal?.issue(entry.streamId, entry.type);
  };
  const live = new Set<Map<string, StreamState>>();
  const inboxes = new Set<OrderedInbox<Inbound>>();
  // The last answer of each video-app call: an unchanged poll is not read again.
  const unchangedBodies = createUnchangedBodies();
  const writes = createWriteQueue({
    store: options.store,
    ...(options.backlog ? { backlog: options.backlog } : {}),
    ...(options.retryDelayMs ? { retryDelayMs: options.retryDelayMs } : {}),
    schedule: options.schedule ?? ((callback, ms) => setTimeout(callback, ms)),
    now: options.now ?? (() => Date.now()),
    onStored: (entries, writtenAt) => options.onEntriesChanged(entries, { writtenAt }),
    log: (message) => log({ type: 'store-failed', message }),
  });

  return {
    liveEntryIds() {
      const ids = new Set<string>();
      for (const streams of live) for (const state of streams.values()) for (const id of state.session.entryIds) ids.add(id);
      return ids;
    },
    // Blobs still being read come first: what they hold becomes writes.
    idle: async () => {
      await Promise.all([...inboxes].map((inbox) => inbox.idle()));
      await writes.idle();
    },
    restoreBacklog: () => writes.restore(),
    pendingWrites: () => writes.pending(),
    write: (updates) => writes.write(updates),
    connect(port) {
      const sender = port.sender;
      const pageUrl = withoutCredentials(parseHttpUrl(sender?.url));
      const tabId = sender?.tab?.id;
      // A tab id of -1 (TAB_ID_NONE) is a context outside any tab.
      if (sender?.id !== options.extensionId || tabId === undefined || tabId < 0 || !pageUrl) {
        log({ type: 'refused-sender', message: `port from ${(sender?.url ?? 'unknown').slice(0, 200)} refused` });
        return;
      }
      const site = new URL(pageUrl).origin;
      const streams = new Map<string, StreamState>();
      const replayAsked = new Set<string>();
      const replayCounts = new Map<string, number>();
      let badMessages = 0;
      live.add(streams);

      const post = (message: BackgroundToRelayMessage): void => {
        try {
          port.postMessage(message);
        } catch {
          // The frame is gone; its disconnect handler finishes the streams.
        }
      };
      const askReplay = (streamId: string): void => {
        streams.delete(streamId);
        if (replayAsked.has(streamId)) return;
        // A stream whose replays keep failing (a relay that keeps sending what the background
        // refuses) must not loop forever: after a few tries it is given up, with a reason.
        const tries = (replayCounts.get(streamId) ?? 0) + 1;
        replayCounts.set(streamId, tries);
        if (tries > MAX_REPLAYS_PER_STREAM) {
          if (tries === MAX_REPLAYS_PER_STREAM + 1) {
            log({ streamId, type: 'replay', message: `gave up after ${MAX_REPLAYS_PER_STREAM} replays` });
          }
          return;
        }
        replayAsked.add(streamId);
        log({ streamId, type: 'replay', message: 'stream state missing, asked the relay to replay it' });
        post({ type: 'stream-replay', streamId });
      };
      const refuse = (): void => {
        badMessages += 1;
        if (badMessages <= BAD_MESSAGES_LOGGED) {
          log({ type: 'bad-message', message: 'malformed relay message dropped' });
        } else if (badMessages % BAD_MESSAGES_SUMMARY_EVERY === 0) {
          log({ type: 'bad-message', message: `${badMessages} malformed relay messages dropped from ${site}` });
        }
      };
      const open = (message: StreamOpen): void => {
        if (streams.has(message.streamId)) return;
        if (streams.size >= MAX_STREAMS_PER_FRAME) {
          log({ streamId: message.streamId, type: 'too-many-streams', message: `over ${MAX_STREAMS_PER_FRAME} open streams in one frame: stream ignored` });
          return;
        }
        replayAsked.delete(message.streamId);
        // A media redirect the page world reported is read as a response of the endpoint asked for.
        const redirect = redirectReport(message, pageUrl);
        const endpointUrl = redirect?.endpointUrl ?? message.endpointUrl;
        const source = {
          site,
          pageUrl,
          endpointUrl,
          contentType: message.contentType,
          ...(message.requestModel ? { requestModel: message.requestModel } : {}),
        };
        const onIssue = (issue: StreamIssue): void => log({ streamId: message.streamId, ...issue });
        const extractors = typeof options.extractors === 'function' ? options.extractors() : (options.extractors ?? SITE_EXTRACTORS);
        const requestBody = redirect ? undefined : message.requestBody;
        const session = openCaptureSession({ ...source, method: message.method ?? 'GET', ...(requestBody ? { requestBody } : {}) }, extractors, onIssue, unchangedBodies);
        const budget = options.streamBudget?.() ?? createStreamBudget();
        const state: StreamState = { session, nextSeq: 0, size: 0, cut: false, budget };
        streams.set(message.streamId, state);
        journal?.opened(message.streamId, { at: message.startedAt, site, method: message.method ?? 'GET', endpointUrl, contentType: message.contentType });
        if (redirect) push(message.streamId, state, redirect.body, false);
      };
      const finish = (streamId: string, state: StreamState, how: SessionEnd, error?: string): Promise<void> => {
        streams.delete(streamId);
        // A character cut off by the end of the bytes becomes U+FFFD, as a page's own decoder makes it.
        const tail = state.decoder?.decode() ?? '';
        if (tail && !state.cut) void writes.write(state.session.push(tail));
        if (how !== 'complete') {
          const why = how === 'disconnected' ? 'the page went away mid-stream' : `the stream ended as ${how}`;
          log({ streamId, type: 'stream-broke', message: error ? `${why}: ${error}` : why });
        }
        const updates = state.session.end(how);
        journal?.closed(streamId, how, state.session.summary());
        return writes.write(updates).then(() => {});
      };
      /** Reads more of a stream; `done` once the message's whole text is in (a Blob is read in parts). */
      const push = (streamId: string, state: StreamState, text: string, done = true): void => {
        if (done) state.nextSeq += 1;
        if (state.cut) return;
        state.size += text.length;
        if (state.size > MAX_STREAM_TEXT_READ) {
          state.cut = true;
          log({ streamId, type: 'stream-too-large', message: `stream longer than ${MAX_STREAM_TEXT_READ} characters: cut, the rest is not read` });
          void writes.write(state.session.end('truncated'));
          return;
        }
        // Text that makes reading slow costs this one stream, never the worker: it is dropped.
        const updates = state.budget.read(text, () => state.session.push(text)) ?? [];
        if (state.budget.exceeded) {
          state.cut = true;
          log({ streamId, type: 'too-slow', message: state.budget.exceeded });
          void writes.write([...updates, ...state.session.end('truncated')]);
          return;
        }
        journal?.progressed(streamId, state.size, state.session.summary());
        if (updates.length > 0) void writes.write(updates);
      };

      const deliver = (item: Inbound): void => {
        if ('disconnected' in item) {
          for (const [streamId, state] of streams) void finish(streamId, state, 'disconnected');
          live.delete(streams);
          inboxes.delete(inbox);
          if (badMessages > BAD_MESSAGES_LOGGED) {
            log({ type: 'bad-message', message: `${badMessages} malformed relay messages dropped from ${site} in all` });
          }
          return;
        }
        const { message } = item;
        if (message.type === 'stream-open') {
          open(message);
          return;
        }
        const state = streams.get(message.streamId);
        if (!state) {
          askReplay(message.streamId);
          return;
        }
        if (message.type === 'stream-chunk' || message.type === 'stream-blob') {
          if (message.seq < state.nextSeq) return; // a replayed chunk already processed
          if (message.seq > state.nextSeq) {
            askReplay(message.streamId);
            return;
          }
          if ('unread' in item) {
            // The tab closed before the browser took a big batch's bytes (src/relay/blob-batches.ts):
            // the capture goes on after the gap, whose cut event the decoders drop.
            log({ streamId: message.streamId, type: 'stream-gap', message: `batch ${message.seq} (${item.message.blob.size} bytes) could not be read: ${item.unread}` });
            state.decoder = undefined;
            push(message.streamId, state, '\n\n', !item.more);
            return;
          }
          if ('bytes' in item) {
            // Decoded a piece at a time: one call over a mebibyte makes one big string, which
            // costs Chrome's worker several times what the same bytes cost in small pieces.
            const decoder = (state.decoder ??= new TextDecoder());
            const { bytes } = item;
            for (let offset = 0; offset < bytes.byteLength || offset === 0; offset += DECODE_BYTES) {
              const end = offset + DECODE_BYTES;
              const last = end >= bytes.byteLength;
              push(message.streamId, state, decoder.decode(bytes.subarray(offset, end), { stream: true }), last && !item.more);
            }
            return;
          }
          push(message.streamId, state, message.type === 'stream-chunk' ? message.text : '');
          return;
        }
        if (message.chunks !== state.nextSeq) {
          askReplay(message.streamId);
          return;
        }
        // A cut stream's session has ended already: its end() adds nothing, and the empty write
        // still waits for the earlier ones, so the relay lets go only of what is stored.
        void finish(message.streamId, state, message.outcome, message.error).then(() =>
          post({ type: 'stream-closed', streamId: message.streamId }),
        );
      };
      const inbox = createOrderedInbox(deliver);
      inboxes.add(inbox);

      port.onMessage.addListener((raw) => {
        const message = parseRelayMessage(raw);
        if (!message) {
          refuse();
          return;
        }
        if (message.type !== 'stream-blob') {
          inbox.put({ message });
          return;
        }
        // Read here, off the page's thread, a mebibyte at a time so a big batch is never held
        // whole; what comes after waits for it (createOrderedInbox).
        const { blob } = message;
        for (let offset = 0; offset < blob.size || offset === 0; offset += BLOB_READ_BYTES) {
          const end = offset + BLOB_READ_BYTES;
          const more = end < blob.size;
          inbox.put(() =>
            blob.slice(offset, end).arrayBuffer().then(
              (buffer): Inbound => ({ message, bytes: new Uint8Array(buffer), more }),
              (error: unknown): Inbound => ({ message, unread: String(error), more }),
            ),
          );
        }
      });

      port.onDisconnect.addListener(() => inbox.put({ disconnected: true }));
    },
  };
}

/** The URL without `user:password@`: the library keeps where a video came from, not a login. */
function withoutCredentials(url: string | undefined): string | undefined {
  if (!url) return undefined;
  const parsed = new URL(url);
  parsed.username = '';
  parsed.password = '';
  return parsed.href;
}
