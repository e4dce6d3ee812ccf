import { mergeEntry, type EntryUpdate } from './merge-entry';
import type { VideoDatabase } from './video-db';
import type { VideoEntry } from './video-entry';

/** Reads and writes of the video library. All writes go through `apply`. */
export interface VideoStore {
  /** Merges updates in one transaction; returns the stored entries. */
  apply(updates: EntryUpdate[], now?: number): Promise<VideoEntry[]>;
  get(id: string): Promise<VideoEntry | undefined>;
  /** Newest first. */
  list(): Promise<VideoEntry[]>;
  /** Marks every `generating` entry accepted by `isStale` as failed (`interrupted`). */
  failStale(isStale: (entry: VideoEntry) => boolean, now?: number): Promise<VideoEntry[]>;
}

/** Wraps an open database. Only IndexedDB calls happen inside a transaction, no foreign await. */
export function createVideoStore(db: VideoDatabase): VideoStore {
  return {
    async apply(updates, now = Date.now()) {
      if (updates.length === 0) return [];
      const tx = db.transaction('videos', 'readwrite');
      const written: VideoEntry[] = [];
      for (const update of updates) {
        // One video is one entry whatever named it first: a URL already stored under
        // another id wins over the update's own id.
        const sameVideo = update.videoUrl ? await tx.store.index('by-video').get(update.videoUrl) : undefined;
        const existing = sameVideo ?? (await tx.store.get(update.id));
        const entry = mergeEntry(existing, sameVideo ? { ...update, id: sameVideo.id } : update, now);
        await tx.store.put(entry);
        written.push(entry);
      }
      await tx.done;
      return written;
    },
    get(id) {
      return db.get('videos', id);
    },
    async list() {
      const entries = await db.getAllFromIndex('videos', 'by-created');
      return entries.reverse();
    },
    async failStale(isStale, now = Date.now()) {
      const tx = db.transaction('videos', 'readwrite');
      const failed: VideoEntry[] = [];
      let cursor = await tx.store.openCursor();
      while (cursor) {
        const entry = cursor.value;
        if (entry.status === 'generating' && isStale(entry)) {
          const next: VideoEntry = { ...entry, status: 'failed', failureReason: 'interrupted', updatedAt: now };
          await cursor.update(next);
          failed.push(next);
        }
        cursor = await cursor.continue();
      }
      await tx.done;
      return failed;
    },
  };
}
