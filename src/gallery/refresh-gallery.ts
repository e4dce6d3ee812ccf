import type { VideoEntry } from '../store/video-entry';
import type { EntryMediaMap } from './entry-media';
import { renderGallery, renderGalleryError, type GalleryActions } from './render-gallery';

/**
 * Returns `refresh()`, which loads the entries and renders them into `root`. Broadcasts can
 * arrive faster than IndexedDB answers; when loads overlap, only the latest one is drawn,
 * so an older list never replaces a newer one.
 */
export function createGalleryRefresher(
  root: HTMLElement,
  load: () => Promise<VideoEntry[]>,
  actions: GalleryActions,
  /** The offline copies of the loaded entries (src/offline); a failure only means none are shown. */
  loadMedia?: (ids: string[]) => Promise<EntryMediaMap>,
): () => Promise<void> {
  let latest = 0;
  return async () => {
    const ticket = ++latest;
    try {
      const entries = await load();
      const media = await loadMedia?.(entries.map((entry) => entry.id)).catch((error: unknown) => {
        console.warn('[video-keeper] could not read the offline copies', error);
        return undefined;
      });
      if (ticket === latest) renderGallery(root, entries, actions, media ? { media } : {});
    } catch (error) {
      console.error('[video-keeper] could not load the gallery', error);
      if (ticket === latest) renderGalleryError(root, error);
    }
  };
}
