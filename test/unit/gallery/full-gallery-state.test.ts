import { describe, expect, it } from 'vitest';
import { createFullGalleryState } from '../../../src/gallery/full-gallery-state';
import { DEFAULT_QUERY } from '../../../src/gallery/gallery-query';
import { PAGE_SIZE } from '../../../src/gallery/gallery-page';
import type { VideoEntry } from '../../../src/store/video-entry';
import { galleryEntry, NOW } from './gallery-entries';

const entry = (n: number): VideoEntry => galleryEntry(n);

const library = (count: number): VideoEntry[] => Array.from({ length: count }, (_, n) => entry(count - 1 - n));

describe('createFullGalleryState', () => {
  it('pages the first page by the library total until all of it is read, then by the matches', () => {
    const state = createFullGalleryState({ ...DEFAULT_QUERY, search: 'dog' });
    const all = library(200);
    state.readFirstPage(all.slice(0, PAGE_SIZE), 200);
    expect(state.page(NOW)).toMatchObject({ known: 200, more: true });
    expect(state.page(NOW).entries).toHaveLength(PAGE_SIZE / 2);
    state.readAll(all);
    expect(state.page(NOW)).toMatchObject({ known: 100, more: true });
    expect(state.page(NOW).entries).toHaveLength(PAGE_SIZE);
    state.showMore();
    expect(state.page(NOW)).toMatchObject({ known: 100, more: false });
    expect(state.page(NOW).entries).toHaveLength(100);
  });

  it('goes back to the first page when the query changes, keeping the rest of the query', () => {
    const state = createFullGalleryState({ ...DEFAULT_QUERY, sort: 'oldest' });
    state.readAll(library(200));
    state.showMore();
    expect(state.page(NOW).entries).toHaveLength(2 * PAGE_SIZE);
    expect(state.setQuery({ search: 'cat' })).toEqual({ ...DEFAULT_QUERY, sort: 'oldest', search: 'cat' });
    expect(state.query().search).toBe('cat');
    expect(state.page(NOW).entries).toHaveLength(PAGE_SIZE);
    expect(state.page(NOW).entries[0]?.id).toBe('e0');
  });

  it('selects the open pages only, and drops deleted entries from the selection and the library', () => {
    const state = createFullGalleryState(DEFAULT_QUERY);
    state.readAll(library(100));
    state.selectShown(NOW, true);
    expect(state.selected.size).toBe(PAGE_SIZE);
    expect(state.selected.has('e99')).toBe(true);
    expect(state.selected.has('e0')).toBe(false);
    state.select(['e99', 'e0'], false);
    expect(state.selected.has('e99')).toBe(false);
    state.deleted(['e98', 'e97'], 2);
    expect(state.selected.has('e98')).toBe(false);
    expect(state.byId('e98')).toBeUndefined();
    expect(state.entries()).toHaveLength(98);
    expect(state.page(NOW).known).toBe(98);
  });

  it('counts a deletion in the total before the whole library is read', () => {
    const state = createFullGalleryState(DEFAULT_QUERY);
    const all = library(100);
    state.readFirstPage(all.slice(0, PAGE_SIZE), 100);
    state.deleted(['e99', 'e5'], 2);
    expect(state.entries()).toHaveLength(PAGE_SIZE - 1);
    expect(state.page(NOW).known).toBe(98);
    expect(state.visible(NOW).map((item) => item.id)).not.toContain('e99');
  });
});
