import type { GalleryControls } from './gallery-controls';
import { drawEntryList, type DrawEntryListOptions } from './draw-entry-list';
import type { GalleryPage } from './gallery-page';
import { t } from '../i18n/t';

export interface GalleryList {
  /** "Showing 60 of 1200 videos", `role="status"`. */
  count: HTMLElement;
  /** The entries, `<ul class="entries gallery-grid">` (the view toggle sets the layout class). */
  list: HTMLUListElement;
  /** "Show more". */
  more: HTMLButtonElement;
  /** Draws `page`: its rows, the count, and "Show more" while there is more. */
  show(page: GalleryPage, rows: DrawEntryListOptions): void;
  /** Says in the count line why the library could not be read. */
  showError(message: string): void;
}

/** The full gallery's list with its count line above and its "Show more" button (`onMore`) below. */
export function createGalleryList(controls: GalleryControls, onMore: () => void): GalleryList {
  const count = controls.el('p', 'gallery-count');
  count.setAttribute('role', 'status');
  const list = controls.el('ul', 'entries gallery-grid');
  list.setAttribute('aria-label', t('videosLabel'));
  const more = controls.button('show-more', t('showMore'));
  more.addEventListener('click', onMore);
  return {
    count,
    list,
    more,
    show(page, rows) {
      drawEntryList(list, page.entries, rows);
      count.textContent = page.known === 0 ? t('noMatch') : t('showingCount', page.entries.length, page.known);
      more.hidden = !page.more;
    },
    showError(message) {
      count.textContent = t('libraryReadError', message);
    },
  };
}
