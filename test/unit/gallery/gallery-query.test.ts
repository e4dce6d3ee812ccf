import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  dateBounds,
  DEFAULT_QUERY,
  formatGalleryQuery,
  galleryFacets,
  isLinkExpired,
  parseGalleryQuery,
  queryEntries,
  type GalleryQuery,
} from '../../../src/gallery/gallery-query';
import { formatLocalDay, parseLocalDay, startOfLocalDay } from '../../../src/gallery/local-date';
import type { VideoEntry } from '../../../src/store/video-entry';

const NOW = Date.UTC(2025, 2, 25);

function entry(id: string, overrides: Partial<VideoEntry> = {}): VideoEntry {
  return {
    id,
    status: 'done',
    progress: 0,
    videoUrl: `https://cdn.example/${id}.mp4`,
    site: 'http://localhost:3000',
    pageUrl: 'http://localhost:3000/',
    endpointUrl: 'http://localhost:3000/v1/chat/completions',
    index: 0,
    createdAt: NOW,
    updatedAt: NOW,
    ...overrides,
  };
}

const entries = [
  entry('a', { prompt: 'A red Dog runs', model: 'cogvideox', createdAt: NOW - 3 }),
  entry('b', { prompt: '一条狗 in the rain', model: 'veo', site: 'https://chatglm.cn', createdAt: NOW - 2 }),
  entry('c', { prompt: 'cat', status: 'failed', createdAt: NOW - 1 }),
  entry('d', { prompt: 'dog, old link', expiresAt: NOW - 1, createdAt: NOW - 4 }),
];
const ids = (list: VideoEntry[]) => list.map((item) => item.id);

describe('queryEntries', () => {
  it('sorts newest first by default, oldest on request', () => {
    expect(ids(queryEntries(entries, DEFAULT_QUERY, NOW))).toEqual(['c', 'b', 'a', 'd']);
    expect(ids(queryEntries(entries, { ...DEFAULT_QUERY, sort: 'oldest' }, NOW))).toEqual(['d', 'a', 'b', 'c']);
  });

  it('searches prompts for every word, case-insensitively, CJK included', () => {
    expect(ids(queryEntries(entries, { ...DEFAULT_QUERY, search: 'DOG' }, NOW))).toEqual(['a', 'd']);
    expect(ids(queryEntries(entries, { ...DEFAULT_QUERY, search: 'dog red' }, NOW))).toEqual(['a']);
    expect(ids(queryEntries(entries, { ...DEFAULT_QUERY, search: '狗' }, NOW))).toEqual(['b']);
  });

  it('filters by site, model, status and expired links', () => {
    expect(ids(queryEntries(entries, { ...DEFAULT_QUERY, site: 'https://chatglm.cn' }, NOW))).toEqual(['b']);
    // The filter's own values are app keys (src/gallery/app-name.ts); the origin form still works for old bookmarks.
    expect(ids(queryEntries(entries, { ...DEFAULT_QUERY, site: 'chatglm' }, NOW))).toEqual(['b']);
    expect(ids(queryEntries(entries, { ...DEFAULT_QUERY, site: 'localhost:3000' }, NOW))).toHaveLength(3);
    expect(ids(queryEntries(entries, { ...DEFAULT_QUERY, model: 'cogvideox' }, NOW))).toEqual(['a']);
    expect(ids(queryEntries(entries, { ...DEFAULT_QUERY, status: 'failed' }, NOW))).toEqual(['c']);
    expect(ids(queryEntries(entries, { ...DEFAULT_QUERY, status: 'expired' }, NOW))).toEqual(['d']);
  });

  it('tells an expired link', () => {
    expect(isLinkExpired(entries[3]!, NOW)).toBe(true);
    expect(isLinkExpired(entries[3]!, NOW - 10)).toBe(false);
    expect(isLinkExpired(entries[0]!, NOW)).toBe(false);
  });
});

describe('galleryFacets and the URL form of a query', () => {
  it('lists sites and models with counts', () => {
    expect(galleryFacets(entries)).toEqual({
      sites: [
        ['chatglm', 1],
        ['localhost:3000', 3],
      ],
      models: [
        ['cogvideox', 1],
        ['veo', 1],
      ],
    });
  });

  it('round-trips through the search part and drops unknown values', () => {
    const query = {
      search: '一条 狗',
      site: 'https://chatglm.cn',
      model: 'veo',
      status: 'expired',
      date: 'custom',
      from: '2025-03-01',
      to: '2025-03-25',
      sort: 'oldest',
    } as const;
    expect(parseGalleryQuery(formatGalleryQuery(query))).toEqual(query);
    expect(formatGalleryQuery(DEFAULT_QUERY)).toBe('');
    expect(parseGalleryQuery('?status=nope&sort=up')).toEqual(DEFAULT_QUERY);
  });
});

