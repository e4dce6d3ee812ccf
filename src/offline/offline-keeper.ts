import { parseHttpUrl } from '../extract/http-url';
import { MB, type Settings } from '../settings/settings';
import type { VideoEntry } from '../store/video-entry';
import type { FetchedMedia } from './fetch-media';
import type { OfflineCopies } from './offline-copies';
import type { OfflineCopy } from '../store/offline-copy';

/**
 * One copy may not be larger than this, whatever the cap: the whole file passes through the
 * worker's memory before it is one Blob. Generated clips are 5 to 100 MB; a service worker
 * holding gigabytes would be killed by the browser.
 */
export const MAX_COPY_BYTES = 512 * 1024 ** 2;
/** A cover larger than this is left out of the copy (covers are a few hundred KB). */
export const MAX_COVER_BYTES = 20 * 1024 ** 2;
/** How many entries a catch-up looks at, newest first. */
export const CATCH_UP_LIMIT = 200;
/** A link that could not be reached is tried again by a catch-up this long after (a network blip). */
export const RETRY_UNREACHABLE_MS = 10 * 60_000;

export interface OfflineKeeperDeps {
  copies: OfflineCopies;
  settings(): Promise<Pick<Settings, 'keepOffline' | 'offlineCapMb'> & Partial<Pick<Settings, 'keepAppCopies'>>>;
  /** Whether an entry is copied with `keepAppCopies` alone (a video app's video: src/offline/default-copies.ts). */
  copiedByDefault?(entry: VideoEntry): boolean;
  /** Fetches a file of an entry captured on the page `site` (`fetchMedia`). */
  fetchMedia(url: string, kind: 'video' | 'image', maxBytes: number, site: string): Promise<FetchedMedia>;
  now(): number;
  log(message: string): void;
  /** Called after a copy was kept (or given up on), so open galleries redraw. */
  onChanged(id: string): void;
  /** Wraps the whole run of the queue; the background keeps its worker alive meanwhile. */
  whileBusy?<T>(work: () => Promise<T>): Promise<T>;
}

export interface OfflineKeeper {
  /** Keeps a copy of each entry that qualifies and has none yet (see `wantsCopy`); in order, one at a time. */
  keep(entries: readonly VideoEntry[]): Promise<void>;
  /**
   * Looks for entries left without a copy (worker stopped mid-copy, option just turned on);
   * `roomGrew`: the cap was raised or copies deleted, so what did not fit is tried again.
   */
  catchUp(newest: (limit: number) => Promise<VideoEntry[]>, options?: { roomGrew?: boolean }): Promise<void>;
}

/**
 * Whether an entry is worth a copy: its answer ended well (`done`, so its link is whole), its
 * link is a confirmed video (`needsCheck` cleared) that has not expired yet.
 */
export function wantsCopy(entry: VideoEntry, now: number): boolean {
  return (
    entry.status === 'done' &&
    !entry.needsCheck &&
    parseHttpUrl(entry.videoUrl) !== undefined &&
    (entry.expiresAt === undefined || entry.expiresAt > now)
  );
}

/** Whether a past attempt may be made again: only a network failure, and only after a while. */
function retryable(record: OfflineCopy, now: number): boolean {
  return record.state === 'skipped' && record.reason === 'unreachable' && now - record.savedAt >= RETRY_UNREACHABLE_MS;
}

/**
 * Keeps offline copies of finished videos while the user has the option on: the video and its
 * cover go into the `offline` store as Blobs, within the user's cap. A link is tried once: a
 * failure is recorded (`skipped`, with why) and not retried, except when the entry's link changes.
 */
