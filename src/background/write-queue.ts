import { updateVideoKey, type EntryUpdate } from '../store/merge-entry';
import { scrubEntryUrls } from '../store/scrub-url';
import type { VideoEntry } from '../store/video-entry';
import type { VideoStore } from '../store/video-store';
import type { WriteBacklog } from '../store/write-backlog';

/** Where refused updates outlive the worker: `storage.local` in the browser. */
export interface BacklogStorage {
  load(): Promise<WriteBacklog | undefined>;
  /** `undefined` removes it. */
  save(backlog: WriteBacklog | undefined): Promise<void>;
}

export interface WriteQueueOptions {
  store: Pick<VideoStore, 'apply'>;
  /** Default: memory only (a stopped worker then relies on the relays' replay alone). */
  backlog?: BacklogStorage;
  /** `setTimeout` in the browser. */
  schedule(callback: () => void, ms: number): void;
  /** The clock; also the time each write is stored under (`createdAt` of the entries it creates). */
  now(): number;
  /**
   * Called with the entries a write stored and the time it was stored under: an entry created by
   * that write has `createdAt === writtenAt`. Entries the write left unchanged are not passed,
   * and a write that changed nothing makes no call.
   */
  onStored(entries: VideoEntry[], writtenAt: number): void;
  /** Says what went wrong: a refused write (with the updates now waiting), a dropped update, a lost backlog. */
  log(message: string): void;
  /** Delay before retry number `attempt` (1, 2 …). Default: 1 s doubling up to a minute. */
  retryDelayMs?: (attempt: number) => number;
}

export interface WriteQueue {
  /**
   * Stores updates after every earlier one. Resolves once they (and every earlier write) are
   * stored, after retries if the store refuses them; never rejects. A stream is confirmed to its relay only then, so a relay
   * keeps (and replays) what is not yet stored. Resolves with the stored entries these updates
   * touched (an import counts them).
   */
  write(updates: EntryUpdate[]): Promise<VideoEntry[]>;
  /** Resolves when no attempt is running; refused updates may still wait for their retry. */
  idle(): Promise<void>;
  /** Takes over the backlog a stopped worker left behind and stores it. */
  restore(): Promise<void>;
  /** Updates waiting for a retry. */
  pending(): number;
}

/** Updates kept for a retry at most; past it the oldest go (their relays still hold the streams). */
export const MAX_BACKLOG_UPDATES = 2000;
const MAX_RETRY_DELAY_MS = 60_000;

interface Batch {
  updates: EntryUpdate[];
  stored(entries: VideoEntry[]): void;
}

/**
 * Serializes the background's writes to the library, and keeps what the store refuses instead
 * of dropping it: the updates wait in order, in memory and in `backlog`, and are retried with
 * growing delays until the store takes them (disk space freed, the database back).
 */
