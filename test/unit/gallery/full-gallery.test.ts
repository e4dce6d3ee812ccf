import { parseHTML } from 'linkedom';
import { describe, expect, it, vi } from 'vitest';
import type { DownloadDelta } from '../../../src/gallery/download-queue';
import { mountFullGallery, PAGE_SIZE, type FullGalleryDeps } from '../../../src/gallery/full-gallery';
import type { VideoEntry } from '../../../src/store/video-entry';
import { galleryEntry, NOW } from './gallery-entries';

const entry = galleryEntry;

interface SetupOptions {
  entries?: VideoEntry[];
  now?: number;
  loadMedia?: FullGalleryDeps['loadMedia'];
  viewStore?: FullGalleryDeps['viewStore'];
}

function setup(count: number, search = '', options: SetupOptions = {}) {
  const { document } = parseHTML('<!doctype html><html><body><main id="g"></main></body></html>');
  const root = document.getElementById('g')!;
  let entries = options.entries ?? Array.from({ length: count }, (_, n) => entry(n));
  const byNewest = () => [...entries].sort((a, b) => b.createdAt - a.createdAt);
  let downloadListener: ((delta: DownloadDelta) => void) | undefined;
  const deps = {
    reader: {
      newest: vi.fn(async (limit: number) => byNewest().slice(0, limit)),
      count: vi.fn(async () => entries.length),
      all: vi.fn(async () => byNewest()),
    },
    actions: {
      download: vi.fn(async (id: string) => ({ ok: true as const, downloadId: Number(id.slice(1)) + 100, filename: `${id}.mp4` })),
      copyLink: vi.fn(async () => {}),
      openVideo: vi.fn(),
      openPage: vi.fn(),
    },
    deleteEntries: vi.fn(async (ids: string[]) => {
      const removed = entries.filter((item) => ids.includes(item.id));
      entries = entries.filter((item) => !ids.includes(item.id));
      return { ok: true as const, removed };
    }),
    restoreEntries: vi.fn(async (back: VideoEntry[]) => {
      entries = [...entries, ...back];
      return { ok: true as const, restored: back.length };
    }),
    onDownloadChanged: (listener: (delta: DownloadDelta) => void) => (downloadListener = listener),
    location: { search, replaceSearch: vi.fn() },
    now: () => options.now ?? NOW,
    ...(options.loadMedia ? { loadMedia: options.loadMedia } : {}),
    ...(options.viewStore ? { viewStore: options.viewStore } : {}),
  } satisfies FullGalleryDeps;
  const gallery = mountFullGallery(root, deps);
  const rows = () => Array.from(root.querySelectorAll<HTMLElement>('li.entry'));
  const ids = () => rows().map((row) => row.dataset.entryId);
  const loaded = () => vi.waitFor(() => expect(deps.reader.all).toHaveBeenCalled());
  return { root, deps, gallery, rows, ids, loaded, document, downloads: (delta: DownloadDelta) => downloadListener?.(delta) };
}

function change(root: HTMLElement, selector: string, value: string): void {
  const field = root.querySelector<HTMLInputElement | HTMLSelectElement>(selector)!;
  if (field instanceof field.ownerDocument.defaultView!.HTMLSelectElement) {
    // Only the match: linkedom's `selected = false` clears whichever option is selected.
    for (const option of Array.from(field.querySelectorAll('option'))) if (option.value === value) option.selected = true;
  } else {
    field.value = value;
  }
  field.dispatchEvent(new field.ownerDocument.defaultView!.Event(field.tagName === 'INPUT' ? 'input' : 'change'));
}

