import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction } from 'idb';
import { linkExpiry } from '../extract/link-expiry';
import { videoKey } from '../extract/video-key';
import type { OfflineCopy } from './offline-copy';
import { scrubEntryUrls } from './scrub-url';
import type { VideoEntry } from './video-entry';

export const VIDEO_DB_NAME = 'video-keeper';
/**
 * v1: `videos` with `by-created`, `by-site`, `by-video`. v2: `by-video-key`, keys backfilled.
 * v3: `offline`, the kept copies of videos and covers. v4: page and endpoint URLs scrubbed of
 * secrets (`scrubEntryUrls`).
 */
export const VIDEO_DB_VERSION = 4;

/** Typed schema of the library database. Add a version step below, never edit an old one. */
export interface VideoDb extends DBSchema {
  videos: {
    key: string;
    value: VideoEntry;
    indexes: {
      'by-created': number;
      'by-site': string;
      /** v1's dedupe index; kept (dropping it would be a step of its own) but no longer read. */
      'by-video': string;
      'by-video-key': string;
    };
  };
  /** Offline copies by entry id (v3); an entry has at most one, deleted with it. */
  offline: {
    key: string;
    value: OfflineCopy;
  };
}

export type VideoDatabase = IDBPDatabase<VideoDb>;

export interface OpenVideoDbOptions {
  /**
   * Called after the connection closed itself (another context opens a newer version) or was
   * closed by the browser. The database is still there: open it again for the next call, as
   * `createVideoDbConnection` does.
   */
  onClose?(): void;
  /**
   * Called when this open (an upgrade) waits for an older connection that does not step aside
   * (a page of an older version that is still open). The open goes on once it closes.
   */
  onBlocked?(): void;
}

/**
 * Opens (and creates or upgrades) the library database. The connection closes itself when
 * another context asks for a newer version, so an open popup never blocks an upgrade; a
 * caller that lives on uses `createVideoDbConnection` (or `onClose`) to open it again.
 */
export function openVideoDb(name: string = VIDEO_DB_NAME, options: OpenVideoDbOptions = {}): Promise<VideoDatabase> {
  // Some locked-down or private profiles give no IndexedDB at all: say so in its own words.
  if (typeof indexedDB === 'undefined') {
    return Promise.reject(new DOMException('IndexedDB is not available in this browser profile', 'InvalidStateError'));
  }
  return openDB<VideoDb>(name, VIDEO_DB_VERSION, {
    upgrade(db, oldVersion, _newVersion, transaction) {
      // Steps that rewrite entries run one after another: two cursors over the same entries in
      // one transaction would write over each other's changes.
      let rewrites = Promise.resolve();
      if (oldVersion < 1) {
        const videos = db.createObjectStore('videos', { keyPath: 'id' });
        videos.createIndex('by-created', 'createdAt');
        videos.createIndex('by-site', 'site');
        // Not unique: entries still generating have no URL yet, and the dedupe lookup
        // goes through this index anyway.
        videos.createIndex('by-video', 'videoUrl');
      }
      if (oldVersion < 2) {
        const videos = transaction.objectStore('videos');
        // Not unique, for the same reason as `by-video`; entries without a URL have no key.
        videos.createIndex('by-video-key', 'videoKey');
        // openDB resolves only after this transaction completes, so the backfill is done
        // before anyone reads. Only IndexedDB requests are awaited: the transaction stays alive.
        rewrites = rewrites.then(() => backfillVideoKeys(transaction));
      }
      if (oldVersion < 3) {
        // Blobs live in a store of their own: reading entries for the gallery never loads them.
        db.createObjectStore('offline', { keyPath: 'id' });
      }
      if (oldVersion < 4) {
        // Older versions kept `?access_token=` of EventSource endpoints and the page's fragment.
        rewrites = rewrites.then(() => scrubStoredUrls(transaction));
      }
      rewrites.catch(() => {
        // A failed request aborts the upgrade transaction: openDB rejects with its error.
      });
    },
    blocking(_currentVersion, _blockedVersion, event) {
      // Another context needs a newer version: step aside rather than block it.
      (event.target as IDBDatabase).close();
      options.onClose?.();
    },
    blocked() {
      options.onBlocked?.();
    },
    terminated() {
      // The browser closed the connection (storage cleared, disk error): open again on next use.
      options.onClose?.();
    },
  });
}

/** v2: every stored link gets its `videoKey`, and its `expiresAt`, which v1 did not record. */
async function backfillVideoKeys(transaction: IDBPTransaction<VideoDb, Array<'videos' | 'offline'>, 'versionchange'>): Promise<void> {
  for (let cursor = await transaction.objectStore('videos').openCursor(); cursor; cursor = await cursor.continue()) {
    const entry = cursor.value;
    if (!entry.videoUrl || entry.videoKey) continue;
    const expiresAt = entry.expiresAt ?? linkExpiry(entry.videoUrl);
    await cursor.update({ ...entry, videoKey: videoKey(entry.videoUrl), ...(expiresAt === undefined ? {} : { expiresAt }) });
  }
}

/** v4: every entry's page and endpoint URLs without what could be a secret. */
async function scrubStoredUrls(transaction: IDBPTransaction<VideoDb, Array<'videos' | 'offline'>, 'versionchange'>): Promise<void> {
  for (let cursor = await transaction.objectStore('videos').openCursor(); cursor; cursor = await cursor.continue()) {
    const scrubbed = scrubEntryUrls(cursor.value);
    if (scrubbed !== cursor.value) await cursor.update(scrubbed);
  }
}

/**
 * A connection that opens on first use and again after it closed itself for another
 * context's upgrade. Returns the function to call before each use.
 */
export function createVideoDbConnection(
  name: string = VIDEO_DB_NAME,
  options: Pick<OpenVideoDbOptions, 'onBlocked'> = {},
): () => Promise<VideoDatabase> {
  let current: Promise<VideoDatabase> | undefined;
  return () => {
    if (!current) {
      const opening = openVideoDb(name, {
        ...options,
        onClose() {
          if (current === opening) current = undefined;
        },
      });
      current = opening;
      // A failed open is not cached: the next use tries again.
      opening.catch(() => {
        if (current === opening) current = undefined;
      });
    }
    return current;
  };
}
