import { describe, expect, it, vi } from 'vitest';
import type { LinkVerdict } from '@/src/background/probe-video-link';
import { findPageVideos } from '@/src/page-scan/find-page-videos';

const frame = (items: unknown[]) => [{ frameId: 0, result: { pageUrl: 'https://chat.example/c/1', title: 'Chat', items } }];

describe('findPageVideos', () => {
  it('offers the page files, then the labelled links the check confirms, with what the library has and the streams', async () => {
    const deps = {
      scan: vi.fn(async () =>
        frame([
          { kind: 'link', url: 'https://proxy.example/file?id=1', label: 'video' },
          { kind: 'video', url: 'https://cdn.example/a.mp4' },
          { kind: 'stream', url: '' },
        ]),
      ),
      probe: vi.fn(async (urls: string[]): Promise<LinkVerdict[]> => urls.map(() => 'video')),
      inLibrary: vi.fn(async (keys: string[]) => new Set(keys.slice(0, 1))),
    };
    const found = await findPageVideos(deps, 7, 'https://chat.example/c/1');
    expect(deps.scan).toHaveBeenCalledWith(7);
    expect(deps.probe).toHaveBeenCalledWith(['https://proxy.example/file?id=1'], 'https://chat.example/c/1');
    expect(found.videos.map((video) => video.url)).toEqual(['https://cdn.example/a.mp4', 'https://proxy.example/file?id=1']);
    expect(deps.inLibrary).toHaveBeenCalledWith(found.videos.map((video) => video.key));
    expect(found.inLibrary).toEqual(new Set([found.videos[0]?.key]));
    expect(found.streams).toBe(1);
  });

  it('says the library has none when it cannot be read, and fails with the scan', async () => {
    const deps = {
      scan: vi.fn(async (): Promise<unknown> => frame([{ kind: 'video', url: 'https://cdn.example/a.mp4' }])),
      probe: vi.fn(async (): Promise<LinkVerdict[]> => []),
      inLibrary: vi.fn(() => Promise.reject(new Error('blocked'))),
    };
    const found = await findPageVideos(deps, 7, 'https://chat.example/c/1');
    expect(found.videos).toHaveLength(1);
    expect(found.inLibrary).toEqual(new Set());
    expect(deps.probe).not.toHaveBeenCalled();

    deps.scan.mockRejectedValueOnce(new Error('Cannot access contents of the page'));
    await expect(findPageVideos(deps, 7, 'https://chat.example/c/1')).rejects.toThrow('Cannot access contents of the page');
  });
});