// Local midnight is the edge of every date filter, so these run in two zones that are not UTC:
// Shanghai (UTC+8, where UTC midnight is 08:00) and New York across its DST start (2025-03-09,
// a 23-hour day). Every time below is built from local calendar fields.
describe.each(['Asia/Shanghai', 'America/New_York'])('date filters in %s', (zone) => {
  const saved = process.env.TZ;
  beforeAll(() => {
    process.env.TZ = zone;
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  });

  const local = (day: number, hour = 0, minute = 0, ms = 0) => new Date(2025, 2, day, hour, minute, 0, ms).getTime();
  // "Now" is 2025-03-12 09:30 local, three days after New York's clocks jumped forward.
  const now = () => local(12, 9, 30);
  const dated = () => [
    entry('today-midnight', { createdAt: local(12) }),
    entry('yesterday-last-ms', { createdAt: local(12) - 1 }),
    entry('six-days-ago-midnight', { createdAt: local(6) }),
    entry('seven-days-ago-late', { createdAt: local(5, 23, 59) }),
    entry('twenty-nine-days-ago', { createdAt: new Date(2025, 1, 11).getTime() }),
    entry('thirty-days-ago-late', { createdAt: new Date(2025, 1, 10, 23, 59).getTime() }),
    entry('broken-date', { createdAt: Number.NaN }),
  ];
  const select = (query: Partial<GalleryQuery>) =>
    ids(queryEntries(dated(), { ...DEFAULT_QUERY, ...query, sort: 'oldest' }, now()));

  it('runs in the zone it names', () => {
    expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe(zone);
    expect(new Date(local(12)).getUTCHours()).not.toBe(0);
  });

  it('starts "today" at local midnight, not 24 hours back', () => {
    expect(select({ date: 'today' })).toEqual(['today-midnight']);
    expect(dateBounds({ date: 'today', from: '', to: '' }, now())).toEqual({ start: local(12), end: Infinity });
  });

  it('counts the last 7 and 30 days in calendar days ending today', () => {
    expect(select({ date: '7d' })).toEqual(['six-days-ago-midnight', 'yesterday-last-ms', 'today-midnight']);
    expect(select({ date: '30d' })).toEqual([
      'twenty-nine-days-ago',
      'seven-days-ago-late',
      'six-days-ago-midnight',
      'yesterday-last-ms',
      'today-midnight',
    ]);
    // Across a DST start the week is an hour short of 7 × 24 h; it still begins at midnight.
    expect(dateBounds({ date: '7d', from: '', to: '' }, now())?.start).toBe(local(6));
  });

  it('keeps everything, broken dates too, at any time', () => {
    expect(select({})).toHaveLength(7);
    expect(select({ date: '7d' })).not.toContain('broken-date');
  });

  it('includes both ends of a custom range, to the last millisecond of its last day', () => {
    const range = { date: 'custom', from: '2025-03-05', to: '2025-03-11' } as const;
    expect(select(range)).toEqual(['seven-days-ago-late', 'six-days-ago-midnight', 'yesterday-last-ms']);
    expect(dateBounds(range, now())).toEqual({ start: local(5), end: local(12) });
  });

  it('reads a backwards range the right way round and leaves an empty end open', () => {
    expect(select({ date: 'custom', from: '2025-03-11', to: '2025-03-05' })).toEqual(
      select({ date: 'custom', from: '2025-03-05', to: '2025-03-11' }),
    );
    expect(select({ date: 'custom', from: '2025-03-12', to: '' })).toEqual(['today-midnight']);
    expect(select({ date: 'custom', from: '', to: '2025-02-10' })).toEqual(['thirty-days-ago-late']);
    expect(select({ date: 'custom', from: '', to: '' })).toHaveLength(6);
  });

  it('parses the days of <input type=date> as local midnights', () => {
    expect(parseLocalDay('2025-03-09')).toBe(local(9));
    expect(parseLocalDay('2025-03-10')! - parseLocalDay('2025-03-09')!).toBe(zone === 'America/New_York' ? 23 * 3_600_000 : 24 * 3_600_000);
    expect(startOfLocalDay(local(9, 23, 59), 1)).toBe(local(10));
    expect(formatLocalDay(local(12) - 1)).toBe('2025-03-11');
    expect(formatLocalDay(parseLocalDay('0099-12-31')!)).toBe('0099-12-31');
  });
});

describe('the URL form of a date filter', () => {
  it('writes presets and custom days, and nothing for any time', () => {
    expect(formatGalleryQuery({ ...DEFAULT_QUERY, date: '7d' })).toBe('?date=7d');
    expect(formatGalleryQuery({ ...DEFAULT_QUERY, date: 'custom', from: '2025-03-01', to: '' })).toBe('?date=custom&from=2025-03-01');
    // Days left over from a custom range do not leak into a preset's URL.
    expect(formatGalleryQuery({ ...DEFAULT_QUERY, date: 'today', from: '2025-03-01', to: '2025-03-02' })).toBe('?date=today');
    for (const date of ['today', '7d', '30d', 'custom'] as const) {
      expect(parseGalleryQuery(formatGalleryQuery({ ...DEFAULT_QUERY, date }))).toEqual({ ...DEFAULT_QUERY, date });
    }
  });

  it.each([
    ['?date=yesterday', {}],
    ['?date=TODAY', {}],
    ['?date=', {}],
    ['?date=custom&from=2025-02-30&to=2025-13-01', { date: 'custom' }],
    ['?date=custom&from=2025-3-1&to=25.03.2025', { date: 'custom' }],
    ['?date=custom&from=%3Cscript%3E', { date: 'custom' }],
    ['?date=today&from=2025-03-01', { date: 'today' }],
    ['?from=2025-03-01&to=2025-03-25', { date: 'custom', from: '2025-03-01', to: '2025-03-25' }],
    ['?from=2025-02-29', {}],
    ['?date=7d&date=30d', { date: '7d' }],
  ])('reads %s as a valid query', (search, expected) => {
    expect(parseGalleryQuery(search)).toEqual({ ...DEFAULT_QUERY, ...expected });
  });

  it('rejects days that do not exist', () => {
    expect(parseLocalDay('2025-02-29')).toBeUndefined();
    expect(parseLocalDay('2024-02-29')).toBeDefined();
    expect(parseLocalDay('2025-00-10')).toBeUndefined();
    expect(parseLocalDay('')).toBeUndefined();
    expect(parseLocalDay(' 2025-03-01')).toBeUndefined();
  });
});
