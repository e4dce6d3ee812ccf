import type { VideoEntry } from '../store/video-entry';

/**
 * What the full gallery has read of the library: the newest page first (so it is on screen
 * before a large library is read), then `all` of it; `total` counts the whole library either way.
 */
export interface LoadedLibrary {
  firstPage: VideoEntry[];
  all?: VideoEntry[];
  total: number;
}

/** The entries read so far: all of them once read, else the first page. */
export function loadedEntries(library: LoadedLibrary): VideoEntry[] {
  return library.all ?? library.firstPage;
}

/** `library` after the entries `ids` were deleted, `removed` of them from the store. */
export function withoutEntries(library: LoadedLibrary, ids: readonly string[], removed: number): LoadedLibrary {
  const gone = new Set(ids);
  const keep = (entries: VideoEntry[]): VideoEntry[] => entries.filter((entry) => !gone.has(entry.id));
  return {
    firstPage: keep(library.firstPage),
    ...(library.all ? { all: keep(library.all) } : {}),
    total: library.total - removed,
  };
}
