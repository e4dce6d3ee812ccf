import type { GalleryControls } from './gallery-controls';
import { parseGalleryView, type GalleryView } from './gallery-view';
import { t } from '../i18n/t';

/** Where the chosen view is kept between visits (storage.local in the gallery page). */
export interface GalleryViewStore {
  load(): Promise<unknown>;
  save(view: GalleryView): Promise<void>;
}

export interface ViewToggle {
  /** The Grid and List buttons, `role="group"`. */
  element: HTMLElement;
  /** Lays `list` out as `view` and presses its button (the stored view on the first paint). */
  show(view: GalleryView): void;
  /** The stored view; grid when none is kept or it cannot be read. */
  load(): Promise<GalleryView>;
}

/**
 * The grid / list switch of the full gallery. It sets the class and `data-view` of `list`, and
 * keeps the user's choice in `store`.
 */
export function createViewToggle(controls: GalleryControls, list: HTMLElement, store: GalleryViewStore | undefined): ViewToggle {
  let view: GalleryView = 'grid';
  // Buttons with aria-pressed rather than a radio group: each is one press, and the pair reads
  // as "View, group; Grid, toggle button, pressed".
  const element = controls.el('div', 'gallery-view-toggle');
  element.setAttribute('role', 'group');
  element.setAttribute('aria-label', t('viewLabel'));
  const buttons = (['grid', 'list'] as const).map((name) => {
    const toggle = controls.button(`view-${name}`, name === 'grid' ? t('viewGrid') : t('viewList'));
    toggle.dataset.view = name;
    toggle.addEventListener('click', () => choose(name));
    return toggle;
  });
  element.append(...buttons);

  function show(next: GalleryView): void {
    view = next;
    list.className = `entries gallery-${view}`;
    list.dataset.view = view;
    for (const toggle of buttons) toggle.setAttribute('aria-pressed', String(toggle.dataset.view === view));
  }

  function choose(next: GalleryView): void {
    if (next === view) return;
    show(next);
    store?.save(next).catch((error: unknown) => console.error('[video-keeper] could not keep the gallery view', error));
  }

  return {
    element,
    show,
    async load() {
      try {
        return parseGalleryView(await store?.load());
      } catch (error) {
        console.error('[video-keeper] could not read the gallery view', error);
        return 'grid';
      }
    },
  };
}
