import type { CaptureJournal } from '../capture-log/capture-journal';
import type { EntryUpdate } from '../store/merge-entry';
import type { CaptureLog } from './capture-log-entry';
import type { CaptureSession, SessionEnd } from './capture-session';
import type { StreamBudget } from './stream-budget';

/**
 * Text of one stream the background reads at most; past it the stream is ended as truncated.
 * Twice the relay's own cap, so only a relay that lost its limits ever reaches it.
 */
export const MAX_STREAM_TEXT_READ = 32 * 1024 * 1024;
/** Bytes of a read Blob decoded and read on at once (see where it is used). */
const DECODE_BYTES = 64 * 1024;

export interface StreamFeedDeps {
  streamId: string;
  session: CaptureSession;
  budget: StreamBudget;
  /** Queues updates for the store (the write queue); resolves once they are stored. */
  write(updates: EntryUpdate[]): Promise<unknown>;
  log(entry: CaptureLog): void;
  journal?: CaptureJournal | undefined;
}

/** One open stream of a relay Port: its session, fed in order, within its caps. */
export interface StreamFeed {
  /** The `seq` of the next chunk or batch the stream expects. */
  readonly nextSeq: number;
  /** Ids of the entries the stream has made so far. */
  readonly entryIds: ReadonlySet<string>;
  /** Reads more of the stream; `done` once the message's whole text is in (a Blob is read in parts). */
  read(text: string, done?: boolean): void;
  /** Reads part of a `stream-blob` batch's bytes; `done` with its last part. */
  readBytes(bytes: Uint8Array, done: boolean): void;
  /** Goes on past a part of a batch whose bytes were lost; `done` with its last part. */
  skipGap(done: boolean): void;
  /** Ends the session; resolves once its last updates are stored. */
  finish(how: SessionEnd, error?: string): Promise<void>;
}

/**
 * Feeds one stream's text to its session and its updates to the store. A stream past
 * `MAX_STREAM_TEXT_READ` or its reading budget is cut: it ends as truncated, and what comes
 * after is only counted, so the relay's sequence numbers still line up.
 */
export function createStreamFeed(deps: StreamFeedDeps): StreamFeed {
  const { streamId, session, budget, journal } = deps;
  let nextSeq = 0;
  /** Characters received so far. */
  let size = 0;
  /** The background cut the stream; later chunks are only counted. */
  let cut = false;
  /** For `stream-blob`: the relay leaves decoding to the background (docs/benchmarks.md). */
  let decoder: TextDecoder | undefined;

  const read = (text: string, done = true): void => {
    if (done) nextSeq += 1;
    if (cut) return;
    size += text.length;
    if (size > MAX_STREAM_TEXT_READ) {
      cut = true;
      deps.log({ streamId, type: 'stream-too-large', message: `stream longer than ${MAX_STREAM_TEXT_READ} characters: cut, the rest is not read` });
      void deps.write(session.end('truncated'));
      return;
    }
    // Text that makes reading slow costs this one stream, never the worker: it is dropped.
    const updates = budget.read(text, () => session.push(text)) ?? [];
    if (budget.exceeded) {
      cut = true;
      deps.log({ streamId, type: 'too-slow', message: budget.exceeded });
      void deps.write([...updates, ...session.end('truncated')]);
      return;
    }
    journal?.progressed(streamId, size, session.summary());
    if (updates.length > 0) void deps.write(updates);
  };

  return {
    get nextSeq() {
      return nextSeq;
    },
    get entryIds() {
      return session.entryIds;
    },
    read,
    readBytes(bytes, done) {
      // Decoded a piece at a time: one call over a mebibyte makes one big string, which
      // costs Chrome's worker several times what the same bytes cost in small pieces.
      const current = (decoder ??= new TextDecoder());
      for (let offset = 0; offset < bytes.byteLength || offset === 0; offset += DECODE_BYTES) {
        const end = offset + DECODE_BYTES;
        const last = end >= bytes.byteLength;
        read(current.decode(bytes.subarray(offset, end), { stream: true }), last && done);
      }
    },
    skipGap(done) {
      // The decoders drop the event the gap cuts; a character it split is not joined across it.
      decoder = undefined;
      read('\n\n', done);
    },
    finish(how, error) {
      // A character cut off by the end of the bytes becomes U+FFFD, as a page's own decoder makes it.
      const tail = decoder?.decode() ?? '';
      if (tail && !cut) void deps.write(session.push(tail));
      if (how !== 'complete') {
        const why = how === 'disconnected' ? 'the page went away mid-stream' : `the stream ended as ${how}`;
        deps.log({ streamId, type: 'stream-broke', message: error ? `${why}: ${error}` : why });
      }
      const updates = session.end(how);
      journal?.closed(streamId, how, session.summary());
      return deps.write(updates).then(() => {});
    },
  };
}
