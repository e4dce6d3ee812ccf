import type { VideoStore } from '../store/video-store';
import { isStale, STALE_AFTER_MS } from './stale-entries';

export interface StaleSweeperOptions {
  store: Pick<VideoStore, 'failStale' | 'list'>;
  liveEntryIds(): Set<string>;
  /** Asks to be woken again later (an alarm), or cancels that when nothing is pending. */
  wakeLater(needed: boolean, delayMs: number): void;
  onEntriesChanged(): void;
  now(): number;
}

/**
 * Ends `generating` entries whose stream is gone, and keeps a wake-up scheduled while any
 * entry is still generating, so none stays generating forever even if no page comes back.
 */
export function createStaleSweeper(options: StaleSweeperOptions): { sweep(): Promise<void> } {
  return {
    async sweep() {
      const now = options.now();
      const live = options.liveEntryIds();
      const failed = await options.store.failStale((entry) => isStale(entry, live, now), now);
      if (failed.length > 0) options.onEntriesChanged();
      const pending = (await options.store.list()).some((entry) => entry.status === 'generating');
      options.wakeLater(pending, STALE_AFTER_MS);
    },
  };
}
