import { parseHTML } from 'linkedom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderGallery, renderGalleryError, type GalleryActions } from '../../../src/gallery/render-gallery';
import type { VideoEntry } from '../../../src/store/video-entry';

const NOW = Date.UTC(2025, 2, 25, 12, 0, 0);
const VIDEO = 'https://aigc-files.bigmodel.cn/api/cogvideo/01579f22-094f-11f0-92a2-be9386d3c5e8_0.mp4';
const COVER = 'https://aigc-files.bigmodel.cn/api/cogvideo/01579f22-094f-11f0-92a2-be9386d3c5e8_cover_0.jpeg';

function entry(overrides: Partial<VideoEntry> = {}): VideoEntry {
  return {
    id: 'task:8891215448425547870:0',
    status: 'done',
    progress: 6,
    videoUrl: VIDEO,
    coverUrl: COVER,
    prompt: '一条狗',
    taskId: '8891215448425547870',
    site: 'http://localhost:3000',
    pageUrl: 'http://localhost:3000/chat/1',
    endpointUrl: 'http://localhost:3000/v1/chat/completions',
    index: 0,
    createdAt: NOW - 5 * 60_000,
    updatedAt: NOW - 4 * 60_000,
    ...overrides,
  };
}

function setup() {
  const { document } = parseHTML('<!doctype html><html><body><main id="app"></main></body></html>');
  const root = document.getElementById('app');
  if (!root) throw new Error('no #app');
  const actions = {
    download: vi.fn<GalleryActions['download']>(async () => ({
      ok: true as const,
      downloadId: 7,
      filename: '一条狗_8891215448425547870.mp4',
    })),
    copyLink: vi.fn<GalleryActions['copyLink']>(async () => {}),
    openVideo: vi.fn<GalleryActions['openVideo']>(),
  };
  return { document, root, actions };
}

function items(root: HTMLElement): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>('li.entry'));
}

function button(item: HTMLElement | undefined, action: 'download' | 'copy' | 'open'): HTMLButtonElement {
  const found = item?.querySelector<HTMLButtonElement>(`button[data-action="${action}"]`);
  if (!found) throw new Error(`no ${action} button`);
  return found;
}

