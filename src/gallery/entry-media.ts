import type { SkipReason } from '../store/offline-copy';

/**
 * The offline copy of one entry, as a gallery page shows it: `blob:` URLs the page itself made
 * from the Blobs kept in IndexedDB (src/offline). They are the extension's own, so unlike the
 * captured http(s) links they need no checking; each field is absent when that part was not kept.
 */
export interface EntryMedia {
  /** The kept video. */
  videoUrl?: string;
  /** The kept cover image. */
  coverUrl?: string;
  /** Why no copy was kept, when one was tried and given up on (too large, not a video, unreachable). */
  missing?: SkipReason;
}

/** Offline copies by entry id; an entry without a copy has no key. */
export type EntryMediaMap = ReadonlyMap<string, EntryMedia>;
