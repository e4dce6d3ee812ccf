import type { VideoEntry } from '../store/video-entry';
import { createDownloadQueue, type DownloadDelta } from './download-queue';
import { renderEmptyState } from './empty-state';
import { siteHost } from './format-entry';
import {
  formatGalleryQuery,
  galleryFacets,
  isLinkExpired,
  parseGalleryQuery,
  queryEntries,
  type GalleryQuery,
} from './gallery-query';
import type { LibraryReader } from './library-reader';
import { renderDownloadQueue } from './render-download-queue';
import { renderEntry, type EntryHandlers } from './render-entry';
import type { GalleryActions } from './render-gallery';
import { safeMediaUrl } from './safe-media-url';
import { t } from '../i18n/t';

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
  const sort = select('sort', t('sortLabel'));
  options(sort, [
    ['newest', t('newestFirst')],
    ['oldest', t('oldestFirst')],
  ]);
  toolbar.append(search, siteFilter, modelFilter, statusFilter, sort);

  const batch = el('div', 'gallery-batch');
  const selectAll = doc.createElement('input');
  selectAll.type = 'checkbox';
  selectAll.className = 'select-all';
  selectAll.setAttribute('aria-label', t('selectAllShown'));
  const selectedCount = el('span', 'selected-count');
  const downloadSelected = button('download-selected', t('downloadSelected'));
  const deleteSelected = button('delete-selected', t('deleteSelected'));
  batch.append(selectAll, selectedCount, downloadSelected, deleteSelected);

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
    open: (_entry, url) => void Promise.resolve(deps.actions.openVideo(url)).catch((error: unknown) => console.error('[video-keeper] open failed', error)),
  };

  const visible = (): VideoEntry[] => queryEntries(all ?? firstPage, query, deps.now());

  function draw(): void {
    const focusedId = (doc.activeElement as HTMLElement | null)?.closest<HTMLElement>('li.entry')?.dataset.entryId;
    const matching = visible();
    const now = deps.now();
    const page = matching.slice(0, shown);
    if ((all ?? firstPage).length === 0) {
      list.replaceChildren(renderEmptyState(doc));
    } else {
      list.replaceChildren(...page.map((entry) => item(entry, now)));
    }
    const known = all ? matching.length : total;
    count.textContent =
      known === 0 ? t('noMatch') : t('showingCount', page.length, known);
    more.hidden = page.length >= (all ? matching.length : total);
    const shownIds = page.map((entry) => entry.id);
    selectAll.checked = shownIds.length > 0 && shownIds.every((id) => selected.has(id));
    selectedCount.textContent = t('selectedCount', selected.size);
    downloadSelected.disabled = selected.size === 0;
    deleteSelected.disabled = selected.size === 0;
    if (focusedId !== undefined) findItem(focusedId)?.focus();
  }

  function item(entry: VideoEntry, now: number): HTMLLIElement {
    const row = renderEntry(doc, entry, { now, handlers });
    row.tabIndex = 0;
    row.setAttribute('aria-label', t('entryLabel', entry.prompt || t('noPrompt'), siteHost(entry.site)));
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
    addPreview(row, entry, now);
    row.classList.add('is-selectable');
    if (selected.has(entry.id)) row.classList.add('is-selected');
    return row;
  }

  // Like cat-catch's preview: the cover becomes a player in place, so a video can be checked
  // before it is downloaded. Only a live http(s) link; `no-referrer` as for covers.
  function addPreview(row: HTMLElement, entry: VideoEntry, now: number): void {
    const url = safeMediaUrl(entry.videoUrl);
    const cover = row.querySelector<HTMLElement>('.entry-cover');
    if (!url || !cover || isLinkExpired(entry, now)) return;
    const play = el('button', 'entry-preview');
    play.type = 'button';
    play.dataset.action = 'preview';
    play.setAttribute('aria-label', t('previewVideo', entry.prompt || t('noPrompt')));
    cover.replaceWith(play);
    play.append(cover);
    play.addEventListener('click', () => {
      const video = el('video', 'entry-cover entry-player');
      video.controls = true;
      video.autoplay = true;
      video.muted = true;
      video.setAttribute('referrerpolicy', 'no-referrer');
      video.setAttribute('src', url);
      play.replaceWith(video);
      video.focus();
    });
  }

  function findItem(id: string): HTMLElement | undefined {
    return Array.from(list.querySelectorAll<HTMLElement>('li.entry')).find((row) => row.dataset.entryId === id);
  }

  function fillFilters(): void {
    const source = all ?? firstPage;
    const facets = galleryFacets(source);
    options(siteFilter, [['', t('allSites')], ...facets.sites.map(([site, n]): [string, string] => [site, t('facetCount', siteHost(site), n)])]);
    options(modelFilter, [['', t('allModels')], ...facets.models.map(([model, n]): [string, string] => [model, t('facetCount', model, n)])]);
    choose(siteFilter, query.site);
    choose(modelFilter, query.model);
    choose(statusFilter, query.status);
    choose(sort, query.sort);
  }

  function setQuery(next: Partial<GalleryQuery>): void {
    query = { ...query, ...next };
    shown = PAGE_SIZE;
    deps.location.replaceSearch(formatGalleryQuery(query));
    draw();
  }

  search.addEventListener('input', () => setQuery({ search: search.value }));
  siteFilter.addEventListener('change', () => setQuery({ site: siteFilter.value }));
  modelFilter.addEventListener('change', () => setQuery({ model: modelFilter.value }));
  statusFilter.addEventListener('change', () => setQuery({ status: statusFilter.value as GalleryQuery['status'] }));
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
    fillFilters();
    draw();
  }

  const firstPaint = (async () => {
    // The newest page and the total first (one cursor, one count); the rest after it is drawn.
    [firstPage, total] = await Promise.all([deps.reader.newest(PAGE_SIZE), deps.reader.count()]);
    fillFilters();
    draw();
  })();
  void firstPaint.then(reload).catch((error: unknown) => {
    console.error('[video-keeper] could not load the gallery', error);
    count.textContent = t('libraryReadError', error instanceof Error ? error.message : String(error));
  });

  return { reload, firstPaint };

  function el<K extends keyof HTMLElementTagNameMap>(tag: K, className: string): HTMLElementTagNameMap[K] {
    const result = doc.createElement(tag);
    result.className = className;
    return result;
  }

  function button(action: string, label: string): HTMLButtonElement {
    const result = el('button', 'gallery-button');
    result.type = 'button';
    result.dataset.action = action;
    result.textContent = label;
    return result;
  }

  function select(name: string, label: string): HTMLSelectElement {
    const result = el('select', 'gallery-filter');
    result.name = name;
    result.setAttribute('aria-label', label);
    return result;
  }

  // Through the options, not `select.value =`, which some DOMs (linkedom in the tests) lack.
  function choose(target: HTMLSelectElement, value: string): void {
    for (const option of Array.from(target.options)) option.selected = option.value === value;
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
