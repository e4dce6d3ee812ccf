import type { VideoEntry } from '../store/video-entry';
import { queryEntries, type GalleryQuery } from './gallery-query';
import { galleryPage, PAGE_SIZE, type GalleryPage } from './gallery-page';
import { loadedEntries, withoutEntries, type LoadedLibrary } from './loaded-library';

/**
 * What the full gallery shows, without the DOM: the query, the library read so far, how many
 * pages are open and the selection. The page draws from it after each change.
 */
export interface FullGalleryState {
  /** The selected entry ids; a selection outlives filters, pages and reloads. */
  readonly selected: ReadonlySet<string>;
  query(): GalleryQuery;
  /** The entries read so far. */
  entries(): VideoEntry[];
  byId(id: string): VideoEntry | undefined;
  /** The entries read so far that match the query at `now`, in its order. */
  visible(now: number): VideoEntry[];
  /** The open pages of `visible(now)`. */
  page(now: number): GalleryPage;
  /** Changes part of the query, and goes back to the first page. */
  setQuery(next: Partial<GalleryQuery>): GalleryQuery;
  showMore(): void;
  select(ids: readonly string[], on: boolean): void;
  /** Selects (`on`) or deselects the entries on the open pages. */
  selectShown(now: number, on: boolean): void;
  readFirstPage(firstPage: VideoEntry[], total: number): void;
  readAll(all: VideoEntry[]): void;
  /** The store removed `removed` of the entries `ids`: they leave the library and the selection. */
  deleted(ids: readonly string[], removed: number): void;
}

export function createFullGalleryState(query: GalleryQuery): FullGalleryState {
  let current = query;
  let library: LoadedLibrary = { firstPage: [], total: 0 };
  let shown = PAGE_SIZE;
  const selected = new Set<string>();
  const entries = (): VideoEntry[] => loadedEntries(library);
  const visible = (now: number): VideoEntry[] => queryEntries(entries(), current, now);
  const select = (ids: readonly string[], on: boolean): void => {
    for (const id of ids) {
      if (on) selected.add(id);
      else selected.delete(id);
    }
  };
  return {
    selected,
    query: () => current,
    entries,
    byId: (id) => entries().find((entry) => entry.id === id),
    visible,
    page: (now) => galleryPage(library, visible(now), shown),
    setQuery(next) {
      current = { ...current, ...next };
      shown = PAGE_SIZE;
      return current;
    },
    showMore() {
      shown += PAGE_SIZE;
    },
    select,
    selectShown(now, on) {
      select(
        visible(now)
          .slice(0, shown)
          .map((entry) => entry.id),
        on,
      );
    },
    readFirstPage(firstPage, total) {
      library = { ...library, firstPage, total };
    },
    readAll(all) {
      library = { ...library, all, total: all.length };
    },
    deleted(ids, removed) {
      select(ids, false);
      library = withoutEntries(library, ids, removed);
    },
  };
}
