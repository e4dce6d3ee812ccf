import { parseHTML } from 'linkedom';
import { describe, expect, it, vi } from 'vitest';
import type { FoundItem } from '@/src/page-scan/found-video-item';
import { renderFoundVideos } from '@/src/page-scan/found-videos-list';

const doc = () => parseHTML('<!doctype html><html><body></body></html>').document;
const video = (name: string) => ({ url: `https://cdn.example/${name}.mp4`, key: name });

describe('renderFoundVideos', () => {
  it('is empty when the page had no video and no stream', () => {
    expect(renderFoundVideos(doc(), { videos: [], inLibrary: new Set(), streams: 0 }, vi.fn())).toEqual([]);
  });

  it('says how many videos play from a stream, alone when there is nothing to keep', () => {
    const parts = renderFoundVideos(doc(), { videos: [], inLibrary: new Set(), streams: 2 }, vi.fn());
    expect(parts.map((part) => part.className)).toEqual(['page-scan-streams']);
    expect(parts[0]?.textContent).toMatch(/^2 video\(s\) here play from a stream/);
  });

  it('puts Keep all before the list; Keep all keeps the rows the library lacks, a row Keep its own', () => {
    const keep = vi.fn<(items: FoundItem[], trigger: HTMLButtonElement) => void>();
    const parts = renderFoundVideos(doc(), { videos: [video('a'), video('b'), video('c')], inLibrary: new Set(['b']), streams: 1 }, keep);
    expect(parts.map((part) => part.className || part.dataset.action)).toEqual(['page-scan-streams', 'keep-all', 'found-videos']);
    const [, keepAll, list] = parts as [HTMLElement, HTMLButtonElement, HTMLUListElement];
    expect(keepAll.textContent).toBe('Keep all');
    expect([...list.querySelectorAll('li.found-video .found-video-host')].map((host) => host.getAttribute('title'))).toEqual([
      'https://cdn.example/a.mp4',
      'https://cdn.example/b.mp4',
      'https://cdn.example/c.mp4',
    ]);

    keepAll.click();
    expect(keep.mock.calls[0]?.[0].map((item) => item.video.key)).toEqual(['a', 'c']);
    expect(keep.mock.calls[0]?.[1]).toBe(keepAll);
    keep.mock.calls[0]?.[0][0]?.markKept();
    keepAll.click();
    expect(keep.mock.calls[1]?.[0].map((item) => item.video.key)).toEqual(['c']);

    const third = list.querySelectorAll<HTMLButtonElement>('button[data-action="keep-video"]')[2]!;
    third.click();
    expect(keep.mock.calls[2]?.[0].map((item) => item.video.key)).toEqual(['c']);
    expect(keep.mock.calls[2]?.[1]).toBe(third);
  });
});
