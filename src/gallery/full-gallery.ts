import type { VideoEntry } from '../store/video-entry';
import { createDownloadQueue, type DownloadDelta } from './download-queue';
import { renderEmptyState } from './empty-state';
import type { EntryMedia, EntryMediaMap } from './entry-media';
import { appNameFor, appNameOf } from './app-name';
import {
  formatGalleryQuery,
  galleryFacets,
  parseGalleryQuery,
  queryEntries,
  type DateFilter,
  type GalleryQuery,
} from './gallery-query';
import { parseGalleryView, type GalleryView } from './gallery-view';
import type { LibraryReader } from '../store/library-reader';
import { renderDownloadQueue } from './render-download-queue';
import { isolatedEntry } from './isolated-entry';
import { previewUrl, renderEntry, type EntryHandlers } from './render-entry';
import type { GalleryActions } from './render-gallery';
import { t } from '../i18n/t';
import { actionButton } from './action-button';

/** Entries drawn per page: the first paint draws this many whatever the library holds. */
export const PAGE_SIZE = 60;
/** How long a deletion can be undone. */
export const UNDO_MS = 10_000;

type Result<T> = ({ ok: true } & T) | { ok: false; error: string };

/** What the full gallery needs from the extension; the entrypoint supplies the real ones. */
export interface FullGalleryDeps {
  reader: Pick<LibraryReader, 'newest' | 'count' | 'all'>;
  actions: GalleryActions;
  deleteEntries(ids: string[]): Promise<Result<{ removed: VideoEntry[] }>>;
  restoreEntries(entries: VideoEntry[]): Promise<Result<{ restored: number }>>;
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
  viewStore?: { load(): Promise<unknown>; save(view: GalleryView): Promise<void> };
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
 * entries, so it is on screen before the rest of a large library is read.
 */
export function mountFullGallery(root: HTMLElement, deps: FullGalleryDeps): FullGallery {
  const doc = root.ownerDocument;
  let query: GalleryQuery = parseGalleryQuery(deps.location.search);
  let all: VideoEntry[] | undefined;
  let total = 0;
  let shown = PAGE_SIZE;
  const selected = new Set<string>();
  let undoTimer: ReturnType<typeof setTimeout> | undefined;
  let view: GalleryView = 'grid';
  const media = new Map<string, EntryMedia>();
  const mediaAsked = new Set<string>();
  let mediaRound = 0;

  const toolbar = el('div', 'gallery-toolbar');
  toolbar.setAttribute('role', 'search');
  const search = doc.createElement('input');
  search.type = 'search';
  search.className = 'gallery-search';
  search.placeholder = t('searchPrompts');
  search.setAttribute('aria-label', t('searchPrompts'));
  search.value = query.search;
  const siteFilter = select('site', t('filterSite'));
  const modelFilter = select('model', t('filterModel'));
  const statusFilter = select('status', t('filterStatus'));
  options(statusFilter, [
    ['', t('allStatuses')],
    ['done', t('statusDone')],
    ['generating', t('statusGenerating')],
    ['partial', t('statusPartial')],
    ['failed', t('statusFailed')],
    ['expired', t('linkExpired')],
  ]);
  const dateFilter = select('date', t('filterDate'));
  options(dateFilter, [
    ['', t('dateAnyTime')],
    ['today', t('dateToday')],
    ['7d', t('dateLast7Days')],
    ['30d', t('dateLast30Days')],
    ['custom', t('dateCustom')],
  ]);
  const dateRange = el('span', 'gallery-date-range');
  const fromDay = dayInput('from', t('dateFrom'));
  const toDay = dayInput('to', t('dateTo'));
  dateRange.append(fromDay, ' – ', toDay);
  const sort = select('sort', t('sortLabel'));
  options(sort, [
    ['newest', t('newestFirst')],
    ['oldest', t('oldestFirst')],
  ]);
  toolbar.append(search, siteFilter, modelFilter, statusFilter, dateFilter, dateRange, sort);

  const batch = el('div', 'gallery-batch');
  const selectAll = doc.createElement('input');
  selectAll.type = 'checkbox';
  selectAll.className = 'select-all';
  selectAll.setAttribute('aria-label', t('selectAllShown'));
  const selectedCount = el('span', 'selected-count');
  const downloadSelected = button('download-selected', t('downloadSelected'));
  const deleteSelected = button('delete-selected', t('deleteSelected'));
  // Buttons with aria-pressed rather than a radio group: each is one press, and the pair reads
  // as "View, group; Grid, toggle button, pressed".
  const viewToggle = el('div', 'gallery-view-toggle');
  viewToggle.setAttribute('role', 'group');
  viewToggle.setAttribute('aria-label', t('viewLabel'));
  const viewButtons = (['grid', 'list'] as const).map((name) => {
    const toggle = button(`view-${name}`, name === 'grid' ? t('viewGrid') : t('viewList'));
    toggle.dataset.view = name;
    toggle.addEventListener('click', () => setView(name));
    return toggle;
  });
  viewToggle.append(...viewButtons);
  const downloadZip = button('download-zip', t('zipDownload'));
  downloadZip.hidden = !deps.downloadZip;
  batch.append(selectAll, selectedCount, downloadSelected, downloadZip, deleteSelected, viewToggle);

  const count = el('p', 'gallery-count');
  count.setAttribute('role', 'status');
  const list = el('ul', 'entries gallery-grid');
  list.setAttribute('aria-label', t('videosLabel'));
  const more = button('show-more', t('showMore'));
  const toast = el('div', 'undo-toast');
  toast.setAttribute('role', 'status');
  toast.hidden = true;
  const queueSection = el('section', 'download-queue');
  queueSection.setAttribute('aria-label', t('downloads'));
  queueSection.hidden = true;
  root.replaceChildren(toolbar, batch, count, list, more, queueSection, toast);

  const byId = (id: string): VideoEntry | undefined => (all ?? firstPage).find((entry) => entry.id === id);
  const queue = createDownloadQueue({
    start: (id) => deps.actions.download(id),
    onChange: (items) => renderDownloadQueue(queueSection, items, (id) => byId(id)?.prompt ?? id),
  });
  deps.onDownloadChanged((delta) => queue.update(delta));
  queueSection.addEventListener('click', (event) => {
    if ((event.target as HTMLElement).closest('[data-action="clear-finished"]')) queue.clearFinished();
  });

  let firstPage: VideoEntry[] = [];

  const handlers: EntryHandlers = {
    download: (entry) => queue.add([entry.id]),
    copy: (_entry, url) => void deps.actions.copyLink(url).catch((error: unknown) => console.error('[video-keeper] copy failed', error)),
    copyText: (text) => deps.actions.copyLink(text),
    downloadRendition: (entry, rendition) => deps.actions.download(entry.id, rendition),
    open: (_entry, url) => void Promise.resolve(deps.actions.openVideo(url)).catch((error: unknown) => console.error('[video-keeper] open failed', error)),
    ...(deps.actions.openPage
      ? {
          openPage: (_entry: VideoEntry, url: string) =>
            void Promise.resolve(deps.actions.openPage?.(url)).catch((error: unknown) => console.error('[video-keeper] open chat page failed', error)),
        }
      : {}),
  };

  const visible = (): VideoEntry[] => queryEntries(all ?? firstPage, query, deps.now());

  function draw(): void {
    const active = doc.activeElement as HTMLElement | null;
    const focusedId = active?.closest<HTMLElement>('li.entry')?.dataset.entryId;
    const matching = visible();
    const now = deps.now();
    const page = matching.slice(0, shown);
    const players = playersById();
    if ((all ?? firstPage).length === 0) {
      list.replaceChildren(renderEmptyState(doc));
    } else {
      list.replaceChildren(...page.map((entry) => isolatedEntry(doc, entry, () => keepPlayer(item(entry, now), entry, now, players.get(entry.id)))));
    }
    const known = all ? matching.length : total;
    count.textContent =
      known === 0 ? t('noMatch') : t('showingCount', page.length, known);
    more.hidden = page.length >= (all ? matching.length : total);
    const shownIds = page.map((entry) => entry.id);
    selectAll.checked = shownIds.length > 0 && shownIds.every((id) => selected.has(id));
    selectedCount.textContent = t('selectedCount', selected.size);
    downloadSelected.disabled = selected.size === 0;
    downloadZip.disabled = selected.size === 0;
    deleteSelected.disabled = selected.size === 0;
    // A player moved into the new rows still holds focus; else the entry that had it gets it.
    if (active && list.contains(active)) active.focus();
    else if (focusedId !== undefined) findItem(focusedId)?.focus();
    askMedia(page.map((entry) => entry.id));
  }

  function item(entry: VideoEntry, now: number): HTMLLIElement {
    const copy = media.get(entry.id);
    const row = renderEntry(doc, entry, { now, handlers, player: true, ...(copy ? { media: copy } : {}) });
    row.tabIndex = 0;
    row.setAttribute('aria-label', t('entryLabel', entry.prompt || t('noPrompt'), appNameOf(entry).name));
    const check = doc.createElement('input');
    check.type = 'checkbox';
    check.className = 'entry-select';
    check.checked = selected.has(entry.id);
    check.setAttribute('aria-label', t('selectEntry', entry.prompt || t('noPrompt')));
    check.addEventListener('change', () => {
      if (check.checked) selected.add(entry.id);
      else selected.delete(entry.id);
      draw();
    });
    row.prepend(check);
    row.classList.add('is-selectable');
    if (selected.has(entry.id)) row.classList.add('is-selected');
    return row;
  }

  function playersById(): Map<string, HTMLVideoElement> {
    const players = new Map<string, HTMLVideoElement>();
    for (const row of Array.from(list.querySelectorAll<HTMLElement>('li.entry'))) {
      const player = row.querySelector<HTMLVideoElement>('video.entry-player');
      if (player && row.dataset.entryId !== undefined) players.set(row.dataset.entryId, player);
    }
    return players;
  }

  // A video the user started keeps playing through redraws (a capture in another tab, the
  // minute tick, an offline copy arriving): the player element moves into the new row. Moved
  // within one task, it never leaves the document long enough to be paused.
  function keepPlayer(row: HTMLLIElement, entry: VideoEntry, now: number, player: HTMLVideoElement | undefined): HTMLLIElement {
    const play = row.querySelector('.entry-preview');
    if (player && play && player.getAttribute('src') === previewUrl(entry, media.get(entry.id), now)) play.replaceWith(player);
    return row;
  }

  /** Asks `loadMedia` for the copies of entries on screen not asked for since the last reload. */
  function askMedia(ids: string[]): void {
    const missing = ids.filter((id) => !mediaAsked.has(id));
    if (!deps.loadMedia || missing.length === 0) return;
    for (const id of missing) mediaAsked.add(id);
    const round = mediaRound;
    deps.loadMedia(missing).then(
      (found) => {
        // An answer from before a reload may be older than the library now on screen.
        if (round !== mediaRound) return;
        let changed = false;
        for (const id of missing) {
          const next = found.get(id);
          const before = media.get(id);
          if (next?.videoUrl === before?.videoUrl && next?.coverUrl === before?.coverUrl) continue;
          changed = true;
          if (next) media.set(id, next);
          else media.delete(id);
        }
        if (changed) draw();
      },
      (error: unknown) => {
        console.error('[video-keeper] could not read the offline copies', error);
        // Asked again on the next draw, not at once: a broken store is not hammered.
        for (const id of missing) mediaAsked.delete(id);
      },
    );
  }

  function showView(): void {
    list.className = `entries gallery-${view}`;
    list.dataset.view = view;
    for (const toggle of viewButtons) toggle.setAttribute('aria-pressed', String(toggle.dataset.view === view));
  }

  function setView(next: GalleryView): void {
    if (next === view) return;
    view = next;
    showView();
    deps.viewStore?.save(next).catch((error: unknown) => console.error('[video-keeper] could not keep the gallery view', error));
  }

  function showDateRange(): void {
    dateRange.hidden = query.date !== 'custom';
    fromDay.value = query.from;
    toDay.value = query.to;
    // The pickers offer only days that make a forward range; a typed backwards one still works.
    setOrRemove(fromDay, 'max', query.to);
    setOrRemove(toDay, 'min', query.from);
  }

  function findItem(id: string): HTMLElement | undefined {
    return Array.from(list.querySelectorAll<HTMLElement>('li.entry')).find((row) => row.dataset.entryId === id);
  }

  function fillFilters(): void {
    const source = all ?? firstPage;
    const facets = galleryFacets(source);
    // Apps by the name people know them by, in that name's order.
    const sites = facets.sites.map(([key, n]): [string, string] => [key, t('facetCount', appNameFor(key).label, n)]);
    sites.sort(([, a], [, b]) => a.localeCompare(b));
    options(siteFilter, [['', t('allSites')], ...sites]);
    options(modelFilter, [['', t('allModels')], ...facets.models.map(([model, n]): [string, string] => [model, t('facetCount', model, n)])]);
    choose(siteFilter, query.site);
    choose(modelFilter, query.model);
    choose(statusFilter, query.status);
    choose(dateFilter, query.date);
    choose(sort, query.sort);
    showDateRange();
  }

  function setQuery(next: Partial<GalleryQuery>): void {
    query = { ...query, ...next };
    shown = PAGE_SIZE;
    deps.location.replaceSearch(formatGalleryQuery(query));
    showDateRange();
    draw();
  }

  search.addEventListener('input', () => setQuery({ search: search.value }));
  siteFilter.addEventListener('change', () => setQuery({ site: siteFilter.value }));
  modelFilter.addEventListener('change', () => setQuery({ model: modelFilter.value }));
  statusFilter.addEventListener('change', () => setQuery({ status: statusFilter.value as GalleryQuery['status'] }));
  dateFilter.addEventListener('change', () => setQuery({ date: dateFilter.value as DateFilter }));
  fromDay.addEventListener('change', () => setQuery({ from: fromDay.value }));
  toDay.addEventListener('change', () => setQuery({ to: toDay.value }));
  sort.addEventListener('change', () => setQuery({ sort: sort.value === 'oldest' ? 'oldest' : 'newest' }));
  more.addEventListener('click', () => {
    shown += PAGE_SIZE;
    draw();
  });
  selectAll.addEventListener('change', () => {
    for (const entry of visible().slice(0, shown)) {
      if (selectAll.checked) selected.add(entry.id);
      else selected.delete(entry.id);
    }
    draw();
  });
  downloadSelected.addEventListener('click', () => {
    // In the order shown, so the files land in the order the user sees them.
    queue.add(visible().map((entry) => entry.id).filter((id) => selected.has(id)).concat([...selected].filter((id) => !byId(id))));
  });
  downloadZip.addEventListener('click', () => {
    // In the order shown, then any selected entry a filter hides now.
    const shown = visible().filter((entry) => selected.has(entry.id));
    const hidden = [...selected].filter((id) => !shown.some((entry) => entry.id === id)).flatMap((id) => byId(id) ?? []);
    deps.downloadZip?.([...shown, ...hidden]);
  });
  deleteSelected.addEventListener('click', () => void remove([...selected]));

  // Keyboard: ↑/↓ (or k/j) move between videos, Space selects, Delete deletes the selection
  // (or the focused video), `/` jumps to the search.
  root.addEventListener('keydown', (event) => {
    const target = event.target as HTMLElement;
    if (event.key === '/' && target.tagName !== 'INPUT') {
      event.preventDefault();
      search.focus();
      return;
    }
    const row = target.closest<HTMLElement>('li.entry');
    if (!row || target !== row) return;
    const rows = Array.from(list.querySelectorAll<HTMLElement>('li.entry'));
    const index = rows.indexOf(row);
    const id = row.dataset.entryId ?? '';
    if (event.key === 'ArrowDown' || event.key === 'j') rows[Math.min(index + 1, rows.length - 1)]?.focus();
    else if (event.key === 'ArrowUp' || event.key === 'k') rows[Math.max(index - 1, 0)]?.focus();
    else if (event.key === ' ') {
      if (selected.has(id)) selected.delete(id);
      else selected.add(id);
      draw();
    } else if (event.key === 'Delete') void remove(selected.size > 0 ? [...selected] : [id]);
    else return;
    event.preventDefault();
  });

  async function remove(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    const result = await deps.deleteEntries(ids);
    if (!result.ok) {
      showToast(result.error);
      return;
    }
    for (const id of ids) selected.delete(id);
    const gone = new Set(ids);
    if (all) all = all.filter((entry) => !gone.has(entry.id));
    firstPage = firstPage.filter((entry) => !gone.has(entry.id));
    total -= result.removed.length;
    draw();
    const undo = button('undo', t('undo'));
    undo.addEventListener('click', () => {
      clearTimeout(undoTimer);
      toast.hidden = true;
      void deps.restoreEntries(result.removed).then((restored) => {
        if (!restored.ok) showToast(restored.error);
        else void reload();
      });
    });
    const n = result.removed.length;
    showToast(n === 1 ? t('deletedOne') : t('deletedCount', n), undo);
  }

  function showToast(text: string, action?: HTMLElement): void {
    clearTimeout(undoTimer);
    toast.replaceChildren(text, ...(action ? [' ', action] : []));
    toast.hidden = false;
    undoTimer = setTimeout(() => {
      toast.hidden = true;
    }, UNDO_MS);
  }

  async function reload(): Promise<void> {
    all = await deps.reader.all();
    total = all.length;
    // The library changed (or the clock moved on): offline copies may have come or gone.
    mediaRound++;
    mediaAsked.clear();
    fillFilters();
    draw();
  }

  const firstPaint = (async () => {
    // The newest page and the total first (one cursor, one count); the rest after it is drawn.
    // The stored view is read with the first page, so the first paint is already in it.
    [firstPage, total, view] = await Promise.all([deps.reader.newest(PAGE_SIZE), deps.reader.count(), loadView()]);
    showView();
    fillFilters();
    draw();
  })();
  void firstPaint.then(reload).catch((error: unknown) => {
    console.error('[video-keeper] could not load the gallery', error);
    count.textContent = t('libraryReadError', error instanceof Error ? error.message : String(error));
  });

  return { reload, firstPaint };

  async function loadView(): Promise<GalleryView> {
    try {
      return parseGalleryView(await deps.viewStore?.load());
    } catch (error) {
      console.error('[video-keeper] could not read the gallery view', error);
      return 'grid';
    }
  }

  function el<K extends keyof HTMLElementTagNameMap>(tag: K, className: string): HTMLElementTagNameMap[K] {
    const result = doc.createElement(tag);
    result.className = className;
    return result;
  }

  function button(action: string, label: string): HTMLButtonElement {
    const result = actionButton(doc, action, label);
    result.className = 'gallery-button';
    return result;
  }

  function select(name: string, label: string): HTMLSelectElement {
    const result = el('select', 'gallery-filter');
    result.name = name;
    result.setAttribute('aria-label', label);
    return result;
  }

  function dayInput(name: string, label: string): HTMLInputElement {
    const result = el('input', 'gallery-filter gallery-day');
    result.type = 'date';
    result.name = name;
    result.setAttribute('aria-label', label);
    return result;
  }

  function setOrRemove(target: HTMLElement, attribute: string, value: string): void {
    if (value) target.setAttribute(attribute, value);
    else target.removeAttribute(attribute);
  }

  // Through the options, not `select.value =`, which some DOMs (linkedom in the tests) lack.
  // Only the match is set: selecting one option of a single select deselects the rest, while
  // linkedom's `selected = false` would deselect whichever option holds the selection.
  function choose(target: HTMLSelectElement, value: string): void {
    const match = Array.from(target.options).find((option) => option.value === value);
    if (match) match.selected = true;
  }

  function options(target: HTMLSelectElement, values: Array<[string, string]>): void {
    target.replaceChildren(
      ...values.map(([value, text]) => {
        const option = doc.createElement('option');
        option.value = value;
        option.textContent = text;
        return option;
      }),
    );
  }
}
