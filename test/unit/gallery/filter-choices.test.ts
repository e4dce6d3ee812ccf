import { describe, expect, it } from 'vitest';
import { filterChoices } from '../../../src/gallery/filter-choices';
import type { VideoEntry } from '../../../src/store/video-entry';

const entry = (id: string, site: string, model?: string) => ({ id, site, ...(model ? { model } : {}) }) as VideoEntry;

describe('filterChoices', () => {
  it('offers every site and model first, then each app by its label in label order, with counts', () => {
    const choices = filterChoices([
      entry('1', 'https://vidu.com', 'vidu-q1'),
      entry('2', 'https://klingai.com', 'kling-2'),
      entry('3', 'https://www.vidu.cn'),
      entry('4', 'http://localhost:3000', 'kling-2'),
    ]);
    expect(choices.sites).toEqual([
      ['', 'All sites'],
      ['kling', 'Kling (可灵) (1)'],
      ['localhost:3000', 'localhost:3000 (1)'],
      ['vidu', 'Vidu (2)'],
    ]);
    expect(choices.models).toEqual([
      ['', 'All models'],
      ['kling-2', 'kling-2 (2)'],
      ['vidu-q1', 'vidu-q1 (1)'],
    ]);
  });
});