export function createWriteQueue(options: WriteQueueOptions): WriteQueue {
  const retryDelayMs = options.retryDelayMs ?? ((attempt: number) => Math.min(1000 * 2 ** (attempt - 1), MAX_RETRY_DELAY_MS));
  let waiting: Batch[] = [];
  let running: Promise<void> = Promise.resolve();
  let failures = 0;
  let retryScheduled = false;
  let failingSince: number | undefined;

  const count = (batches: readonly Batch[]): number => batches.reduce((sum, batch) => sum + batch.updates.length, 0);

  const saveBacklog = async (backlog: WriteBacklog | undefined): Promise<void> => {
    try {
      await options.backlog?.save(backlog);
    } catch (error) {
      options.log(`the write backlog could not be ${backlog ? 'saved' : 'cleared'}: ${errorText(error)}`);
    }
  };

  const trim = (): void => {
    let excess = count(waiting) - MAX_BACKLOG_UPDATES;
    let dropped = 0;
    while (excess > 0 && waiting.length > 1) {
      const oldest = waiting.shift();
      excess -= oldest?.updates.length ?? 0;
      dropped += oldest?.updates.length ?? 0;
    }
    if (dropped > 0) {
      options.log(`${dropped} unsaved updates dropped from the write backlog (over ${MAX_BACKLOG_UPDATES}); their pages' relays still hold them`);
    }
  };

  const attempt = async (): Promise<void> => {
    if (waiting.length === 0) return;
    const batches = waiting;
    waiting = [];
    const updates = batches.flatMap((batch) => batch.updates);
    if (updates.length === 0) {
      // Only markers (see `write`): everything before them is stored.
      for (const batch of batches) batch.stored([]);
      return;
    }
    let entries: VideoEntry[];
    const writtenAt = options.now();
    try {
      entries = await options.store.apply(updates, writtenAt);
    } catch (error) {
      waiting = [...batches, ...waiting];
      trim();
      failures += 1;
      failingSince ??= options.now();
      const message = errorText(error);
      options.log(`the library refused a write (${message}); ${count(waiting)} updates wait for a retry`);
      await saveBacklog({ updates: waiting.flatMap((batch) => batch.updates), error: message, since: failingSince });
      scheduleRetry();
      return;
    }
    const recovered = failingSince !== undefined;
    failures = 0;
    failingSince = undefined;
    if (recovered) await saveBacklog(undefined);
    for (const batch of batches) batch.stored(entriesOf(batch, entries));
    // Entries the write left as they were (a poll of an unchanged library) changed nothing.
    const changed = entries.filter((entry) => entry.updatedAt === writtenAt);
    if (changed.length === 0) return;
    try {
      options.onStored(changed, writtenAt);
    } catch (error) {
      options.log(`after a write: ${errorText(error)}`);
    }
  };

  const run = (): Promise<void> => {
    running = running.then(attempt);
    return running;
  };

  const scheduleRetry = (): void => {
    if (retryScheduled) return;
    retryScheduled = true;
    options.schedule(() => {
      retryScheduled = false;
      void run();
    }, retryDelayMs(failures));
  };

  return {
    write(updates) {
      // No updates is still queued, as a marker: it resolves once every earlier write is stored.
      return new Promise<VideoEntry[]>((resolve) => {
        // Scrubbed before anything keeps them: the backlog in `storage.local` holds no secret either.
        waiting.push({ updates: updates.map(scrubEntryUrls), stored: resolve });
        trim();
        // While a retry is scheduled the store is known to refuse: wait for it, in order.
        if (!retryScheduled) void run();
      });
    },
    idle: () => running,
    async restore() {
      let backlog: WriteBacklog | undefined;
      try {
        backlog = await options.backlog?.load();
      } catch (error) {
        options.log(`the write backlog could not be read: ${errorText(error)}`);
      }
      if (!backlog || backlog.updates.length === 0) return;
      options.log(`${backlog.updates.length} updates left unsaved by an earlier worker are stored again`);
      failingSince ??= backlog.since;
      waiting.unshift({ updates: backlog.updates, stored: () => {} });
      if (!retryScheduled) await run();
    },
    pending: () => count(waiting),
  };
}

/**
 * The entries of a write that one batch's updates touched: by id, or by video key, since the
 * store merges an update into the entry already holding its video (src/store/video-store.ts).
 */
function entriesOf(batch: Batch, entries: readonly VideoEntry[]): VideoEntry[] {
  if (batch.updates.length === 0) return [];
  const ids = new Set(batch.updates.map((update) => update.id));
  const keys = new Set(batch.updates.map((update) => updateVideoKey(update)));
  return entries.filter((entry) => ids.has(entry.id) || (entry.videoKey !== undefined && keys.has(entry.videoKey)));
}

/** `QuotaExceededError: …` for a DOMException or Error, else the value as text. */
export function errorText(error: unknown): string {
  if (error instanceof Error || (typeof DOMException === 'function' && error instanceof DOMException)) {
    return `${error.name}: ${error.message}`;
  }
  return String(error);
}
