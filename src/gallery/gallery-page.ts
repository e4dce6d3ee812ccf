import type { VideoEntry } from '../store/video-entry';
import type { LoadedLibrary } from './loaded-library';

/** Entries drawn per page: the first paint draws this many whatever the library holds. */
export const PAGE_SIZE = 60;

/** One screenful of the full gallery. */
export interface GalleryPage {
  /** The entries drawn. */
  entries: VideoEntry[];
  /** How many entries the count line reports: the matches, or the library's total before all of it is read. */
  known: number;
  /** Whether "Show more" has more to show. */
  more: boolean;
}

/**
 * The first `shown` of the entries `matching` the query. Before the whole library is read,
 * the matches are those of the first page, so the count and "Show more" go by the library's total.
 */
export function galleryPage(library: LoadedLibrary, matching: VideoEntry[], shown: number): GalleryPage {
  const entries = matching.slice(0, shown);
  const known = library.all ? matching.length : library.total;
  return { entries, known, more: entries.length < known };
}
