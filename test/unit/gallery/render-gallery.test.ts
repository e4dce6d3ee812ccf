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
  vi.unstubAllGlobals();
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
    expect(empty?.textContent).toContain('lobechat.com');
    expect(empty?.textContent).toContain('Kling');
    expect(empty?.querySelector('.empty-enable')?.textContent).toContain('choose "Capture on this site"');
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

describe('renderGallery: chat page, preview and offline copies', () => {
  const OFFLINE_VIDEO = 'blob:chrome-extension://abcdefghijklmnop/0d5f6c1e-video';
  const OFFLINE_COVER = 'blob:chrome-extension://abcdefghijklmnop/7a1b2c3d-cover';
  const withOpenPage = (actions: ReturnType<typeof setup>['actions']) => ({ ...actions, openPage: vi.fn<NonNullable<GalleryActions['openPage']>>() });
  const fire = (target: Element, type: string, init: { relatedTarget?: Element | null } = {}) => {
    const event = new target.ownerDocument.defaultView!.Event(type, { bubbles: type === 'focusin' || type === 'focusout' });
    // linkedom's Event has no relatedTarget; the handler reads it like a FocusEvent's.
    Object.defineProperty(event, 'relatedTarget', { value: init.relatedTarget ?? null });
    target.dispatchEvent(event);
  };
  const loop = (item: HTMLElement | undefined) => item?.querySelector<HTMLVideoElement>('video.entry-hover-preview') ?? null;
  const chat = (item: HTMLElement | undefined) => item!.querySelector<HTMLButtonElement>('button[data-action="open-page"]')!;
  const description = (item: HTMLElement, button: HTMLElement) =>
    Array.from(item.querySelectorAll<HTMLElement>('[id]')).find((node) => node.id === button.getAttribute('aria-describedby'));

  it('opens the chat page through actions.openPage, for http(s) pages only', () => {
    const { root, actions } = setup();
    const withPage = withOpenPage(actions);
    renderGallery(root, [entry(), entry({ id: 'js', pageUrl: 'javascript:alert(1)' }), entry({ id: 'rel', pageUrl: '/chat/1' })], withPage, { now: NOW });
    const [good, js, relative] = items(root);
    expect(chat(good).getAttribute('aria-label')).toBe('Open chat page');
    chat(good).click();
    expect(withPage.openPage).toHaveBeenCalledExactlyOnceWith('http://localhost:3000/chat/1');
    expect(chat(js).disabled).toBe(true);
    expect(chat(relative).disabled).toBe(true);
  });

  it('disables "Open chat page" when the page supplies no openPage, and reports a failed one', async () => {
    const { root, actions } = setup();
    renderGallery(root, [entry()], actions, { now: NOW });
    expect(chat(items(root)[0]).disabled).toBe(true);
    const failing = withOpenPage(actions);
    failing.openPage.mockRejectedValueOnce(new Error('tabs gone'));
    vi.spyOn(console, 'error').mockImplementation(() => {});
    renderGallery(root, [entry()], failing, { now: NOW });
    chat(items(root)[0]).click();
    await vi.waitFor(() => expect(message(items(root)[0])).toBe('Could not open the chat page: tabs gone'));
  });

  it('plays a muted, looping preview while the pointer is on an entry, and shows the cover again after', () => {
    const { root, actions } = setup();
    renderGallery(root, [entry()], actions, { now: NOW });
    const item = items(root)[0]!;
    expect(loop(item)).toBeNull();
    fire(item, 'pointerenter');
    const video = loop(item)!;
    expect(video.getAttribute('src')).toBe(VIDEO);
    expect(video.muted).toBe(true);
    expect(video.hasAttribute('muted')).toBe(true);
    expect(video.loop).toBe(true);
    expect(video.getAttribute('referrerpolicy')).toBe('no-referrer');
    expect(video.getAttribute('aria-hidden')).toBe('true');
    // Laid over the cover, which stays in place.
    expect(video.parentElement?.querySelector('img.entry-cover')?.getAttribute('src')).toBe(COVER);
    fire(item, 'pointerleave');
    expect(loop(item)).toBeNull();
    expect(item.querySelector('img.entry-cover')).not.toBeNull();
  });

  it('plays the preview while focus is inside the entry, across its own buttons', () => {
    const { root, actions } = setup();
    renderGallery(root, [entry()], actions, { now: NOW });
    const item = items(root)[0]!;
    fire(button(item, 'download'), 'focusin');
    expect(loop(item)?.getAttribute('src')).toBe(VIDEO);
    fire(button(item, 'download'), 'focusout', { relatedTarget: button(item, 'copy') });
    expect(loop(item)).not.toBeNull();
    fire(button(item, 'copy'), 'focusout', { relatedTarget: null });
    expect(loop(item)).toBeNull();
  });

  it('previews nothing for an expired link, an unsafe link, or a user who asks for reduced motion', () => {
    const { root, actions } = setup();
    renderGallery(root, [entry({ id: 'x', expiresAt: NOW - 1 }), entry({ id: 'js', videoUrl: 'javascript:alert(1)' }), entry({ id: 'ok' })], actions, { now: NOW });
    for (const item of items(root)) fire(item, 'pointerenter');
    expect(items(root).map((item) => loop(item) !== null)).toEqual([false, false, true]);
    // linkedom's defaultView is globalThis: a global stub, undone after the test.
    vi.stubGlobal('matchMedia', (query: string) => ({ matches: query.includes('reduce') }));
    renderGallery(root, [entry()], actions, { now: NOW });
    fire(items(root)[0]!, 'pointerenter');
    expect(loop(items(root)[0])).toBeNull();
  });

  it('shows an offline copy: its blob: cover, its video in the preview and an "Offline copy" mark', () => {
    const { root, actions } = setup();
    const media = new Map([['task:8891215448425547870:0', { videoUrl: OFFLINE_VIDEO, coverUrl: OFFLINE_COVER }]]);
    renderGallery(root, [entry(), entry({ id: 'other' })], actions, { now: NOW, media });
    const [kept, other] = items(root);
    expect(kept!.querySelector('img.entry-cover')?.getAttribute('src')).toBe(OFFLINE_COVER);
    expect(kept!.dataset.offline).toBe('video');
    const mark = kept!.querySelector<HTMLElement>('.entry-status .entry-offline')!;
    expect(mark.textContent).toBe('Offline copy');
    expect(mark.title).toBe('The video is kept in the browser and plays without its link.');
    expect(kept!.querySelector('.entry-status')?.textContent).toBe('Done · Offline copy');
    fire(kept!, 'pointerenter');
    expect(loop(kept)?.getAttribute('src')).toBe(OFFLINE_VIDEO);
    // Copy and Open still hand over the captured link, never the page-local blob: URL.
    button(kept, 'copy').click();
    expect(actions.copyLink).toHaveBeenCalledWith(VIDEO);
    expect(other!.querySelector('img.entry-cover')?.getAttribute('src')).toBe(COVER);
    expect(other!.querySelector('.entry-offline')).toBeNull();
  });

  it('says why an entry has no offline copy when one was tried and given up on', () => {
    const { root, actions } = setup();
    const media = new Map([
      ['task:8891215448425547870:0', { missing: 'too-large' as const }],
      ['other', { missing: 'unreachable' as const }],
    ]);
    renderGallery(root, [entry(), entry({ id: 'other' }), entry({ id: 'untried' })], actions, { now: NOW, media });
    const [big, lost, untried] = items(root);
    expect(big!.dataset.offline).toBe('missing');
    expect(big!.querySelector('.entry-status')?.textContent).toBe('Done · No offline copy');
    expect(big!.querySelector<HTMLElement>('.entry-offline-missing')?.title).toBe(
      'Not kept offline: larger than the space left for copies (see Settings).',
    );
    expect(lost!.querySelector<HTMLElement>('.entry-offline-missing')?.title).toBe(
      'Not kept offline: the video could not be fetched (tried again later).',
    );
    expect(untried!.querySelector('.entry-offline-missing')).toBeNull();
    expect(untried!.dataset.offline).toBeUndefined();
  });

  it('takes only blob: URLs from the media map', () => {
    const { root, actions } = setup();
    const media = new Map([['task:8891215448425547870:0', { videoUrl: 'javascript:alert(1)', coverUrl: 'https://evil.example/c.jpeg' }]]);
    renderGallery(root, [entry()], actions, { now: NOW, media });
    const item = items(root)[0]!;
    expect(item.querySelector('img.entry-cover')?.getAttribute('src')).toBe(COVER);
    expect(item.querySelector('.entry-offline')).toBeNull();
    fire(item, 'pointerenter');
    expect(loop(item)?.getAttribute('src')).toBe(VIDEO);
  });

  it('disables Download and Open video of an expired link without an offline video, and says why', () => {
    const { root, actions } = setup();
    const coverOnly = new Map([['cover-only', { coverUrl: OFFLINE_COVER }]]);
    renderGallery(root, [entry({ id: 'gone', expiresAt: NOW - 1 }), entry({ id: 'cover-only', expiresAt: NOW - 1 })], actions, { now: NOW, media: coverOnly });
    for (const item of items(root)) {
      for (const action of ['download', 'open'] as const) {
        const target = button(item, action);
        expect(target.disabled, action).toBe(true);
        expect(target.title).toBe('The link has expired and no offline copy was kept, so the video can no longer be downloaded or opened.');
        expect(description(item, target)?.textContent).toBe(target.title);
      }
      expect(button(item, 'copy').disabled).toBe(false);
    }
    const coverItem = items(root)[1]!;
    expect(coverItem.querySelector<HTMLElement>('.entry-offline')?.title).toBe('Only the cover is kept in the browser.');
    // Two entries, two explanations: the ids do not collide.
    const ids = items(root).map((item) => button(item, 'download').getAttribute('aria-describedby'));
    expect(new Set(ids).size).toBe(2);
  });

  it('keeps Download of an expired link with an offline video, which the preview plays', () => {
    const { root, actions } = setup();
    const media = new Map([['task:8891215448425547870:0', { videoUrl: OFFLINE_VIDEO }]]);
    renderGallery(root, [entry({ expiresAt: NOW - 1 })], actions, { now: NOW, media });
    const item = items(root)[0]!;
    expect(button(item, 'download').disabled).toBe(false);
    expect(button(item, 'download').hasAttribute('aria-describedby')).toBe(false);
    expect(button(item, 'open').disabled).toBe(true);
    expect(description(item, button(item, 'open'))?.textContent).toBe('The link has expired. The offline copy plays here, and Download saves it.');
    expect(item.querySelector('.entry-status')?.textContent).toBe('Done · Link expired · Offline copy');
    button(item, 'download').click();
    expect(actions.download).toHaveBeenCalledExactlyOnceWith('task:8891215448425547870:0');
    fire(item, 'pointerenter');
    expect(loop(item)?.getAttribute('src')).toBe(OFFLINE_VIDEO);
  });

  it('keeps the media map when one entry redraws for its message', async () => {
    const { root, actions } = setup();
    const media = new Map([['task:8891215448425547870:0', { coverUrl: OFFLINE_COVER }]]);
    renderGallery(root, [entry()], actions, { now: NOW, media });
    button(items(root)[0], 'download').click();
    await vi.waitFor(() => expect(message(items(root)[0])).toMatch(/^Saved as/));
    expect(items(root)[0]!.querySelector('img.entry-cover')?.getAttribute('src')).toBe(OFFLINE_COVER);
  });
});

