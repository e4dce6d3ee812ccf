import type { EntryUpdate } from '../store/merge-entry';
import type { VideoEntry } from '../store/video-entry';
import type { VideoStore } from '../store/video-store';
import type { CaptureJournal } from '../capture-log/capture-journal';
import { SITE_EXTRACTORS, type SiteExtractor } from '../sites/extractors';
import type { CaptureLog } from './capture-log-entry';
import type { CapturePort } from './capture-port';
import { createLivePorts } from './live-ports';
import type { StreamOpening } from './open-stream-feed';
import { serveRelayPort } from './serve-relay-port';
import { createUnchangedBodies } from './unchanged-bodies';
import { createWriteQueue, type BacklogStorage } from './write-queue';
import { createStreamBudget, type StreamBudget } from './stream-budget';

// The service's public names, whose homes are the modules it wires.
export type { CaptureLog } from './capture-log-entry';
export type { CapturePort } from './capture-port';
export { MAX_REPLAYS_PER_STREAM } from './stream-replays';
export { MAX_STREAMS_PER_FRAME } from './relay-port-streams';
export { MAX_STREAM_TEXT_READ } from './stream-feed';

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
  const ports = createLivePorts();
  const writes = createWriteQueue({
    store: options.store,
    ...(options.backlog ? { backlog: options.backlog } : {}),
    ...(options.retryDelayMs ? { retryDelayMs: options.retryDelayMs } : {}),
    schedule: options.schedule ?? ((callback, ms) => setTimeout(callback, ms)),
    now: options.now ?? (() => Date.now()),
    onStored: (entries, writtenAt) => options.onEntriesChanged(entries, { writtenAt }),
    log: (message) => log({ type: 'store-failed', message }),
  });
  const opening: StreamOpening = {
    extractors: () => (typeof options.extractors === 'function' ? options.extractors() : (options.extractors ?? SITE_EXTRACTORS)),
    streamBudget: () => options.streamBudget?.() ?? createStreamBudget(),
    unchangedBodies: createUnchangedBodies(),
    write: (updates) => writes.write(updates),
    log,
    journal,
  };

  return {
    liveEntryIds: () => ports.entryIds(),
    // Blobs still being read come first: what they hold becomes writes.
    idle: async () => {
      await ports.idle();
      await writes.idle();
    },
    restoreBacklog: () => writes.restore(),
    pendingWrites: () => writes.pending(),
    write: (updates) => writes.write(updates),
    connect: (port) => serveRelayPort(port, { extensionId: options.extensionId, log, ports, opening }),
  };
}
