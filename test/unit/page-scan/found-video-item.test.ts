import { parseHTML } from 'linkedom';
import { describe, expect, it, vi } from 'vitest';
import { renderFoundVideo } from '@/src/page-scan/found-video-item';
import { foundVideoPreview } from '@/src/page-scan/found-video-preview';

const doc = () => parseHTML('<!doctype html><html><body></body></html>').document;

describe('foundVideoPreview', () => {
  it('shows the cover the page gave, without its referrer', () => {
    const image = foundVideoPreview(doc(), { url: 'https://cdn.example/a.mp4', key: 'a', coverUrl: 'https://cdn.example/a.jpg' }) as HTMLImageElement;
    expect(image.tagName).toBe('IMG');
    expect(image.getAttribute('src')).toBe('https://cdn.example/a.jpg');
    expect(image.getAttribute('alt')).toBe('');
  });

  it('else the first frame of the file, muted, when the cover is not an http(s) address', () => {
    for (const coverUrl of [undefined, 'javascript:alert(1)']) {
      const preview = foundVideoPreview(doc(), { url: 'https://cdn.example/a.mp4', key: 'a', ...(coverUrl ? { coverUrl } : {}) });
      expect(preview.tagName).toBe('VIDEO');
      expect([preview.getAttribute('src'), preview.hasAttribute('muted'), preview.getAttribute('preload')]).toEqual(['https://cdn.example/a.mp4', true, 'metadata']);
    }
  });
});

describe('renderFoundVideo', () => {
  it('shows the host, the page text as text, the library badge, and keeps the row with its own Keep', () => {
    const keep = vi.fn();
    const item = renderFoundVideo(doc(), { url: 'https://cdn.example/a.mp4', key: 'a', prompt: '<b>a dog</b>' }, false, keep);
    const row = item.element;
    expect(row.className).toBe('found-video');
    expect(row.querySelector('.found-video-host')?.textContent).toBe('cdn.example');
    expect(row.querySelector('.found-video-host')?.getAttribute('title')).toBe('https://cdn.example/a.mp4');
    expect(row.querySelector('.found-video-prompt')?.textContent).toBe('<b>a dog</b>');
    expect(row.querySelector('b')).toBeNull();
    const badge = row.querySelector<HTMLElement>('.found-video-kept')!;
    expect([badge.textContent, badge.hidden, item.kept()]).toEqual(['already in your library', true, false]);

    const button = row.querySelector<HTMLButtonElement>('button[data-action="keep-video"]')!;
    expect(button.textContent).toBe('Keep');
    button.click();
    expect(keep).toHaveBeenCalledWith(item, button);
    item.markKept();
    expect([badge.hidden, item.kept()]).toEqual([false, true]);
  });

  it('shows the badge of a video the library has, and no prompt where the page had none', () => {
    const item = renderFoundVideo(doc(), { url: 'https://cdn.example/a.mp4', key: 'a' }, true, vi.fn());
    expect(item.kept()).toBe(true);
    expect(item.element.querySelector<HTMLElement>('.found-video-kept')?.hidden).toBe(false);
    expect(item.element.querySelector('.found-video-prompt')).toBeNull();
  });
});
