import type { VideoStore } from '../store/video-store';
import { isStreaming } from '../store/video-entry';
import { markSessionSwept, sessionSweepDue, type SessionStorageArea } from './browser-session';
import { isStale, STALE_AFTER_MS } from './stale-entries';

export interface StaleSweeperOptions {
  store: Pick<VideoStore, 'failStale' | 'list'>;
  liveEntryIds(): Set<string>;
  /** Asks to be woken again later (an alarm), or cancels that when nothing is pending. */
  wakeLater(needed: boolean, delayMs: number): void;
  onEntriesChanged(): void;
  now(): number;
  /** Says why a sweep could not run (the store failed); the next wake-up tries again. */
  log(message: string): void;
  /** How long a streaming entry may go without news before it is ended. Default `STALE_AFTER_MS`. */
  staleAfterMs?: number;
}

export interface SweepOptions {
  /**
   * When this browser session (or the extension) started, for its first sweep: no stream of an
   * earlier session can still be live, since every relay of that session is gone, so a streaming
   * entry last told of before it is ended at once. Entries of this session keep the usual delay.
   */
  sessionStartedAt?: number;
}

/**
 * Ends streaming entries whose stream is gone, and keeps a wake-up scheduled while any entry is
 * still streaming, so none stays `generating` forever even if no page comes back. Never rejects.
 */
export function createStaleSweeper(options: StaleSweeperOptions): { sweep(sweepOptions?: SweepOptions): Promise<boolean> } {
  const staleAfterMs = options.staleAfterMs ?? STALE_AFTER_MS;
  return {
    /** Resolves with whether the sweep was done (false: the store failed, and a wake-up will try again). */
    async sweep({ sessionStartedAt } = {}) {
      try {
        const now = options.now();
        const live = options.liveEntryIds();
        const earlierSession = (updatedAt: number): boolean => sessionStartedAt !== undefined && updatedAt < sessionStartedAt;
        const failed = await options.store.failStale((entry) => isStale(entry, live, now, earlierSession(entry.updatedAt) ? 0 : staleAfterMs), now);
        if (failed.length > 0) options.onEntriesChanged();
        const pending = (await options.store.list()).some(isStreaming);
        options.wakeLater(pending, staleAfterMs);
        return true;
      } catch (error) {
        options.log(`stale entries could not be swept: ${String(error)}`);
        // Keep trying: the store may come back (disk space freed, profile unlocked).
        options.wakeLater(true, staleAfterMs);
        return false;
      }
    },
  };
}

/**
 * A worker's first sweep: the session's, when no worker of this session has done it yet
 * (src/background/browser-session.ts), else the usual one, which gives relays time to replay.
 */
export async function sweepAtWorkerStart(
  sweeper: { sweep(sweepOptions?: SweepOptions): Promise<boolean> },
  session: SessionStorageArea | undefined,
  now: () => number,
): Promise<void> {
  const sessionStartedAt = await sessionSweepDue(session, now());
  const swept = await sweeper.sweep(sessionStartedAt === undefined ? {} : { sessionStartedAt });
  if (swept && sessionStartedAt !== undefined && session) await markSessionSwept(session, now());
}
