import { appKeyOf } from './app-name';
import type { VideoEntry, VideoStatus } from '../store/video-entry';
import { parseLocalDay, startOfLocalDay } from './local-date';

/**
 * When the entries were captured: `''` any time; `today`, `7d`, `30d` the calendar days up to
 * today (since local midnight 0, 6 or 29 days ago); `custom` the days `from`–`to`.
 */
export type DateFilter = '' | 'today' | '7d' | '30d' | 'custom';

const DATE_FILTERS: readonly DateFilter[] = ['', 'today', '7d', '30d', 'custom'];

/** What the full gallery shows: a search over prompts, four filters and an order. */
export interface GalleryQuery {
  /** Words that must all appear in the prompt (case-insensitive); empty shows everything. */
  search: string;
  /** An app's key (`appKeyOf`: `kling`, `localhost:3000`), an origin (older bookmarks), or `''` for every site. */
  site: string;
  /** A model name, or `''` for every model. */
  model: string;
  /** A status, `expired` (a link past its `expiresAt`), or `''` for every status. */
  status: VideoStatus | 'expired' | '';
  date: DateFilter;
  /** With `date: 'custom'`: the first day, `YYYY-MM-DD` local, inclusive; `''` for no lower end. */
  from: string;
  /** With `date: 'custom'`: the last day, `YYYY-MM-DD` local, inclusive; `''` for no upper end. */
  to: string;
  sort: 'newest' | 'oldest';
}

export const DEFAULT_QUERY: GalleryQuery = {
  search: '',
  site: '',
  model: '',
  status: '',
  date: '',
  from: '',
  to: '',
  sort: 'newest',
};

/** The capture times a date filter keeps: `start <= createdAt < end`, in epoch ms. */
export interface DateBounds {
  start: number;
  end: number;
}

/**
 * The time span of the query's date filter at `now`, or `undefined` for any time. Presets have
 * no upper end, so a video whose clock ran ahead still shows; a custom range given backwards
 * (from after to) is read the right way round rather than matching nothing.
 */
export function dateBounds(query: Pick<GalleryQuery, 'date' | 'from' | 'to'>, now: number): DateBounds | undefined {
  switch (query.date) {
    case '':
      return undefined;
    case 'today':
      return { start: startOfLocalDay(now), end: Infinity };
    case '7d':
      return { start: startOfLocalDay(now, -6), end: Infinity };
    case '30d':
      return { start: startOfLocalDay(now, -29), end: Infinity };
    case 'custom': {
      const [first, last] = query.from && query.to && query.from > query.to ? [query.to, query.from] : [query.from, query.to];
      const start = parseLocalDay(first);
      const lastDay = parseLocalDay(last);
      return {
        start: start ?? -Infinity,
        end: lastDay === undefined ? Infinity : startOfLocalDay(lastDay, 1),
      };
    }
  }
}

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
  const span = dateBounds(query, now);
  const selected = entries.filter((entry) => {
    // A broken `createdAt` (NaN) fails both comparisons: no date range claims it.
    if (span && !(entry.createdAt >= span.start && entry.createdAt < span.end)) return false;
    if (query.site && entry.site !== query.site && appKeyOf(entry) !== query.site) return false;
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
    // By app, not origin: one app on several hosts (vidu.com, vidu.cn) is one choice.
    const app = appKeyOf(entry);
    sites.set(app, (sites.get(app) ?? 0) + 1);
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
  // Only real days are kept: a hand-edited `from=2025-02-30` is dropped, not guessed at.
  const day = (name: string): string => {
    const value = params.get(name) ?? '';
    return parseLocalDay(value) === undefined ? '' : value;
  };
  const [from, to] = [day('from'), day('to')];
  const dateParam = params.get('date');
  // A hand-written `?from=…&to=…` without `date=custom` means the same range.
  const date: DateFilter =
    dateParam === null ? (from || to ? 'custom' : '') : DATE_FILTERS.find((filter) => filter === dateParam) ?? '';
  return {
    search: params.get('q') ?? '',
    site: params.get('site') ?? '',
    model: params.get('model') ?? '',
    status: (statuses.includes(status) ? status : '') as GalleryQuery['status'],
    date,
    from: date === 'custom' ? from : '',
    to: date === 'custom' ? to : '',
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
  if (query.date) params.set('date', query.date);
  if (query.date === 'custom' && query.from) params.set('from', query.from);
  if (query.date === 'custom' && query.to) params.set('to', query.to);
  if (query.sort !== 'newest') params.set('sort', query.sort);
  const text = params.toString();
  return text ? `?${text}` : '';
}
