import type { VideoEntry } from '../store/video-entry';
import type { LibraryReader } from '../store/library-reader';
import type { DownloadDelta } from './download-queue';
import type { EntryMediaMap } from './entry-media';
import type { GalleryActions } from './render-gallery';
import { formatGalleryQuery, parseGalleryQuery, type GalleryQuery } from './gallery-query';
import { galleryControls } from './gallery-controls';
import { createFilterBar } from './filter-bar';
import { createViewToggle, type GalleryViewStore } from './view-toggle';
import { createBatchBar } from './batch-bar';
import { downloadOrder, zipOrder } from './batch-order';
import { createUndoToast } from './undo-toast';
import { deleteWithUndo, type EntryDeletion } from './delete-with-undo';
import { createDownloadQueuePanel } from './download-queue-panel';
import { fullGalleryHandlers } from './full-gallery-handlers';
import { createOfflineMediaCache } from './offline-media-cache';
import { listenForGalleryKeys } from './gallery-keys';
import { createGalleryList } from './gallery-list';
import { renderSelectableEntry } from './selectable-entry';
import { createFullGalleryState } from './full-gallery-state';
import { PAGE_SIZE } from './gallery-page';

export { PAGE_SIZE } from './gallery-page';
export { UNDO_MS } from './undo-toast';

/** What the full gallery needs from the extension; the entrypoint supplies the real ones. */
export interface FullGalleryDeps extends EntryDeletion {
  reader: Pick<LibraryReader, 'newest' | 'count' | 'all'>;
  actions: GalleryActions;
  /** Subscribes to `downloads.onChanged`. */
  onDownloadChanged(listener: (delta: DownloadDelta) => void): void;
  /** The URL search part, read at start and written on each query change (bookmarkable views). */
  location: { search: string; replaceSearch(search: string): void };
  now(): number;
  /**
   * Reads the offline copies of the entries on screen (each id at most once between two
   * `reload()`s). The answer's `blob:` URLs belong to the loader: it should hand out the same
   * URL for the same kept Blob when asked again, and revoke those it drops. Default: no copies.
   */
  loadMedia?(ids: string[]): Promise<EntryMediaMap>;
  /** "Download as ZIP" of the selected entries (src/zip); without it the button is not shown. */
  downloadZip?(entries: VideoEntry[]): void;
  /** Where the chosen grid or list view is kept between visits. Default: not kept (grid). */
  viewStore?: GalleryViewStore;
}

export interface FullGallery {
  /** Reads the library again (on `entries-changed`) and redraws, keeping query, selection and pages. */
  reload(): Promise<void>;
  /** Resolves once the first page is on screen. */
  firstPaint: Promise<void>;
}

/**
 * The full-tab gallery: search, filters, sort, multi-select with a batch download queue,
 * delete with undo, keyboard navigation. The first page comes from a cursor over the newest
 * entries, so it is on screen before the rest of a large library is read. Each part is its own
 * module; this wires them to the state they share (src/gallery/full-gallery-state.ts) and redraws
 * after each change.
 */
export function mountFullGallery(root: HTMLElement, deps: FullGalleryDeps): FullGallery {
  const controls = galleryControls(root.ownerDocument);
  const state = createFullGalleryState(parseGalleryQuery(deps.location.search));
  const update = (change: () => void): void => {
    change();
    draw();
  };

  const filters = createFilterBar(controls, state.query(), setQuery);
  const entries = createGalleryList(controls, () => update(() => state.showMore()));
  const views = createViewToggle(controls, entries.list, deps.viewStore);
  const batch = createBatchBar(controls, views.element, {
    selectShown: (on) => update(() => state.selectShown(deps.now(), on)),
    download: () => downloads.queue.add(downloadOrder(state.visible(deps.now()), state.selected, (id) => state.byId(id) !== undefined)),
    ...(deps.downloadZip ? { zip: () => deps.downloadZip?.(zipOrder(state.visible(deps.now()), state.selected, (id) => state.byId(id))) } : {}),
    remove: () => void remove([...state.selected]),
  });
  const toast = createUndoToast(controls);
  const downloads = createDownloadQueuePanel(controls, {
    start: (id) => deps.actions.download(id),
    onDownloadChanged: (listener) => deps.onDownloadChanged(listener),
    label: (id) => state.byId(id)?.prompt ?? id,
  });
  root.replaceChildren(filters.element, batch.element, entries.count, entries.list, entries.more, downloads.element, toast.element);

  const handlers = fullGalleryHandlers(deps.actions, downloads.queue);
  const media = createOfflineMediaCache(deps.loadMedia?.bind(deps), draw);
  const remove = deleteWithUndo({
    deleteEntries: (ids) => deps.deleteEntries(ids),
    restoreEntries: (removed) => deps.restoreEntries(removed),
    controls,
    toast,
    onDeleted: (ids, removed) => update(() => state.deleted(ids, removed.length)),
    onRestored: () => void reload(),
  });
  listenForGalleryKeys(root, entries.list, {
    focusSearch: () => filters.search.focus(),
    toggle: (id) => update(() => state.select([id], !state.selected.has(id))),
    remove: (id) => void remove(state.selected.size > 0 ? [...state.selected] : [id]),
  });

  function draw(): void {
    const now = deps.now();
    const page = state.page(now);
    entries.show(page, {
      libraryEmpty: state.entries().length === 0,
      now,
      mediaOf: (id) => media.get(id),
      renderRow: (entry) =>
        renderSelectableEntry(controls.doc, entry, {
          now,
          handlers,
          media: media.get(entry.id),
          selected: state.selected.has(entry.id),
          onSelect: (on) => update(() => state.select([entry.id], on)),
        }),
    });
    batch.show(state.selected.size, page.entries.length > 0 && page.entries.every((entry) => state.selected.has(entry.id)));
    media.ask(page.entries.map((entry) => entry.id));
  }

  function setQuery(next: Partial<GalleryQuery>): void {
    const query = state.setQuery(next);
    deps.location.replaceSearch(formatGalleryQuery(query));
    filters.showDateRange(query);
    draw();
  }

  async function reload(): Promise<void> {
    const all = await deps.reader.all();
    state.readAll(all);
    // The library changed (or the clock moved on): offline copies may have come or gone.
    media.reset();
    filters.fill(all, state.query());
    draw();
  }

  const firstPaint = (async () => {
    // The newest page and the total first (one cursor, one count); the rest after it is drawn.
    // The stored view is read with the first page, so the first paint is already in it.
    const [firstPage, total, view] = await Promise.all([deps.reader.newest(PAGE_SIZE), deps.reader.count(), views.load()]);
    state.readFirstPage(firstPage, total);
    views.show(view);
    filters.fill(state.entries(), state.query());
    draw();
  })();
  void firstPaint.then(reload).catch((error: unknown) => {
    console.error('[video-keeper] could not load the gallery', error);
    entries.showError(error instanceof Error ? error.message : String(error));
  });

  return { reload, firstPaint };
}
