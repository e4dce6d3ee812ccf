import type { EntryMedia, EntryMediaMap } from './entry-media';
import type { OfflineCopies } from '../offline/offline-copies';

/** The part of `URL` used here (injected so tests can count what was made and revoked). */
export interface ObjectUrlApi {
  createObjectURL(blob: Blob): string;
  revokeObjectURL(url: string): void;
}

export interface OfflineMediaUrls {
  /** `blob:` URLs of the kept copies among `ids`; made once per copy and reused across redraws. */
  load(ids: readonly string[]): Promise<EntryMediaMap>;
  /** Revokes every URL made (the page is going away). */
  revokeAll(): void;
}

interface Made {
  savedAt: number;
  media: EntryMedia;
}

/**
 * Turns the offline copies of the entries a gallery page shows into `blob:` URLs of the page's
 * own. A copy replaced by a newer one (the entry got a new link) gets new URLs and the old ones
 * are revoked; a copy that went away (entry deleted) has its URLs revoked.
 */
export function createOfflineMediaUrls(copies: Pick<OfflineCopies, 'getMany'>, urls: ObjectUrlApi): OfflineMediaUrls {
  const made = new Map<string, Made>();
  const revoke = (entry: Made): void => {
    for (const url of [entry.media.videoUrl, entry.media.coverUrl]) if (url) urls.revokeObjectURL(url);
  };

  return {
    async load(ids) {
      const records = await copies.getMany(ids);
      const result = new Map<string, EntryMedia>();
      for (const id of ids) {
        const record = records.get(id);
        const current = made.get(id);
        if (record?.state !== 'kept') {
          if (current) {
            revoke(current);
            made.delete(id);
          }
          if (record) result.set(id, { missing: record.reason });
          continue;
        }
        if (current?.savedAt === record.savedAt) {
          result.set(id, current.media);
          continue;
        }
        if (current) revoke(current);
        const media: EntryMedia = {
          videoUrl: urls.createObjectURL(record.video),
          ...(record.cover && { coverUrl: urls.createObjectURL(record.cover) }),
        };
        made.set(id, { savedAt: record.savedAt, media });
        result.set(id, media);
      }
      return result;
    },
    revokeAll() {
      for (const entry of made.values()) revoke(entry);
      made.clear();
    },
  };
}
