import type { VideoEntry } from '../store/video-entry';
import type { EntryHandlers } from './render-entry';
import type { GalleryActions } from './render-gallery';

/**
 * What the full gallery's entry buttons do: Download goes through the batch queue (`queue`),
 * the rest straight to `actions`; a failed copy or open is logged.
 */
export function fullGalleryHandlers(actions: GalleryActions, queue: { add(ids: readonly string[]): void }): EntryHandlers {
  return {
    download: (entry) => queue.add([entry.id]),
    copy: (_entry, url) => void actions.copyLink(url).catch((error: unknown) => console.error('[video-keeper] copy failed', error)),
    copyText: (text) => actions.copyLink(text),
    downloadRendition: (entry, rendition) => actions.download(entry.id, rendition),
    open: (_entry, url) => void Promise.resolve(actions.openVideo(url)).catch((error: unknown) => console.error('[video-keeper] open failed', error)),
    ...(actions.openPage
      ? {
          openPage: (_entry: VideoEntry, url: string) =>
            void Promise.resolve(actions.openPage?.(url)).catch((error: unknown) => console.error('[video-keeper] open chat page failed', error)),
        }
      : {}),
  };
}