export function createOfflineKeeper(deps: OfflineKeeperDeps): OfflineKeeper {
  const queued = new Set<string>();
  /** Entries whose "did not fit" record is tried again (the room grew). */
  const retryFull = new Set<string>();
  let tail: Promise<void> = Promise.resolve();

  const wanted = (entry: VideoEntry, settings: Awaited<ReturnType<OfflineKeeperDeps['settings']>>): boolean =>
    settings.keepOffline || (settings.keepAppCopies === true && deps.copiedByDefault?.(entry) === true);

  const copyOne = async (entry: VideoEntry): Promise<void> => {
    const settings = await deps.settings();
    const videoUrl = parseHttpUrl(entry.videoUrl);
    if (!wanted(entry, settings) || !videoUrl || !wantsCopy(entry, deps.now())) return;
    const existing = await deps.copies.get(entry.id);
    const again = retryFull.delete(entry.id) && existing?.state === 'skipped' && existing.reason === 'too-large';
    if (existing?.videoUrl === videoUrl && !again && !retryable(existing, deps.now())) return;

    const left = Math.min(MAX_COPY_BYTES, settings.offlineCapMb * MB - (await deps.copies.usage()).bytes);
    const video = left > 0 ? await deps.fetchMedia(videoUrl, 'video', left, entry.site) : { ok: false as const, reason: 'too-large' as const, detail: 'the cap is full' };
    if (!video.ok) {
      deps.log(`no offline copy of ${entry.id}: ${video.reason} (${video.detail})`);
      await deps.copies.put({ id: entry.id, state: 'skipped', videoUrl, reason: video.reason, detail: video.detail, savedAt: deps.now() });
      deps.onChanged(entry.id);
      return;
    }
    const coverUrl = parseHttpUrl(entry.coverUrl);
    const coverRoom = Math.min(MAX_COVER_BYTES, left - video.blob.size);
    const cover = coverUrl && coverRoom > 0 ? await deps.fetchMedia(coverUrl, 'image', coverRoom, entry.site) : undefined;
    if (cover && !cover.ok) deps.log(`offline copy of ${entry.id} without its cover: ${cover.reason} (${cover.detail})`);
    const coverBlob = cover?.ok ? cover.blob : undefined;
    await deps.copies.put({
      id: entry.id,
      state: 'kept',
      videoUrl,
      video: video.blob,
      ...(coverBlob && { cover: coverBlob }),
      bytes: video.blob.size + (coverBlob?.size ?? 0),
      savedAt: deps.now(),
    });
    deps.onChanged(entry.id);
  };

  const keep = (entries: readonly VideoEntry[]): Promise<void> => {
    const now = deps.now();
    const fresh = entries.filter((entry) => wantsCopy(entry, now) && !queued.has(entry.id));
    if (fresh.length === 0) return tail;
    for (const entry of fresh) queued.add(entry.id);
    const run = async (): Promise<void> => {
      for (const entry of fresh) {
        try {
          await copyOne(entry);
        } catch (error) {
          // IndexedDB refused (quota) or went away: logged, tried again at the next catch-up.
          deps.log(`offline copy of ${entry.id} failed: ${error instanceof Error ? error.message : String(error)}`);
        } finally {
          queued.delete(entry.id);
        }
      }
    };
    tail = tail.then(() => (deps.whileBusy ? deps.whileBusy(run) : run()));
    return tail;
  };

  return {
    keep,
    async catchUp(newest, options = {}) {
      const settings = await deps.settings();
      if (!settings.keepOffline && !settings.keepAppCopies) return;
      const candidates = (await newest(CATCH_UP_LIMIT)).filter((entry) => wantsCopy(entry, deps.now()) && wanted(entry, settings));
      const records = await deps.copies.getMany(candidates.map((entry) => entry.id));
      const now = deps.now();
      await keep(
        candidates.filter((entry) => {
          const record = records.get(entry.id);
          if (options.roomGrew && record?.state === 'skipped' && record.reason === 'too-large') {
            retryFull.add(entry.id);
            return true;
          }
          return !record || record.videoUrl !== entry.videoUrl || retryable(record, now);
        }),
      );
    },
  };
}
