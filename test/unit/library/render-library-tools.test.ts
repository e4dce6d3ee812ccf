import { parseHTML } from 'linkedom';
import { describe, expect, it, vi } from 'vitest';
import { exportLibrary } from '../../../src/library/library-file';
import { formatBytes, mountLibraryTools, type LibraryToolsDeps } from '../../../src/library/render-library-tools';
import type { VideoEntry } from '../../../src/store/video-entry';

const entry: VideoEntry = {
  id: 'e1',
  status: 'done',
  progress: 0,
  site: 'https://a.example',
  pageUrl: 'https://a.example/',
  endpointUrl: 'https://a.example/v1',
  index: 0,
  createdAt: 1,
  updatedAt: 1,
};

function setup(confirmed = true) {
  const { document } = parseHTML('<!doctype html><html><body><div id="l"></div></body></html>');
  const root = document.getElementById('l')!;
  const deps = {
    all: vi.fn(async () => [entry]),
    restore: vi.fn<LibraryToolsDeps['restore']>(async (entries) => ({ ok: true, restored: entries.length, skipped: 0 })),
    clear: vi.fn<LibraryToolsDeps['clear']>(async () => ({ ok: true, removed: 4 })),
    estimate: vi.fn(async () => ({ usage: 1_234_567, quota: 10_000_000_000 })),
    saveFile: vi.fn(),
    confirm: vi.fn(() => confirmed),
    now: () => Date.UTC(2025, 2, 25),
    importLog: vi.fn<LibraryToolsDeps['importLog']>(async () => ({ streams: 1, videos: 1 })),
  };
  mountLibraryTools(root, deps);
  return { root, deps, document };
}

describe('mountLibraryTools', () => {
  it('shows the storage used and exports the library as a dated JSON file', async () => {
    const { root, deps } = setup();
    await vi.waitFor(() => expect(root.querySelector('.storage-used')?.textContent).toBe('Storage used: 1.2 MB of 10 GB available.'));
    root.querySelector<HTMLButtonElement>('[data-action="export-library"]')!.click();
    await vi.waitFor(() => expect(deps.saveFile).toHaveBeenCalledWith('video-keeper-library-2025-03-25.json', exportLibrary([entry], deps.now())));
    expect(root.querySelector('.library-status')?.textContent).toBe('Exported 1 video.');
  });

  it('clears only after confirmation', async () => {
    const refused = setup(false);
    refused.root.querySelector<HTMLButtonElement>('[data-action="clear-library"]')!.click();
    expect(refused.deps.clear).not.toHaveBeenCalled();
    const { root, deps } = setup(true);
    root.querySelector<HTMLButtonElement>('[data-action="clear-library"]')!.click();
    await vi.waitFor(() => expect(root.querySelector('.library-status')?.textContent).toBe('Deleted 4 videos.'));
    expect(deps.clear).toHaveBeenCalled();
  });

  it('formats sizes', () => {
    expect(formatBytes(12)).toBe('12 B');
    expect(formatBytes(850_000)).toBe('850 kB');
    expect(formatBytes(1_234_567)).toBe('1.2 MB');
  });
});
