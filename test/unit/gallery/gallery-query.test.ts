import { describe, expect, it } from 'vitest';
import {
  DEFAULT_QUERY,
  formatGalleryQuery,
  galleryFacets,
  isLinkExpired,
  parseGalleryQuery,
  queryEntries,
} from '../../../src/gallery/gallery-query';
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
        ['http://localhost:3000', 3],
        ['https://chatglm.cn', 1],
      ],
      models: [
        ['cogvideox', 1],
        ['veo', 1],
      ],
    });
  });

  it('round-trips through the search part and drops unknown values', () => {
    const query = { search: '一条 狗', site: 'https://chatglm.cn', model: 'veo', status: 'expired', sort: 'oldest' } as const;
    expect(parseGalleryQuery(formatGalleryQuery(query))).toEqual(query);
    expect(formatGalleryQuery(DEFAULT_QUERY)).toBe('');
    expect(parseGalleryQuery('?status=nope&sort=up')).toEqual(DEFAULT_QUERY);
  });
});