describe('mountFullGallery', () => {
  it('paints the first page from the cursor only, then pages on', async () => {
    const { gallery, deps, rows, root, loaded } = setup(10_000);
    await gallery.firstPaint;
    expect(deps.reader.newest).toHaveBeenCalledWith(PAGE_SIZE);
    expect(rows()).toHaveLength(PAGE_SIZE);
    expect(root.querySelector('.gallery-count')?.textContent).toBe(`Showing ${PAGE_SIZE} of 10000 videos`);
    await loaded();
    root.querySelector<HTMLButtonElement>('[data-action="show-more"]')!.click();
    expect(rows()).toHaveLength(2 * PAGE_SIZE);
  });

  it('searches, filters and sorts, and writes the view into the URL', async () => {
    const { gallery, root, ids, deps, loaded } = setup(6);
    await gallery.firstPaint;
    await loaded();
    expect(ids()).toEqual(['e5', 'e4', 'e3', 'e2', 'e1', 'e0']);
    change(root, '.gallery-search', 'dog');
    expect(ids()).toEqual(['e5', 'e3', 'e1']);
    change(root, 'select[name="model"]', 'veo');
    expect(ids()).toEqual(['e3']);
    change(root, 'select[name="model"]', '');
    change(root, 'select[name="sort"]', 'oldest');
    expect(ids()).toEqual(['e1', 'e3', 'e5']);
    expect(deps.location.replaceSearch).toHaveBeenLastCalledWith('?q=dog&sort=oldest');
    const statuses = Array.from(root.querySelectorAll('select[name="status"] option'), (option) => option.textContent);
    expect(statuses).toContain('Link expired');
  });

  it('starts from the query in the URL', async () => {
    const { gallery, ids, loaded } = setup(6, '?q=cat&sort=oldest');
    await gallery.firstPaint;
    await loaded();
    expect(ids()).toEqual(['e0', 'e2', 'e4']);
  });

  it('downloads the selection through the queue, with per-file states and errors', async () => {
    const { gallery, root, loaded, deps, downloads } = setup(4);
    await gallery.firstPaint;
    await loaded();
    deps.actions.download.mockResolvedValueOnce({ ok: false, error: 'This video has no downloadable link yet.' } as never);
    for (const id of ['e3', 'e1', 'e0']) {
      const box = root.querySelector<HTMLInputElement>(`li[data-entry-id="${id}"] .entry-select`)!;
      box.checked = true;
      box.dispatchEvent(new root.ownerDocument.defaultView!.Event('change'));
    }
    expect(root.querySelector('.selected-count')?.textContent).toBe('3 selected');
    root.querySelector<HTMLButtonElement>('[data-action="download-selected"]')!.click();
    const state = (id: string) => root.querySelector<HTMLElement>(`.queue-item[data-entry-id="${id}"]`)?.dataset.state;
    await vi.waitFor(() => expect(state('e3')).toBe('failed'));
    expect(root.querySelector('.queue-item[data-entry-id="e3"] [role="alert"]')?.textContent).toContain('no downloadable link');
    await vi.waitFor(() => expect(state('e0')).toBe('downloading'));
    downloads({ id: 101, state: 'complete' });
    downloads({ id: 100, state: 'interrupted', error: 'NETWORK_FAILED' });
    expect(state('e1')).toBe('complete');
    expect(state('e0')).toBe('failed');
    expect(deps.actions.download.mock.calls.map(([id]) => id)).toEqual(['e3', 'e1', 'e0']);
  });

  it('deletes with undo', async () => {
    const { gallery, root, ids, loaded, deps } = setup(3);
    await gallery.firstPaint;
    await loaded();
    const box = root.querySelector<HTMLInputElement>('li[data-entry-id="e1"] .entry-select')!;
    box.checked = true;
    box.dispatchEvent(new root.ownerDocument.defaultView!.Event('change'));
    root.querySelector<HTMLButtonElement>('[data-action="delete-selected"]')!.click();
    await vi.waitFor(() => expect(ids()).toEqual(['e2', 'e0']));
    expect(root.querySelector('.undo-toast')?.textContent).toContain('Deleted 1 video.');
    root.querySelector<HTMLButtonElement>('.undo-toast [data-action="undo"]')!.click();
    await vi.waitFor(() => expect(ids()).toEqual(['e2', 'e1', 'e0']));
    expect(deps.restoreEntries).toHaveBeenCalledWith([expect.objectContaining({ id: 'e1' })]);
  });

  it('moves between videos with the arrow keys and selects with Space', async () => {
    const { gallery, root, rows, loaded, document } = setup(3);
    await gallery.firstPaint;
    await loaded();
    // linkedom has no KeyboardEvent: an Event with a `key` reads the same to the handler.
    const key = (target: HTMLElement, name: string) => {
      const event = new document.defaultView!.Event('keydown', { bubbles: true });
      Object.defineProperty(event, 'key', { value: name });
      target.dispatchEvent(event);
    };
    // linkedom keeps no focus: the call is what is checked here, the real focus in the browser test.
    const focus = vi.spyOn(rows()[1]!, 'focus');
    key(rows()[0]!, 'ArrowDown');
    expect(focus).toHaveBeenCalled();
    key(rows()[1]!, ' ');
    expect(root.querySelector('.selected-count')?.textContent).toBe('1 selected');
    expect(rows()[1]!.getAttribute('aria-label')).toBe('dog 1, localhost:3000');
  });

  it('plays a video in place of its cover', async () => {
    const { gallery, root, loaded } = setup(1);
    await gallery.firstPaint;
    await loaded();
    const play = root.querySelector<HTMLButtonElement>('[data-action="preview"]')!;
    expect(play.getAttribute('aria-label')).toBe('Play cat 0 here');
    play.click();
    const video = root.querySelector('video.entry-player')!;
    expect(video.getAttribute('src')).toBe('https://cdn.example/0.mp4');
    expect(video.getAttribute('referrerpolicy')).toBe('no-referrer');
  });
});

