import type { VideoEntry } from '../store/video-entry';
import type { LibraryReader } from '../store/library-reader';
import type { DownloadDelta } from './download-queue';
import type { EntryMediaMap } from './entry-media';
import type { GalleryActions } from './render-gallery';
import type { GalleryView } from './gallery-view';
import { formatGalleryQuery, parseGalleryQuery, queryEntries, type GalleryQuery } from './gallery-query';
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
import { drawEntryList } from './draw-entry-list';
import { renderSelectableEntry } from './selectable-entry';
import { loadedEntries, withoutEntries, type LoadedLibrary } from './loaded-library';
import { galleryPage, PAGE_SIZE } from './gallery-page';
import { t } from '../i18n/t';

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
 * module; this wires them to the state they share: the query, the library read, the page, the selection.
 */
export function mountFullGallery(root: HTMLElement, deps: FullGalleryDeps): FullGallery {
  const controls = galleryControls(root.ownerDocument);
  let query: GalleryQuery = parseGalleryQuery(deps.location.search);
  let library: LoadedLibrary = { firstPage: [], total: 0 };
  let shown = PAGE_SIZE;
  const selected = new Set<string>();
  const byId = (id: string): VideoEntry | undefined => loadedEntries(library).find((entry) => entry.id === id);
  const visible = (): VideoEntry[] => queryEntries(loadedEntries(library), query, deps.now());

  const filters = createFilterBar(controls, query, setQuery);
  const list = controls.el('ul', 'entries gallery-grid');
  list.setAttribute('aria-label', t('videosLabel'));
  const views = createViewToggle(controls, list, deps.viewStore);
  const batch = createBatchBar(controls, views.element, {
    selectShown: (on) => select(visible().slice(0, shown).map((entry) => entry.id), on),
    download: () => downloads.queue.add(downloadOrder(visible(), selected, (id) => byId(id) !== undefined)),
    ...(deps.downloadZip ? { zip: () => deps.downloadZip?.(zipOrder(visible(), selected, byId)) } : {}),
    remove: () => void remove([...selected]),
  });
  const count = controls.el('p', 'gallery-count');
  count.setAttribute('role', 'status');
  const more = controls.button('show-more', t('showMore'));
  more.addEventListener('click', () => {
    shown += PAGE_SIZE;
    draw();
  });
  const toast = createUndoToast(controls);
  const downloads = createDownloadQueuePanel(controls, {
    start: (id) => deps.actions.download(id),
    onDownloadChanged: (listener) => deps.onDownloadChanged(listener),
    label: (id) => byId(id)?.prompt ?? id,
  });
  root.replaceChildren(filters.element, batch.element, count, list, more, downloads.element, toast.element);

  const handlers = fullGalleryHandlers(deps.actions, downloads.queue);
  const media = createOfflineMediaCache(deps.loadMedia?.bind(deps), draw);
  const remove = deleteWithUndo({
    deleteEntries: (ids) => deps.deleteEntries(ids),
    restoreEntries: (entries) => deps.restoreEntries(entries),
    controls,
    toast,
    onDeleted: (ids, removed) => {
      for (const id of ids) selected.delete(id);
      library = withoutEntries(library, ids, removed.length);
      draw();
    },
    onRestored: () => void reload(),
  });
  listenForGalleryKeys(root, list, {
    focusSearch: () => filters.search.focus(),
    toggle: (id) => select([id], !selected.has(id)),
    remove: (id) => void remove(selected.size > 0 ? [...selected] : [id]),
  });

  function select(ids: readonly string[], on: boolean): void {
    for (const id of ids) {
      if (on) selected.add(id);
      else selected.delete(id);
    }
    draw();
  }

  function draw(): void {
    const matching = visible();
    const now = deps.now();
    const page = galleryPage(library, matching, shown);
    drawEntryList(list, page.entries, {
      libraryEmpty: loadedEntries(library).length === 0,
      now,
      mediaOf: (id) => media.get(id),
      renderRow: (entry) => {
        const copy = media.get(entry.id);
        const options = { now, handlers, selected: selected.has(entry.id), onSelect: (on: boolean) => select([entry.id], on) };
        return renderSelectableEntry(controls.doc, entry, { ...options, ...(copy ? { media: copy } : {}) });
      },
    });
    count.textContent = page.known === 0 ? t('noMatch') : t('showingCount', page.entries.length, page.known);
    more.hidden = !page.more;
    batch.show(selected.size, page.entries.length > 0 && page.entries.every((entry) => selected.has(entry.id)));
    media.ask(page.entries.map((entry) => entry.id));
  }

  function setQuery(next: Partial<GalleryQuery>): void {
    query = { ...query, ...next };
    shown = PAGE_SIZE;
    deps.location.replaceSearch(formatGalleryQuery(query));
    filters.showDateRange(query);
    draw();
  }

  async function reload(): Promise<void> {
    const all = await deps.reader.all();
    library = { ...library, all, total: all.length };
    // The library changed (or the clock moved on): offline copies may have come or gone.
    media.reset();
    filters.fill(all, query);
    draw();
  }

  const firstPaint = (async () => {
    // The newest page and the total first (one cursor, one count); the rest after it is drawn.
    // The stored view is read with the first page, so the first paint is already in it.
    const [firstPage, total, view]: [VideoEntry[], number, GalleryView] = await Promise.all([deps.reader.newest(PAGE_SIZE), deps.reader.count(), views.load()]);
    library = { ...library, firstPage, total };
    views.show(view);
    filters.fill(loadedEntries(library), query);
    draw();
  })();
  void firstPaint.then(reload).catch((error: unknown) => {
    console.error('[video-keeper] could not load the gallery', error);
    count.textContent = t('libraryReadError', error instanceof Error ? error.message : String(error));
  });

  return { reload, firstPaint };
}
