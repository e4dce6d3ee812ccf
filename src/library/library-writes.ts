import type { VideoDatabase } from '../store/video-db';
import type { VideoEntry } from '../store/video-entry';

/** Whole-entry writes of the library that bypass merging: delete, undo and import. */
export interface LibraryWrites {
  /** Deletes the entries; returns the ones that existed, so a delete can be undone. */
  remove(ids: readonly string[]): Promise<VideoEntry[]>;
  /** Puts entries back as they were (undo, import); an entry with the same id is replaced. */
  put(entries: readonly VideoEntry[]): Promise<number>;
  /** Deletes everything, offline copies included; returns how many entries there were. */
  clear(): Promise<number>;
  /** Every entry, oldest first. */
  all(): Promise<VideoEntry[]>;
}

/** Writes over the library database; each call is one transaction with no foreign await. */
export function createLibraryWrites(database: () => Promise<VideoDatabase>): LibraryWrites {
  return {
    async remove(ids) {
      const tx = (await database()).transaction('videos', 'readwrite');
      const removed: VideoEntry[] = [];
      for (const id of ids) {
        const entry = await tx.store.get(id);
        if (!entry) continue;
        removed.push(entry);
        await tx.store.delete(id);
      }
      await tx.done;
      return removed;
    },
    async put(entries) {
      const tx = (await database()).transaction('videos', 'readwrite');
      for (const entry of entries) await tx.store.put(entry);
      await tx.done;
      return entries.length;
    },
    async clear() {
      const tx = (await database()).transaction(['videos', 'offline'], 'readwrite');
      const count = await tx.objectStore('videos').count();
      await tx.objectStore('videos').clear();
      await tx.objectStore('offline').clear();
      await tx.done;
      return count;
    },
    async all() {
      return (await database()).getAllFromIndex('videos', 'by-created');
    },
  };
}