describe('mountFullGallery: dates, views, previews, chat pages and offline copies', () => {
  const local = (month: number, day: number, hour = 0) => new Date(2025, month, day, hour).getTime();
  const dated = () => [
    entry(0, { id: 'today', createdAt: local(2, 25, 8) }),
    entry(1, { id: 'five-days', createdAt: local(2, 20, 23) }),
    entry(2, { id: 'february', createdAt: local(1, 2) }),
  ];
  const field = (root: HTMLElement, name: string) => root.querySelector<HTMLInputElement>(`input[name="${name}"]`)!;
  const pressed = (root: HTMLElement) =>
    Array.from(root.querySelectorAll<HTMLElement>('.gallery-view-toggle button'), (toggle) => [toggle.textContent, toggle.getAttribute('aria-pressed')]);
  const fire = (target: Element, type: string) => target.dispatchEvent(new target.ownerDocument.defaultView!.Event(type, { bubbles: type.startsWith('focus') }));

  it('narrows by a date preset or custom days, and writes them into the URL', async () => {
    const { gallery, root, ids, deps, loaded } = setup(0, '', { entries: dated(), now: local(2, 25, 12) });
    await gallery.firstPaint;
    await loaded();
    const date = root.querySelector<HTMLSelectElement>('select[name="date"]')!;
    expect(date.getAttribute('aria-label')).toBe('Date');
    expect(Array.from(date.options, (option) => option.textContent)).toEqual(['Any time', 'Today', 'Last 7 days', 'Last 30 days', 'Custom dates…']);
    const range = root.querySelector<HTMLElement>('.gallery-date-range')!;
    expect(range.hidden).toBe(true);
    change(root, 'select[name="date"]', 'today');
    expect(ids()).toEqual(['today']);
    change(root, 'select[name="date"]', '7d');
    expect(ids()).toEqual(['today', 'five-days']);
    expect(deps.location.replaceSearch).toHaveBeenLastCalledWith('?date=7d');
    change(root, 'select[name="date"]', 'custom');
    expect(range.hidden).toBe(false);
    expect(ids()).toEqual(['today', 'five-days', 'february']);
    field(root, 'from').value = '2025-02-01';
    fire(field(root, 'from'), 'change');
    field(root, 'to').value = '2025-03-20';
    fire(field(root, 'to'), 'change');
    expect(ids()).toEqual(['five-days', 'february']);
    expect(deps.location.replaceSearch).toHaveBeenLastCalledWith('?date=custom&from=2025-02-01&to=2025-03-20');
    expect(field(root, 'to').getAttribute('min')).toBe('2025-02-01');
    expect(field(root, 'from').getAttribute('max')).toBe('2025-03-20');
    change(root, 'select[name="date"]', '');
    expect(range.hidden).toBe(true);
    expect(ids()).toHaveLength(3);
  });

  it('starts from the date range in the URL, with its days filled in', async () => {
    const { gallery, root, ids, loaded } = setup(0, '?date=custom&from=2025-03-20&to=2025-03-20', { entries: dated(), now: local(2, 25, 12) });
    await gallery.firstPaint;
    await loaded();
    expect(ids()).toEqual(['five-days']);
    const chosen = Array.from(root.querySelectorAll<HTMLOptionElement>('select[name="date"] option')).find((option) => option.selected);
    expect(chosen?.value).toBe('custom');
    expect(field(root, 'from').value).toBe('2025-03-20');
    expect(field(root, 'to').value).toBe('2025-03-20');
  });

  it('switches between grid and list with pressed toggle buttons, and keeps the choice', async () => {
    const save = vi.fn(async () => {});
    const { gallery, root } = setup(2, '', { viewStore: { load: async () => 'list', save } });
    await gallery.firstPaint;
    const list = root.querySelector<HTMLElement>('ul.entries')!;
    expect(root.querySelector('.gallery-view-toggle')?.getAttribute('role')).toBe('group');
    expect(root.querySelector('.gallery-view-toggle')?.getAttribute('aria-label')).toBe('View');
    // The stored view is on screen from the first paint on.
    expect(list.classList.contains('gallery-list')).toBe(true);
    expect(pressed(root)).toEqual([
      ['Grid', 'false'],
      ['List', 'true'],
    ]);
    root.querySelector<HTMLButtonElement>('[data-view="grid"]')!.click();
    expect(list.classList.contains('gallery-grid')).toBe(true);
    expect(list.classList.contains('gallery-list')).toBe(false);
    expect(pressed(root)).toEqual([
      ['Grid', 'true'],
      ['List', 'false'],
    ]);
    expect(save).toHaveBeenCalledExactlyOnceWith('grid');
    root.querySelector<HTMLButtonElement>('[data-view="grid"]')!.click();
    expect(save).toHaveBeenCalledTimes(1);
  });

  it.each([
    ['nothing stored', async () => undefined],
    ['a value it does not know', async () => 'mosaic'],
    ['a storage error', async () => Promise.reject(new Error('storage gone'))],
  ])('shows the grid for %s', async (_name, load) => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const { gallery, root, rows } = setup(2, '', { viewStore: { load, save: async () => {} } });
    await gallery.firstPaint;
    expect(root.querySelector('ul.entries')?.classList.contains('gallery-grid')).toBe(true);
    expect(rows()).toHaveLength(2);
    vi.restoreAllMocks();
  });

  it('opens the chat page of an entry through actions.openPage', async () => {
    const { gallery, root, deps, loaded } = setup(0, '', { entries: [entry(1, { pageUrl: 'https://chat.example/c/42' })] });
    await gallery.firstPaint;
    await loaded();
    root.querySelector<HTMLButtonElement>('[data-action="open-page"]')!.click();
    expect(deps.actions.openPage).toHaveBeenCalledExactlyOnceWith('https://chat.example/c/42');
  });

  it('previews on hover and focus, and not over a started player, which survives a reload', async () => {
    const { gallery, root, loaded, rows } = setup(1);
    await gallery.firstPaint;
    await loaded();
    fire(rows()[0]!, 'focusin');
    expect(root.querySelector('video.entry-hover-preview')?.getAttribute('src')).toBe('https://cdn.example/0.mp4');
    root.querySelector<HTMLButtonElement>('[data-action="preview"]')!.click();
    const player = root.querySelector('video.entry-player')!;
    expect(root.querySelector('video.entry-hover-preview')).toBeNull();
    fire(rows()[0]!, 'pointerenter');
    expect(root.querySelector('video.entry-hover-preview')).toBeNull();
    await gallery.reload();
    expect(root.querySelector('video.entry-player')).toBe(player);
    expect(root.querySelector('[data-action="preview"]')).toBeNull();
  });

  it('reads offline copies for the entries on the page, once per reload, and shows them', async () => {
    const cover = 'blob:chrome-extension://id/cover-1';
    const loadMedia = vi.fn(async (ids: string[]) => new Map(ids.filter((id) => id === 'e1').map((id) => [id, { coverUrl: cover, videoUrl: 'blob:chrome-extension://id/video-1' }])));
    const { gallery, root, loaded } = setup(3, '', { loadMedia });
    await gallery.firstPaint;
    await loaded();
    const row = () => root.querySelector<HTMLElement>('li[data-entry-id="e1"]')!;
    await vi.waitFor(() => expect(row().querySelector('img.entry-cover')?.getAttribute('src')).toBe(cover));
    expect(row().querySelector('.entry-offline')?.textContent).toBe('Offline copy');
    expect(loadMedia.mock.calls[0]![0]).toEqual(['e2', 'e1', 'e0']);
    const calls = loadMedia.mock.calls.length;
    change(root, '.gallery-search', 'dog');
    change(root, '.gallery-search', '');
    expect(loadMedia).toHaveBeenCalledTimes(calls);
    await gallery.reload();
    expect(loadMedia).toHaveBeenCalledTimes(calls + 1);
    expect(loadMedia.mock.lastCall![0]).toEqual(['e2', 'e1', 'e0']);
  });

  it('asks for the copies of the first page only, and draws when an entry loses its copy', async () => {
    let kept = true;
    const loadMedia = vi.fn(async (ids: string[]) => new Map(kept && ids.includes('e9999') ? [['e9999', { coverUrl: 'blob:x/1' }]] : []));
    const { gallery, root, loaded } = setup(10_000, '', { loadMedia });
    await gallery.firstPaint;
    await loaded();
    await vi.waitFor(() => expect(root.querySelector('li[data-entry-id="e9999"] .entry-offline')).not.toBeNull());
    expect(loadMedia.mock.calls.every(([ids]) => ids.length <= PAGE_SIZE)).toBe(true);
    kept = false;
    await gallery.reload();
    await vi.waitFor(() => expect(root.querySelector('li[data-entry-id="e9999"] .entry-offline')).toBeNull());
  });
});
