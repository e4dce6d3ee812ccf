import type { VideoEntry, VideoStatus } from '../store/video-entry';

/** What the full gallery shows: a search over prompts, three filters and an order. */
export interface GalleryQuery {
  /** Words that must all appear in the prompt (case-insensitive); empty shows everything. */
  search: string;
  /** An origin, or `''` for every site. */
  site: string;
  /** A model name, or `''` for every model. */
  model: string;
  /** A status, `expired` (a link past its `expiresAt`), or `''` for every status. */
  status: VideoStatus | 'expired' | '';
  sort: 'newest' | 'oldest';
}

export const DEFAULT_QUERY: GalleryQuery = { search: '', site: '', model: '', status: '', sort: 'newest' };

/** Whether the entry's signed link has stopped working. */
export function isLinkExpired(entry: Pick<VideoEntry, 'expiresAt' | 'videoUrl'>, now: number): boolean {
  return entry.videoUrl !== undefined && entry.expiresAt !== undefined && entry.expiresAt <= now;
}

/**
 * The entries the query selects, in its order. `entries` may come in any order; ties in
 * `createdAt` keep a stable order by id so a re-render never shuffles rows.
 */
export function queryEntries(entries: readonly VideoEntry[], query: GalleryQuery, now: number): VideoEntry[] {
  const words = query.search.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  const selected = entries.filter((entry) => {
    if (query.site && entry.site !== query.site) return false;
    if (query.model && entry.model !== query.model) return false;
    if (query.status === 'expired' ? !isLinkExpired(entry, now) : query.status && entry.status !== query.status) return false;
    if (words.length > 0) {
      const prompt = (entry.prompt ?? '').toLocaleLowerCase();
      if (!words.every((word) => prompt.includes(word))) return false;
    }
    return true;
  });
  const direction = query.sort === 'oldest' ? 1 : -1;
  return selected.sort((a, b) => direction * (a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)));
}

/** The values the site and model filters offer, sorted, each with its count. */
export function galleryFacets(entries: readonly VideoEntry[]): { sites: Array<[string, number]>; models: Array<[string, number]> } {
  const sites = new Map<string, number>();
  const models = new Map<string, number>();
  for (const entry of entries) {
    sites.set(entry.site, (sites.get(entry.site) ?? 0) + 1);
    if (entry.model) models.set(entry.model, (models.get(entry.model) ?? 0) + 1);
  }
  const sorted = (map: Map<string, number>) => [...map].sort(([a], [b]) => a.localeCompare(b));
  return { sites: sorted(sites), models: sorted(models) };
}

/** Reads a query from a URL's search part (so a filtered view can be bookmarked and reloaded). */
export function parseGalleryQuery(search: string): GalleryQuery {
  const params = new URLSearchParams(search);
  const status = params.get('status') ?? '';
  const statuses = ['generating', 'done', 'partial', 'failed', 'expired', ''];
  return {
    search: params.get('q') ?? '',
    site: params.get('site') ?? '',
    model: params.get('model') ?? '',
    status: (statuses.includes(status) ? status : '') as GalleryQuery['status'],
    sort: params.get('sort') === 'oldest' ? 'oldest' : 'newest',
  };
}

/** The search part for a query, leaving defaults out. */
export function formatGalleryQuery(query: GalleryQuery): string {
  const params = new URLSearchParams();
  if (query.search) params.set('q', query.search);
  if (query.site) params.set('site', query.site);
  if (query.model) params.set('model', query.model);
  if (query.status) params.set('status', query.status);
  if (query.sort !== 'newest') params.set('sort', query.sort);
  const text = params.toString();
  return text ? `?${text}` : '';
}
