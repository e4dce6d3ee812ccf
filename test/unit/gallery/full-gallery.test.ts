import { parseHTML } from 'linkedom';
import { describe, expect, it, vi } from 'vitest';
import type { DownloadDelta } from '../../../src/gallery/download-queue';
import { mountFullGallery, PAGE_SIZE, type FullGalleryDeps } from '../../../src/gallery/full-gallery';
import type { VideoEntry } from '../../../src/store/video-entry';

const NOW = Date.UTC(2025, 2, 25);

function entry(n: number, overrides: Partial<VideoEntry> = {}): VideoEntry {
  return {
    id: `e${n}`,
    status: 'done',
    progress: 0,
    videoUrl: `https://cdn.example/${n}.mp4`,
    prompt: n % 2 ? `dog ${n}` : `cat ${n}`,
    model: n % 3 ? 'cogvideox' : 'veo',
    site: 'http://localhost:3000',
    pageUrl: 'http://localhost:3000/',
    endpointUrl: 'http://localhost:3000/v1/chat/completions',
    index: 0,
    createdAt: NOW - 1000 + n,
    updatedAt: NOW,
    ...overrides,
  };
}

function setup(count: number, search = '') {
  const { document } = parseHTML('<!doctype html><html><body><main id="g"></main></body></html>');
  const root = document.getElementById('g')!;
  let entries = Array.from({ length: count }, (_, n) => entry(n));
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
    now: () => NOW,
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
    for (const option of Array.from(field.querySelectorAll('option'))) option.selected = option.value === value;
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
