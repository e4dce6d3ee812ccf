import type { VideoEntry } from '../store/video-entry';
import type { VideoStore } from '../store/video-store';
import type { LinkVerdict } from './probe-video-link';

export interface VideoLinkCheckerOptions {
  store: Pick<VideoStore, 'settleCheck'>;
  /** Probes `url` for a capture made on the page `site`. */
  probe(url: string, site: string): Promise<LinkVerdict>;
  onEntriesChanged(): void;
}

/**
 * Confirms entries whose video is one only by its label (proxy links without a file
 * extension): each such link is probed once per worker life, and the verdict settles the entry.
 */
export function createVideoLinkChecker(options: VideoLinkCheckerOptions): { check(entries: VideoEntry[]): Promise<void> } {
  const probed = new Set<string>();
  return {
    async check(entries) {
      const pending = entries.filter((entry) => entry.needsCheck && entry.videoUrl && !probed.has(entry.id));
      await Promise.all(
        pending.map(async (entry) => {
          probed.add(entry.id);
          const verdict = await options.probe(entry.videoUrl ?? '', entry.site);
          if (verdict === 'unknown') return;
          if (await options.store.settleCheck(entry.id, verdict === 'video')) options.onEntriesChanged();
        }),
      );
    },
  };
}
