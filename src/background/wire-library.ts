import type { EntriesChanged } from '../protocol/messages';
import { createLibraryReader, type LibraryReader } from '../store/library-reader';
import { createVideoDbConnection, type VideoDatabase } from '../store/video-db';
import { openVideoStore, type VideoStore } from '../store/video-store';
import type { BackgroundApis } from './background-apis';
import { logFailure } from './log';
import { createNewVideosBadge, SEEN_AT_KEY } from './new-videos-badge';
import { storageSlot } from './storage-slot';

/** The library as the background holds it, and what follows each change of it. */
export interface BackgroundLibrary {
  /** The capture's writes (through its write queue). */
  store: VideoStore;
  /** Whole-entry reads and writes (badge, delete, undo, copies) on a connection of their own. */
  db: () => Promise<VideoDatabase>;
  reader: LibraryReader;
  /** After any change: the badge counts again and open extension pages hear `entries-changed`. */
  changed(): void;
  refreshBadge(): void;
  /** The popup was opened: the badge starts counting from now. */
  markSeen(): Promise<{ ok: true }>;
}

export function wireLibrary(apis: Pick<BackgroundApis, 'storage' | 'action' | 'runtime'>, now: () => number): BackgroundLibrary {
  const db = createVideoDbConnection();
  const reader = createLibraryReader(db);
  const seenAt = storageSlot<number>(apis.storage.local, SEEN_AT_KEY);
  const badge = createNewVideosBadge({
    countSince: (time) => reader.countSince(time),
    loadSeenAt: async () => ((value) => (typeof value === 'number' ? value : undefined))(await seenAt.load()),
    saveSeenAt: (time) => seenAt.save(time),
    setBadge: (text) => apis.action.setBadgeText({ text }),
    now,
  });
  const refreshBadge = (): void => void badge.refresh().catch(logFailure('could not update the badge'));
  return {
    store: openVideoStore(),
    db,
    reader,
    changed() {
      refreshBadge();
      apis.runtime.sendMessage({ type: 'entries-changed' } satisfies EntriesChanged).catch(() => {}); // no open page: no receiver
    },
    refreshBadge,
    async markSeen() {
      await badge.markSeen();
      return { ok: true };
    },
  };
}
