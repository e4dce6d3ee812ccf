import { parseHTML } from 'linkedom';
import { describe, expect, it, vi } from 'vitest';
import { exportLibrary } from '../../../src/library/library-file';
import { mountLibraryTools, type LibraryToolsDeps } from '../../../src/library/render-library-tools';
import { formatBytes } from '../../../src/ui/format-bytes';
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
  const { document, Event } = parseHTML('<!doctype html><html><body><div id="l"></div></body></html>');
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
  /** Picks `text` as the file to import, as the user does in the file dialog. */
  const importFile = (name: string, text: string): void => {
    const input = root.querySelector<HTMLInputElement>('[data-action="import-library"]')!;
    Object.defineProperty(input, 'files', { value: [{ name, text: () => Promise.resolve(text) }], configurable: true });
    input.dispatchEvent(new Event('change'));
  };
  return { root, deps, document, importFile };
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

  it.each([
    ['a library of one', exportLibrary([entry], 1), 'Imported 1 video.'],
    ['a library of two', exportLibrary([entry, { ...entry, id: 'e2' }], 1), 'Imported 2 videos.'],
    [
      'a library with a broken entry',
      JSON.stringify({ ...JSON.parse(exportLibrary([entry], 1)), entries: [entry, { id: 'broken' }] }),
      'Imported 1 video; skipped 1 broken entry.',
    ],
    [
      'a library with broken entries',
      JSON.stringify({ ...JSON.parse(exportLibrary([entry], 1)), entries: [entry, entry, {}, {}] }),
      'Imported 2 videos; skipped 2 broken entries.',
    ],
    ['a saved stream', 'data: {"choices":[]}\n\n', 'Read 1 stream from the log; 1 video found.'],
  ])('says what importing %s did, in the singular for one', async (_what, text, message) => {
    const { root, importFile } = setup();
    importFile('chat.json', text);
    await vi.waitFor(() => expect(root.querySelector('.library-status')?.textContent).toBe(message));
  });

  it('counts streams and videos of a log in the plural', async () => {
    const { root, deps, importFile } = setup();
    deps.importLog.mockResolvedValueOnce({ streams: 3, videos: 2 });
    importFile('chat.har', 'not a library');
    await vi.waitFor(() =>
      expect(root.querySelector('.library-status')?.textContent).toBe('Read 3 streams from the log; 2 videos found.'),
    );
  });

  it('says how many videos and chats a chat app export held', async () => {
    const { root, deps, importFile } = setup();
    deps.importLog.mockResolvedValueOnce({ streams: 0, videos: 3, chats: { app: 'Open WebUI', count: 2 } });
    importFile('chat-export-1.json', '[{"chat":{}}]');
    await vi.waitFor(() =>
      expect(root.querySelector('.library-status')?.textContent).toBe('Found 3 videos in 2 chats (Open WebUI export).'),
    );
  });

  it('formats sizes', () => {
    expect(formatBytes(12)).toBe('12 B');
    expect(formatBytes(850_000)).toBe('850 kB');
    expect(formatBytes(1_234_567)).toBe('1.2 MB');
  });
});
