import { mergeEntry, updateVideoKey, type EntryUpdate } from './merge-entry';
import { scrubEntryUrls } from './scrub-url';
import { sameEntry } from './same-entry';
import { createVideoDbConnection, VIDEO_DB_NAME, type OpenVideoDbOptions, type VideoDatabase } from './video-db';
import { isStreaming, type VideoEntry } from './video-entry';

/** Reads and writes of the video library. All writes go through `apply`. */
export interface VideoStore {
  /**
   * Merges updates in one transaction, their page and endpoint URLs scrubbed (`scrubEntryUrls`);
   * an update never changes another site's entry (it is left out). Returns the stored entries.
   * An update that changes nothing is not written: its entry comes back as it was, with its old
   * `updatedAt` (a written one has `updatedAt === now`).
   */
  apply(updates: EntryUpdate[], now?: number): Promise<VideoEntry[]>;
  get(id: string): Promise<VideoEntry | undefined>;
  /** Newest first. */
  list(): Promise<VideoEntry[]>;
  /**
   * Ends every entry accepted by `isStale` whose stream is gone as `interrupted`: a `generating`
   * one fails, a `partial` one still streaming keeps its link and gets its reason. Returns them.
   */
  failStale(isStale: (entry: VideoEntry) => boolean, now?: number): Promise<VideoEntry[]>;
  /**
   * Settles a `needsCheck` entry once its link was probed: a video is confirmed, anything else
   * (a web page behind a "video" label) is removed. Returns whether anything changed.
   */
  settleCheck(id: string, isVideo: boolean, now?: number): Promise<boolean>;
}

/**
 * Wraps a database: an open one, or a function giving the current connection
 * (`createVideoDbConnection`), which survives the connection closing for an upgrade. Only
 * IndexedDB calls happen inside a transaction, no foreign await.
 */
export function createVideoStore(source: VideoDatabase | (() => Promise<VideoDatabase>)): VideoStore {
  const database = typeof source === 'function' ? source : () => Promise.resolve(source);
  return {
    async apply(updates, now = Date.now()) {
      if (updates.length === 0) return [];
      const db = await database();
      const tx = db.transaction('videos', 'readwrite');
      const written: VideoEntry[] = [];
      for (const raw of updates) {
        const update = scrubEntryUrls(raw);
        // One video is one entry per site whatever named it first, and however often its link
        // was signed again: an entry of this site already holding this video wins over the
        // update's own id.
        const key = updateVideoKey(update);
        const sameKey = key ? await tx.store.index('by-video-key').getAll(key) : [];
        const sameVideo = sameKey.find((entry) => mayChange(entry, update));
        const existing = sameVideo ?? (await tx.store.get(update.id));
        // A page knowing another site's task id or link must not change that site's entry.
        if (existing && !mayChange(existing, update)) continue;
        const merged = mergeEntry(existing, sameVideo ? { ...update, id: sameVideo.id } : update, now);
        if (existing && sameEntry(merged, existing)) {
          written.push(existing);
          continue;
        }
        await tx.store.put(merged);
        written.push(merged);
      }
      await tx.done;
      return written;
    },
    async get(id) {
      return (await database()).get('videos', id);
    },
    async list() {
      const entries = await (await database()).getAllFromIndex('videos', 'by-created');
      return entries.reverse();
    },
    async failStale(isStale, now = Date.now()) {
      const tx = (await database()).transaction('videos', 'readwrite');
      const failed: VideoEntry[] = [];
      let cursor = await tx.store.openCursor();
      while (cursor) {
        const entry = cursor.value;
        if (isStreaming(entry) && isStale(entry)) {
          const next: VideoEntry =
            entry.status === 'partial'
              ? { ...entry, partialReason: 'interrupted', updatedAt: now }
              : { ...entry, status: 'failed', failureReason: 'interrupted', updatedAt: now };
          await cursor.update(next);
          failed.push(next);
        }
        cursor = await cursor.continue();
      }
      await tx.done;
      return failed;
    },
    async settleCheck(id, isVideo, now = Date.now()) {
      const tx = (await database()).transaction('videos', 'readwrite');
      const entry = await tx.store.get(id);
      let changed = false;
      if (entry?.needsCheck) {
        changed = true;
        if (isVideo) {
          const confirmed: VideoEntry = { ...entry, updatedAt: now };
          delete confirmed.needsCheck;
          await tx.store.put(confirmed);
        } else {
          await tx.store.delete(id);
        }
      }
      await tx.done;
      return changed;
    },
  };
}

/**
 * Whether `update` may change the stored `entry`: only an update from the entry's own site (its
 * page's origin), or an imported chat history, which the user chose and which names no page.
 */
function mayChange(entry: VideoEntry, update: EntryUpdate): boolean {
  return entry.site === update.site || update.source === 'chat-history';
}

/**
 * The library store for a context that lives on (the worker, an open popup): it opens the
 * database on first use and again whenever the connection closed for another context's upgrade.
 */
export function openVideoStore(name: string = VIDEO_DB_NAME, options: Pick<OpenVideoDbOptions, 'onBlocked'> = {}): VideoStore {
  return createVideoStore(createVideoDbConnection(name, options));
}
