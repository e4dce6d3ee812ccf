import { parseHTML } from 'linkedom';
import { describe, expect, it, vi } from 'vitest';
import { renderGallery, type GalleryActions } from '../../../src/gallery/render-gallery';
import type { VideoEntry } from '../../../src/store/video-entry';

const HOSTILE = '<img src=x onerror=alert(1)> a fox\nin snow';

function entry(overrides: Partial<VideoEntry> = {}): VideoEntry {
  return {
    id: 'task:kling:777:0',
    status: 'done',
    progress: 0,
    videoUrl: 'https://cdn.example/v/777_nowm.mp4',
    coverUrl: 'https://cdn.example/v/777.jpg',
    alternates: ['https://cdn.example/v/777_watermark.mp4', 'javascript:alert(1)'],
    prompt: HOSTILE,
    model: 'kling-v2',
    taskId: '777',
    inputImageUrl: 'https://cdn.example/in.png',
    width: 1280,
    height: 720,
    durationMs: 5_000,
    source: 'site',
    site: 'https://klingai.com',
    pageUrl: 'https://klingai.com/app/777',
    endpointUrl: 'https://klingai.com/api/task',
    index: 0,
    createdAt: Date.UTC(2025, 2, 25, 12),
    updatedAt: Date.UTC(2025, 2, 25, 12, 5),
    ...overrides,
  };
}

function setup(item: VideoEntry = entry()) {
  const { document } = parseHTML('<!doctype html><html><body><main id="app"></main></body></html>');
  const root = document.getElementById('app')!;
  const actions = {
    download: vi.fn<GalleryActions['download']>(async () => ({ ok: true as const, downloadId: 3, filename: 'a fox in snow_777-alt1.mp4' })),
    copyLink: vi.fn<GalleryActions['copyLink']>(async () => {}),
    openVideo: vi.fn<GalleryActions['openVideo']>(),
  };
  renderGallery(root, [item], actions, { now: Date.UTC(2025, 2, 25, 13) });
  const card = root.querySelector<HTMLElement>('li.entry')!;
  const press = (action: string) => card.querySelector<HTMLButtonElement>(`button[data-action="${action}"]`)!;
  return { document, root, actions, card, press };
}

describe('the card', () => {
  it('names the app, keeps Download primary and the rest as named icon buttons', () => {
    const { card, press } = setup();
    expect(card.querySelector('.entry-site')?.textContent).toBe('Kling');
    expect(card.querySelector('.entry-app-badge')?.getAttribute('aria-hidden')).toBe('true');
    expect(press('download').textContent).toBe('Download');
    for (const [action, name] of [
      ['copy-prompt', 'Copy prompt'],
      ['copy', 'Copy link'],
      ['open', 'Open video'],
      ['open-page', 'Open chat page'],
      ['details', 'Details'],
    ]) {
      expect(press(action!).getAttribute('aria-label'), action).toBe(name);
      expect(press(action!).textContent, action).toBe('');
    }
  });

  it('copies the whole prompt and says so in its live region', async () => {
    const { card, press, actions } = setup();
    press('copy-prompt').click();
    expect(actions.copyLink).toHaveBeenCalledExactlyOnceWith(HOSTILE);
    await vi.waitFor(() => expect(card.querySelector('.entry-message')?.textContent).toBe('Prompt copied'));
    expect(card.querySelector('.entry-message')?.getAttribute('aria-live')).toBe('polite');
  });

  it('cannot copy a prompt that is not there', () => {
    const { press } = setup(entry({ prompt: undefined }));
    expect(press('copy-prompt').disabled).toBe(true);
  });
});

describe('the detail view', () => {
  it('shows everything known as text, lists the renditions and downloads one', async () => {
    const { document, press, actions } = setup();
    press('details').click();
    const dialog = document.querySelector<HTMLElement>('dialog.entry-detail')!;
    expect(dialog).toBeTruthy();
    expect(dialog.getAttribute('aria-labelledby')).toBe(dialog.querySelector('h2')!.id);
    // The prompt is text: its markup never became an element.
    expect(dialog.querySelector('.entry-detail-prompt')?.textContent).toBe(HOSTILE);
    expect(dialog.querySelector('.entry-detail-prompt img')).toBeNull();
    const facts = Object.fromEntries(
      Array.from(dialog.querySelectorAll('dt')).map((term) => [term.textContent, (term.nextElementSibling as HTMLElement).textContent]),
    );
    expect(facts).toMatchObject({
      App: 'Kling · Kling (可灵)',
      Model: 'kling-v2',
      Task: '777',
      Status: 'Done',
      Dimensions: '1280 × 720',
      Duration: '5 s',
      Source: 'Video app',
      Page: 'https://klingai.com/app/777',
    });
    expect(facts.Captured).toBeTruthy();
    expect(dialog.querySelector<HTMLImageElement>('.entry-detail-input')?.getAttribute('src')).toBe('https://cdn.example/in.png');

    const renditions = Array.from(dialog.querySelectorAll<HTMLButtonElement>('button[data-action="download-rendition"]'));
    // The javascript: alternate is not offered.
    expect(renditions.map((button) => button.getAttribute('aria-label'))).toEqual(['Download: Video · no watermark', 'Download: Alternate 1 · watermarked']);
    renditions[1]!.click();
    expect(actions.download).toHaveBeenCalledExactlyOnceWith('task:kling:777:0', 1);
    await vi.waitFor(() => expect(dialog.querySelector('.entry-detail-message')?.textContent).toBe('Saved as a fox in snow_777-alt1.mp4'));

    dialog.querySelector<HTMLButtonElement>('button[data-action="copy-prompt"]')!.click();
    await vi.waitFor(() => expect(dialog.querySelector('.entry-detail-message')?.textContent).toBe('Prompt copied'));
  });

  it('goes away on Close', () => {
    const { document, press } = setup();
    press('details').focus();
    press('details').click();
    const dialog = document.querySelector<HTMLDialogElement>('dialog.entry-detail')!;
    // linkedom has no dialog.close(): the page's real Chromium runs it in test/e2e.
    dialog.close = () => dialog.dispatchEvent(new document.defaultView!.Event('close'));
    dialog.querySelector<HTMLButtonElement>('button[data-action="close-detail"]')!.click();
    expect(document.querySelector('dialog.entry-detail')).toBeNull();
  });

  it('does not offer downloads of a video still generating', () => {
    const { document, press } = setup(entry({ status: 'generating' }));
    press('details').click();
    for (const button of Array.from(document.querySelectorAll<HTMLButtonElement>('button[data-action="download-rendition"]'))) expect(button.disabled).toBe(true);
  });
});
