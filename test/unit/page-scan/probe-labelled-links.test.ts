import { describe, expect, it, vi } from 'vitest';
import type { LinkVerdict } from '@/src/background/probe-video-link';
import type { FoundVideo } from '@/src/page-scan/parse-page-scan';
import { probeLabelledLinks } from '@/src/page-scan/probe-labelled-links';

const link = (id: number): FoundVideo => ({ url: `https://proxy.example/file?id=${id}`, key: `https://proxy.example/file?id=${id}` });

describe('probeLabelledLinks', () => {
  it('keeps, in the page order, the links the check calls a video', async () => {
    const probe = vi.fn(async (urls: string[]): Promise<LinkVerdict[]> => urls.map((url) => (url.endsWith('2') ? 'not-video' : 'video')));
    expect(await probeLabelledLinks([link(1), link(2), link(3)], 'https://chat.example/c/1', { probe })).toEqual([link(1), link(3)]);
    expect(probe).toHaveBeenCalledWith([link(1).url, link(2).url, link(3).url], 'https://chat.example/c/1');
  });

  it('checks nothing when no link is labelled', async () => {
    const probe = vi.fn(async (): Promise<LinkVerdict[]> => []);
    expect(await probeLabelledLinks([], 'https://chat.example/c/1', { probe })).toEqual([]);
    expect(probe).not.toHaveBeenCalled();
  });

  it('offers none when the check fails, or cannot tell', async () => {
    expect(await probeLabelledLinks([link(1)], 'https://chat.example/c/1', { probe: () => Promise.reject(new Error('no background')) })).toEqual([]);
    expect(await probeLabelledLinks([link(1), link(2)], 'https://chat.example/c/1', { probe: async () => ['unknown'] })).toEqual([]);
  });
});
