import { mayRequest } from '../extract/local-address';
import type { VideoEntry } from '../store/video-entry';

/** Automatic downloads one site may start within `AUTO_DOWNLOAD_WINDOW_MS`; past it they wait for the user. */
export const AUTO_DOWNLOADS_PER_SITE = 12;
export const AUTO_DOWNLOAD_WINDOW_MS = 10 * 60_000;

export interface AutoDownloadGate {
  /** `undefined` when `entry` may be downloaded on its own now (and counts it), else why not. */
  refusal(entry: Pick<VideoEntry, 'site' | 'videoUrl'>, now: number): string | undefined;
}

/**
 * Which done videos are downloaded without the user asking: never a link to a local address
 * from a page that is not on one (`mayRequest`), and at most `perSite` per site within
 * `windowMs`, so a page that reports a flood of "done" videos cannot fill the disk. The user can
 * still download any of them from the gallery.
 */
export function createAutoDownloadGate(perSite = AUTO_DOWNLOADS_PER_SITE, windowMs = AUTO_DOWNLOAD_WINDOW_MS): AutoDownloadGate {
  const started = new Map<string, number[]>();
  return {
    refusal(entry, now) {
      if (entry.videoUrl !== undefined && !mayRequest(entry.videoUrl, entry.site)) {
        return 'its link is on a local network address and its page is not';
      }
      const recent = (started.get(entry.site) ?? []).filter((at) => now - at < windowMs);
      if (recent.length >= perSite) {
        started.set(entry.site, recent);
        return `more than ${perSite} automatic downloads from ${entry.site} within ${Math.round(windowMs / 60_000)} minutes`;
      }
      recent.push(now);
      started.set(entry.site, recent);
      return undefined;
    },
  };
}
