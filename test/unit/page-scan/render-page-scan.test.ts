import { readFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import { describe, expect, it, vi } from 'vitest';
import type { PageScanDeps } from '@/src/page-scan/page-scan-deps';
import { mountPageScan } from '@/src/page-scan/render-page-scan';

const frame = (items: unknown[]) => [{ frameId: 0, result: { pageUrl: 'https://chat.example/c/1', title: 'Chat', items } }];

function setup(items: unknown[], options: { url?: string; inLibrary?: string[] } = {}) {
  const { document } = parseHTML('<!doctype html><html><body><section id="page-scan" hidden></section></body></html>');
  const root = document.getElementById('page-scan')!;
  const deps = {
    tab: vi.fn<PageScanDeps['tab']>(async () => ({ id: 3, url: options.url ?? 'https://chat.example/c/1', title: 'Old chat' })),
    scan: vi.fn<PageScanDeps['scan']>(async () => frame(items)),
    probe: vi.fn<PageScanDeps['probe']>(async (urls) => urls.map((url) => (url.includes('id=1') ? 'video' : 'not-video'))),
    inLibrary: vi.fn<PageScanDeps['inLibrary']>(async () => new Set(options.inLibrary ?? [])),
    keep: vi.fn<PageScanDeps['keep']>(async (videos) => ({ ok: true, added: videos.length })),
  };
  const button = (name: string) => [...root.querySelectorAll<HTMLButtonElement>('button')].find((node) => node.textContent === name);
  const status = () => root.querySelector('.page-scan-status')?.textContent;
  return { root, deps, button, status };
}

describe('mountPageScan', () => {
  it('is hidden on a tab that is not an http(s) page', async () => {
    const { root, deps } = setup([], { url: 'chrome://extensions/' });
    await mountPageScan(root, deps);
    expect(root.hidden).toBe(true);
    expect(deps.scan).not.toHaveBeenCalled();
  });

  it('lists the videos found, probes labelled links, says which are kept, renders page text as text', async () => {
    const { root, deps, button, status } = setup(
      [
        { kind: 'video', url: 'https://cdn.example/a.mp4', poster: 'https://cdn.example/a.jpg', prompt: '<img src=x onerror=alert(1)>' },
        { kind: 'link', url: 'https://cdn.example/b.webm' },
        { kind: 'link', url: 'https://proxy.example/file?id=1', label: '下载视频' },
        { kind: 'link', url: 'https://proxy.example/file?id=2', label: 'video' },
        { kind: 'stream', url: '' },
      ],
      { inLibrary: ['https://cdn.example/b.webm'] },
    );
    await mountPageScan(root, deps);
    expect(root.hidden).toBe(false);
    button('Find videos on this page')!.click();
    await vi.waitFor(() => expect(status()).toBe('3 videos on this page.'));
    expect(deps.scan).toHaveBeenCalledWith(3);
    expect(deps.probe).toHaveBeenCalledWith(['https://proxy.example/file?id=1', 'https://proxy.example/file?id=2'], 'https://chat.example/c/1');
    const items = [...root.querySelectorAll('li.found-video')];
    expect(items.map((item) => item.querySelector('.found-video-host')?.getAttribute('title'))).toEqual([
      'https://cdn.example/a.mp4',
      'https://cdn.example/b.webm',
      'https://proxy.example/file?id=1',
    ]);
    // A cover where the page gave one, else the file's first frame.
    expect(items[0]?.querySelector('img')?.getAttribute('src')).toBe('https://cdn.example/a.jpg');
    expect(items[1]?.querySelector('video')?.getAttribute('src')).toBe('https://cdn.example/b.webm');
    expect(items[0]?.querySelector('.found-video-prompt')?.textContent).toBe('<img src=x onerror=alert(1)>');
    expect(root.querySelectorAll('img[src="x"]')).toHaveLength(0);
    expect(items.map((item) => (item.querySelector('.found-video-kept') as HTMLElement).hidden)).toEqual([true, false, true]);
    expect(root.querySelector('.page-scan-streams')?.textContent).toMatch(/^1 video\(s\) here play from a stream/);

    // Keep all sends only what the library lacks, with the page the browser names.
    button('Keep all')!.click();
    await vi.waitFor(() => expect(status()).toBe('Kept 2 videos.'));
    expect(deps.keep).toHaveBeenCalledWith(
      [expect.objectContaining({ url: 'https://cdn.example/a.mp4' }), expect.objectContaining({ url: 'https://proxy.example/file?id=1' })],
      { pageUrl: 'https://chat.example/c/1', title: 'Old chat' },
    );
    expect(items.map((item) => (item.querySelector('.found-video-kept') as HTMLElement).hidden)).toEqual([false, false, false]);
  });

  it('keeps one video with its own Keep button, and says when a page has none or the scan failed', async () => {
    const { root, deps, button, status } = setup([{ kind: 'video', url: 'https://cdn.example/a.mp4' }]);
    await mountPageScan(root, deps);
    button('Find videos on this page')!.click();
    await vi.waitFor(() => expect(status()).toBe('1 video on this page.'));
    button('Keep')!.click();
    await vi.waitFor(() => expect(status()).toBe('Kept 1 video.'));
    expect(deps.keep).toHaveBeenCalledWith([expect.objectContaining({ url: 'https://cdn.example/a.mp4' })], expect.anything());

    deps.scan.mockResolvedValueOnce(frame([]));
    button('Find videos on this page')!.click();
    await vi.waitFor(() => expect(status()).toBe('No video files on this page.'));
    deps.scan.mockRejectedValueOnce(new Error('Cannot access contents of the page'));
    button('Find videos on this page')!.click();
    await vi.waitFor(() => expect(status()).toBe('Could not look at this page: Cannot access contents of the page'));
  });
});

describe('the accessible names, in both catalogs', () => {
  it('are "Find videos on this page", "Keep all" and "Keep" (查找本页视频, 全部保存, 保存)', () => {
    const catalog = (locale: string) =>
      JSON.parse(readFileSync(new URL(`../../../assets/public/_locales/${locale}/messages.json`, import.meta.url), 'utf8')) as Record<string, { message: string }>;
    const names = (locale: string) => ['findVideos', 'keepAll', 'keepVideo', 'keepThisVideo'].map((name) => catalog(locale)[name]?.message);
    expect(names('en')).toEqual(['Find videos on this page', 'Keep all', 'Keep', 'Keep this video']);
    expect(names('zh_CN')).toEqual(['查找本页视频', '全部保存', '保存', '保存此视频']);
  });
});