const message = (item: HTMLElement | undefined): string => item?.querySelector('.entry-message')?.textContent ?? '';

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('renderGallery', () => {
  it('renders the entries in the given order with their hooks', () => {
    const { root, actions } = setup();
    const entries = [
      entry({ id: 'c', createdAt: NOW - 1_000 }),
      entry({ id: 'b', status: 'generating', videoUrl: undefined, createdAt: NOW - 2_000 }),
      entry({ id: 'a', status: 'failed', failureReason: 'no-result', createdAt: NOW - 3_000 }),
    ];
    renderGallery(root, entries, actions, { now: NOW });
    expect(items(root).map((item) => item.dataset.entryId)).toEqual(['c', 'b', 'a']);
    expect(items(root).map((item) => item.dataset.status)).toEqual(['done', 'generating', 'failed']);
  });

  it('shows prompt, site host, time and status of an entry', () => {
    const { root, actions } = setup();
    renderGallery(root, [entry({ model: 'cogvideox-flash' })], actions, { now: NOW });
    const item = items(root)[0];
    expect(item?.querySelector('.entry-prompt')?.textContent).toBe('一条狗');
    expect(item?.querySelector('.entry-site')?.textContent).toBe('localhost:3000');
    expect(item?.querySelector('.entry-model')?.textContent).toBe('cogvideox-flash');
    expect(item?.querySelector('time')?.textContent).toBe('5 minutes ago');
    expect(item?.querySelector('time')?.getAttribute('datetime')).toBe(new Date(NOW - 5 * 60_000).toISOString());
    expect(item?.querySelector('.entry-status')?.textContent).toBe('Done');
  });

  it('shows progress while generating and the reason of a failure', () => {
    const { root, actions } = setup();
    renderGallery(
      root,
      [
        entry({ id: 'g', status: 'generating', progress: 3, videoUrl: undefined }),
        entry({ id: 'f', status: 'failed', failureReason: 'stream-error', videoUrl: undefined }),
      ],
      actions,
      { now: NOW },
    );
    const [generating, failed] = items(root);
    expect(generating?.querySelector('.entry-status')?.textContent).toBe('Generating · 🔥×3');
    expect(failed?.querySelector('.entry-status')?.textContent).toBe(
      'Failed · the stream broke before the video arrived',
    );
  });

  it('renders a captured prompt as literal text, never as HTML', () => {
    const { root, actions } = setup();
    const prompt = '<img src=x onerror=alert(1)><script>alert(2)</script>';
    renderGallery(root, [entry({ prompt, coverUrl: undefined, model: '<b>m</b>', site: '<i>x</i>' })], actions);
    expect(root.querySelector('.entry-prompt')?.textContent).toBe(prompt);
    expect(root.querySelectorAll('img, script, b, i')).toHaveLength(0);
  });

  it('gives a javascript: cover or video URL no img, no link and no handle to act on', () => {
    const { root, actions } = setup();
    renderGallery(
      root,
      [entry({ coverUrl: 'javascript:alert(1)', videoUrl: 'javascript:alert(2)' })],
      actions,
      { now: NOW },
    );
    const item = items(root)[0];
    expect(root.querySelectorAll('img, a, video, source')).toHaveLength(0);
    expect(item?.querySelector('.entry-cover-placeholder')).not.toBeNull();
    expect(root.innerHTML).not.toContain('javascript:');
    expect(button(item, 'download').disabled).toBe(true);
    expect(button(item, 'copy').disabled).toBe(true);
    expect(button(item, 'open').disabled).toBe(true);
  });

  it.each(['data:image/png;base64,AAAA', 'file:///etc/passwd', 'blob:https://x.test/1', '/relative.jpeg'])(
    'shows no cover for %s',
    (coverUrl) => {
      const { root, actions } = setup();
      renderGallery(root, [entry({ coverUrl })], actions);
      expect(root.querySelectorAll('img')).toHaveLength(0);
    },
  );

  it('renders an http(s) cover as a lazy image that sends no referrer', () => {
    const { root, actions } = setup();
    renderGallery(root, [entry()], actions);
    const img = root.querySelector('img');
    expect(img?.getAttribute('src')).toBe(COVER);
    expect(img?.getAttribute('referrerpolicy')).toBe('no-referrer');
    expect(img?.getAttribute('loading')).toBe('lazy');
    expect(img?.getAttribute('alt')).toBe('');
  });

  it('enables Download only for done and partial entries with a video URL', () => {
    const { root, actions } = setup();
    renderGallery(
      root,
      [
        entry({ id: 'done' }),
        entry({ id: 'generating', status: 'generating', videoUrl: undefined }),
        entry({ id: 'generating-with-url', status: 'generating' }),
        entry({ id: 'failed', status: 'failed', failureReason: 'interrupted' }),
        entry({ id: 'done-without-url', videoUrl: undefined }),
        entry({ id: 'partial', status: 'partial', partialReason: 'stream-error' }),
        entry({ id: 'partial-streaming', status: 'partial' }),
      ],
      actions,
    );
    expect(items(root).map((item) => button(item, 'download').disabled)).toEqual([false, true, true, true, true, false, false]);
  });

  it('draws the other entries when one in the database is damaged', () => {
    const { root, actions } = setup();
    const damaged = entry({ id: 'bad', createdAt: Number.NaN, status: 'weird' as VideoEntry['status'], failureReason: 'zzz' as VideoEntry['failureReason'] });
    renderGallery(root, [damaged, entry({ id: 'good' }), entry({ id: 'bad-failed', status: 'failed', failureReason: 'zzz' as VideoEntry['failureReason'] })], actions, { now: NOW });
    expect(items(root).map((item) => item.dataset.entryId)).toEqual(['bad', 'good', 'bad-failed']);
    expect(items(root)[0]?.querySelector('time')).toBeNull();
    expect(button(items(root)[0], 'download').disabled).toBe(true);
    expect(items(root)[2]?.querySelector('.entry-status')?.textContent).toBe('Failed · unknown reason');
  });

  it('says why a partial entry is partial', () => {
    const { root, actions } = setup();
    renderGallery(root, [entry({ id: 'p', status: 'partial', partialReason: 'truncated', truncated: true })], actions, { now: NOW });
    const item = items(root)[0];
    expect(item?.dataset.status).toBe('partial');
    expect(item?.querySelector('.entry-status')?.textContent).toBe(
      'Partial · the answer was too long and was cut at a size limit; later videos may be missing',
    );
  });

  it('calls actions.download with the entry id and shows where the file was saved', async () => {
    const { root, actions } = setup();
    const entries = [entry({ id: 'other' }), entry()];
    renderGallery(root, entries, actions);
    button(items(root)[1], 'download').click();
    expect(actions.download).toHaveBeenCalledExactlyOnceWith('task:8891215448425547870:0');
    await vi.waitFor(() => expect(message(items(root)[1])).toBe('Saved as 一条狗_8891215448425547870.mp4'));
    expect(message(items(root)[0])).toBe('');
  });

  it('shows the error of a refused download', async () => {
    const { root, actions } = setup();
    actions.download.mockResolvedValueOnce({ ok: false, error: 'no such entry' });
    vi.spyOn(console, 'error').mockImplementation(() => {});
    renderGallery(root, [entry()], actions);
    button(items(root)[0], 'download').click();
    await vi.waitFor(() => expect(message(items(root)[0])).toBe('Download failed: no such entry'));
    expect(items(root)[0]?.querySelector('.entry-message')?.getAttribute('data-tone')).toBe('error');
  });

  it('shows the error of a download that threw', async () => {
    const { root, actions } = setup();
    actions.download.mockRejectedValueOnce(new Error('background gone'));
    vi.spyOn(console, 'error').mockImplementation(() => {});
    renderGallery(root, [entry()], actions);
    button(items(root)[0], 'download').click();
    await vi.waitFor(() => expect(message(items(root)[0])).toBe('Download failed: background gone'));
  });

  it('ignores more clicks while a download is running', async () => {
    const { root, actions } = setup();
    let finish: () => void = () => {};
    actions.download.mockImplementationOnce(
      () =>
        new Promise((resolve) => {
          finish = () => resolve({ ok: true, downloadId: 1, filename: 'a.mp4' });
        }),
    );
    renderGallery(root, [entry()], actions);
    button(items(root)[0], 'download').click();
    expect(message(items(root)[0])).toBe('Downloading…');
    expect(button(items(root)[0], 'download').getAttribute('aria-disabled')).toBe('true');
    button(items(root)[0], 'download').click();
    expect(actions.download).toHaveBeenCalledTimes(1);
    finish();
    await vi.waitFor(() => expect(message(items(root)[0])).toBe('Saved as a.mp4'));
    expect(button(items(root)[0], 'download').hasAttribute('aria-disabled')).toBe(false);
  });

  it('keeps the message across a re-render and clears it after a while', async () => {
    vi.useFakeTimers();
    const { root, actions } = setup();
    renderGallery(root, [entry()], actions);
    button(items(root)[0], 'download').click();
    await vi.waitFor(() => expect(message(items(root)[0])).toMatch(/^Saved as/));
    renderGallery(root, [entry({ id: 'new' }), entry()], actions);
    expect(message(items(root)[1])).toMatch(/^Saved as/);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(message(items(root)[1])).toBe('');
  });

  it('copies and opens the video URL', async () => {
    const { root, actions } = setup();
    renderGallery(root, [entry()], actions);
    button(items(root)[0], 'copy').click();
    expect(actions.copyLink).toHaveBeenCalledExactlyOnceWith(VIDEO);
    await vi.waitFor(() => expect(message(items(root)[0])).toBe('Link copied'));
    button(items(root)[0], 'open').click();
    expect(actions.openVideo).toHaveBeenCalledExactlyOnceWith(VIDEO);
  });

  it('shows the empty state for no entries', () => {
    const { root, actions } = setup();
    renderGallery(root, [entry()], actions);
    renderGallery(root, [], actions);
    expect(items(root)).toHaveLength(0);
    const empty = root.querySelector('p.empty');
    expect(empty?.textContent).toContain('localhost, 127.0.0.1, [::1]');
    expect(empty?.textContent).toContain('chatglm.cn');
  });

  it('renders a load error in place of the entries', () => {
    const { root, actions } = setup();
    renderGallery(root, [entry()], actions);
    renderGalleryError(root, new Error('<b>blocked</b>'));
    expect(items(root)).toHaveLength(0);
    expect(root.querySelector('.load-error')?.textContent).toContain('<b>blocked</b>');
    expect(root.querySelectorAll('b')).toHaveLength(0);
  });
});
