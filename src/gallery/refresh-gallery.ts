import type { VideoEntry } from '../store/video-entry';
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
): () => Promise<void> {
  let latest = 0;
  return async () => {
    const ticket = ++latest;
    try {
      const entries = await load();
      if (ticket === latest) renderGallery(root, entries, actions);
    } catch (error) {
      console.error('[video-keeper] could not load the gallery', error);
      if (ticket === latest) renderGalleryError(root, error);
    }
  };
}
