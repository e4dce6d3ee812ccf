import { parseHTML } from 'linkedom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createGalleryRefresher } from '../../../src/gallery/refresh-gallery';
import type { GalleryActions } from '../../../src/gallery/render-gallery';
import type { VideoEntry } from '../../../src/store/video-entry';

const actions: GalleryActions = {
  download: () => Promise.resolve({ ok: false, error: 'unused' }),
  copyLink: () => Promise.resolve(),
  openVideo: () => {},
};

function entry(id: string): VideoEntry {
  return {
    id,
    status: 'generating',
    progress: 1,
    site: 'http://localhost:3000',
    pageUrl: 'http://localhost:3000/',
    endpointUrl: 'http://localhost:3000/v1/chat/completions',
    index: 0,
    createdAt: 0,
    updatedAt: 0,
  };
}

function deferred<T>() {
  let resolve: (value: T) => void = () => {};
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

function rootElement(): HTMLElement {
  const { document } = parseHTML('<!doctype html><html><body><main id="app"></main></body></html>');
  const root = document.getElementById('app');
  if (!root) throw new Error('no #app');
  return root;
}

const ids = (root: HTMLElement) =>
  Array.from(root.querySelectorAll<HTMLElement>('li.entry'), (item) => item.dataset.entryId);

afterEach(() => {
  vi.restoreAllMocks();
});

describe('createGalleryRefresher', () => {
  it('draws only the latest of overlapping loads', async () => {
    const root = rootElement();
    const older = deferred<VideoEntry[]>();
    const newer = deferred<VideoEntry[]>();
    const load = vi.fn().mockReturnValueOnce(older.promise).mockReturnValueOnce(newer.promise);
    const refresh = createGalleryRefresher(root, load, actions);
    const first = refresh();
    const second = refresh();
    newer.resolve([entry('new'), entry('old')]);
    await second;
    older.resolve([entry('old')]);
    await first;
    expect(ids(root)).toEqual(['new', 'old']);
  });

  it('shows a load failure instead of the entries', async () => {
    const root = rootElement();
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const refresh = createGalleryRefresher(root, () => Promise.reject(new Error('blocked')), actions);
    await refresh();
    expect(root.querySelector('.load-error')?.textContent).toContain('blocked');
  });
});