describe('one entry never blanks the list', () => {
  it('draws an entry with a date of 1e300 (it passes Number.isFinite, and toISOString throws on it)', () => {
    const { root, actions } = setup();
    renderGallery(root, [entry({ id: 'a' }), entry({ id: 'b', createdAt: 1e300 }), entry({ id: 'c' })], actions, { now: NOW });
    expect(items(root).map((item) => item.dataset.entryId)).toEqual(['a', 'b', 'c']);
    expect(items(root)[1]?.querySelector('.entry-prompt')?.textContent).toBe('一条狗');
  });

  it('shows an entry whose drawing throws as a row that says so, and every other entry as usual', () => {
    const { root, actions } = setup();
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const hostile = entry({ id: 'b' });
    Object.defineProperty(hostile, 'prompt', {
      get() {
        throw new RangeError('hostile value');
      },
    });
    renderGallery(root, [entry({ id: 'a' }), hostile, entry({ id: 'c' })], actions, { now: NOW });
    const rows = items(root);
    expect(rows.map((item) => item.dataset.entryId)).toEqual(['a', 'b', 'c']);
    expect(rows[1]?.classList.contains('is-unreadable')).toBe(true);
    expect(rows[1]?.textContent).toContain('hostile value');
    expect(rows[2]?.querySelector('.entry-prompt')?.textContent).toBe('一条狗');
  });
});
