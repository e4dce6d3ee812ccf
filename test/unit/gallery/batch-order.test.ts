import { describe, expect, it } from 'vitest';
import { downloadOrder, zipOrder } from '../../../src/gallery/batch-order';
import type { VideoEntry } from '../../../src/store/video-entry';

const entry = (id: string) => ({ id }) as VideoEntry;
const library = ['a', 'b', 'c', 'd'].map(entry);
const byId = (id: string) => library.find((item) => item.id === id);

describe('downloadOrder', () => {
  it('downloads the selection in the order shown, then the selected ids the library no longer has', () => {
    const visible = [entry('c'), entry('a'), entry('b')];
    const selected = new Set(['gone', 'a', 'c', 'd']);
    // `d` is known but filtered out: not downloaded, as before the split.
    expect(downloadOrder(visible, selected, (id) => byId(id) !== undefined)).toEqual(['c', 'a', 'gone']);
  });
});

describe('zipOrder', () => {
  it('puts the selection in the order shown first, then the selected entries a filter hides', () => {
    const visible = [entry('c'), entry('a')];
    const selected = new Set(['d', 'a', 'gone', 'c']);
    expect(zipOrder(visible, selected, byId).map((item) => item.id)).toEqual(['c', 'a', 'd']);
  });
});
