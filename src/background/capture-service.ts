import type { StreamIssue } from '../decode/answer-reassembler';
import { parseHttpUrl } from '../extract/http-url';
import type { BackgroundToRelayMessage, StreamOpen } from '../protocol/messages';
import { parseRelayMessage } from '../protocol/parse-relay-message';
import type { EntryUpdate } from '../store/merge-entry';
import type { VideoEntry } from '../store/video-entry';
import type { VideoStore } from '../store/video-store';
import { createCaptureSession, type CaptureSession, type SessionEnd } from './capture-session';

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
  type: StreamIssue['type'] | 'refused-sender' | 'bad-message' | 'too-many-streams' | 'store-failed' | 'replay';
  message: string;
}

export interface CaptureServiceOptions {
  /** `runtime.id`: only this extension's own content scripts may feed captures. */
  extensionId: string;
  store: Pick<VideoStore, 'apply'>;
  log(entry: CaptureLog): void;
  /** Called with the entries a write stored (to refresh open galleries, to check links). */
  onEntriesChanged(entries: VideoEntry[]): void;
}

export interface CaptureService {
  /** Serves one relay Port until it disconnects. */
  connect(port: CapturePort): void;
  /** Ids of entries whose stream is still being received. */
  liveEntryIds(): Set<string>;
  /** Resolves when every write queued so far is stored. */
  idle(): Promise<void>;
}

/** Concurrent streams one frame may have open; more is not a chat page. */
export const MAX_STREAMS_PER_FRAME = 16;

interface StreamState {
  session: CaptureSession;
  nextSeq: number;
}

/**
 * Receives captured streams from relays and turns them into stored entries. It keeps no
 * state worth losing: when the worker is stopped, relays reconnect and replay every stream
 * not yet closed, and the store's merge makes the replay harmless.
 */
export function createCaptureService(options: CaptureServiceOptions): CaptureService {
  const { store } = options;
  const log = (entry: CaptureLog): void => options.log(entry);
  const live = new Set<Map<string, StreamState>>();
  let writes: Promise<void> = Promise.resolve();

  const write = (updates: EntryUpdate[], streamId: string): Promise<void> => {
    if (updates.length === 0) return writes;
    writes = writes
      .then(() => store.apply(updates))
      .then(
        (entries) => options.onEntriesChanged(entries),
        (error: unknown) => log({ streamId, type: 'store-failed', message: String(error) }),
      );
    return writes;
  };

  return {
    liveEntryIds() {
      const ids = new Set<string>();
      for (const streams of live) for (const state of streams.values()) for (const id of state.session.entryIds) ids.add(id);
      return ids;
    },
    idle: () => writes,
    connect(port) {
      const sender = port.sender;
      const pageUrl = parseHttpUrl(sender?.url);
      if (sender?.id !== options.extensionId || sender.tab?.id === undefined || !pageUrl) {
        log({ type: 'refused-sender', message: `port from ${sender?.url ?? 'unknown'} refused` });
        return;
      }
      const site = new URL(pageUrl).origin;
      const streams = new Map<string, StreamState>();
      const replayAsked = new Set<string>();
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
        replayAsked.add(streamId);
        log({ streamId, type: 'replay', message: 'stream state missing, asked the relay to replay it' });
        post({ type: 'stream-replay', streamId });
      };
      const open = (message: StreamOpen): void => {
        if (streams.has(message.streamId)) return;
        if (streams.size >= MAX_STREAMS_PER_FRAME) {
          log({ streamId: message.streamId, type: 'too-many-streams', message: 'stream ignored' });
          return;
        }
        replayAsked.delete(message.streamId);
        const session = createCaptureSession(
          {
            site,
            pageUrl,
            endpointUrl: message.endpointUrl,
            contentType: message.contentType,
            ...(message.requestModel ? { requestModel: message.requestModel } : {}),
          },
          (issue) => log({ streamId: message.streamId, ...issue }),
        );
        streams.set(message.streamId, { session, nextSeq: 0 });
      };
      const finish = (streamId: string, state: StreamState, how: SessionEnd): Promise<void> => {
        streams.delete(streamId);
        return write(state.session.end(how), streamId);
      };

      port.onMessage.addListener((raw) => {
        const message = parseRelayMessage(raw);
        if (!message) {
          log({ type: 'bad-message', message: 'malformed relay message dropped' });
          return;
        }
        if (message.type === 'stream-open') {
          open(message);
          return;
        }
        const state = streams.get(message.streamId);
        if (!state) {
          askReplay(message.streamId);
          return;
        }
        if (message.type === 'stream-chunk') {
          if (message.seq < state.nextSeq) return; // a replayed chunk already processed
          if (message.seq > state.nextSeq) {
            askReplay(message.streamId);
            return;
          }
          state.nextSeq += 1;
          void write(state.session.push(message.text), message.streamId);
          return;
        }
        if (message.chunks !== state.nextSeq) {
          askReplay(message.streamId);
          return;
        }
        void finish(message.streamId, state, message.outcome).then(() =>
          post({ type: 'stream-closed', streamId: message.streamId }),
        );
      });

      port.onDisconnect.addListener(() => {
        for (const [streamId, state] of streams) void finish(streamId, state, 'disconnected');
        live.delete(streams);
      });
    },
  };
}
