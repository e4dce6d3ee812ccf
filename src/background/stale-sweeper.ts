import type { VideoStore } from '../store/video-store';
import { isStreaming } from '../store/video-entry';
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
   * The browser (or the extension) has just started: no stream of an earlier session can still
   * be live, since every relay of that session is gone. Every streaming entry is ended at once.
   */
  sessionStart?: boolean;
}

/**
 * Ends streaming entries whose stream is gone, and keeps a wake-up scheduled while any entry is
 * still streaming, so none stays `generating` forever even if no page comes back. Never rejects.
 */
export function createStaleSweeper(options: StaleSweeperOptions): { sweep(sweepOptions?: SweepOptions): Promise<void> } {
  const staleAfterMs = options.staleAfterMs ?? STALE_AFTER_MS;
  return {
    async sweep({ sessionStart = false } = {}) {
      try {
        const now = options.now();
        const live = options.liveEntryIds();
        const after = sessionStart ? 0 : staleAfterMs;
        const failed = await options.store.failStale((entry) => isStale(entry, live, now, after), now);
        if (failed.length > 0) options.onEntriesChanged();
        const pending = (await options.store.list()).some(isStreaming);
        options.wakeLater(pending, staleAfterMs);
      } catch (error) {
        options.log(`stale entries could not be swept: ${String(error)}`);
        // Keep trying: the store may come back (disk space freed, profile unlocked).
        options.wakeLater(true, staleAfterMs);
      }
    },
  };
}
