import type { VideoDatabase } from '../store/video-db';
import type { KeptCopy, OfflineCopy } from '../store/offline-copy';

/** Reads and writes of the `offline` store; each call is one transaction with no foreign await. */
export interface OfflineCopies {
  get(id: string): Promise<OfflineCopy | undefined>;
  /** The records of `ids` that exist, by id (the gallery asks for its visible page). */
  getMany(ids: readonly string[]): Promise<Map<string, OfflineCopy>>;
  put(copy: OfflineCopy): Promise<void>;
  /** How many copies are kept and the bytes they take (the cap counts these). */
  usage(): Promise<{ count: number; bytes: number }>;
  /** Deletes the records whose entry is no longer in the library; returns how many. */
  removeOrphans(): Promise<number>;
  /** Deletes every record; returns how many were kept copies. */
  clear(): Promise<number>;
}

export function createOfflineCopies(database: () => Promise<VideoDatabase>): OfflineCopies {
  return {
    async get(id) {
      return (await database()).get('offline', id);
    },
    async getMany(ids) {
      const tx = (await database()).transaction('offline');
      const found = new Map<string, OfflineCopy>();
      // Reading a record gives a handle on its Blobs, not their bytes: cheap even for large videos.
      const records = await Promise.all(ids.map((id) => tx.store.get(id)));
      for (const record of records) if (record) found.set(record.id, record);
      await tx.done;
      return found;
    },
    async put(copy) {
      await (await database()).put('offline', copy);
    },
    async usage() {
      let count = 0;
      let bytes = 0;
      const tx = (await database()).transaction('offline');
      for (let cursor = await tx.store.openCursor(); cursor; cursor = await cursor.continue()) {
        if (cursor.value.state !== 'kept') continue;
        count += 1;
        bytes += cursor.value.bytes;
      }
      await tx.done;
      return { count, bytes };
    },
    async removeOrphans() {
      const tx = (await database()).transaction(['offline', 'videos'], 'readwrite');
      const entryIds = new Set(await tx.objectStore('videos').getAllKeys());
      let removed = 0;
      for (const id of await tx.objectStore('offline').getAllKeys()) {
        if (entryIds.has(id)) continue;
        await tx.objectStore('offline').delete(id);
        removed += 1;
      }
      await tx.done;
      return removed;
    },
    async clear() {
      const tx = (await database()).transaction('offline', 'readwrite');
      let kept = 0;
      for (let cursor = await tx.store.openCursor(); cursor; cursor = await cursor.continue()) {
        if (cursor.value.state === 'kept') kept += 1;
      }
      await tx.store.clear();
      await tx.done;
      return kept;
    },
  };
}

/** The kept copy in a record, if that is what it is. */
export function keptCopy(record: OfflineCopy | undefined): KeptCopy | undefined {
  return record?.state === 'kept' ? record : undefined;
}
