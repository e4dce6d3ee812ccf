import { t } from '../i18n/t';
import type { QueuedDownload } from '../gallery/download-queue';
import { renderDownloadQueue } from '../gallery/render-download-queue';
import type { VideoEntry } from '../store/video-entry';
import { selectionZip, type SelectionZipSource, type ZipFileState } from './selection-zip';
import { writeZipFile, type PrivateFileSystem } from './zip-file';

export interface ZipDownloadDeps {
  source(): Promise<SelectionZipSource>;
  /** The name of a video inside the ZIP (the user's file name template). */
  fileName(): Promise<(entry: VideoEntry) => string>;
  storage: PrivateFileSystem | undefined;
  urls: { createObjectURL(blob: Blob): string; revokeObjectURL(url: string): void };
  downloads: { download(options: { url: string; filename: string; conflictAction: 'uniquify'; saveAs: false }): Promise<number> };
  /** Subscribes to `downloads.onChanged` (the ZIP's file is removed once saved). */
  onDownloadChanged(listener: (delta: { id: number; state?: string }) => void): void;
  now(): number;
}

/**
 * The gallery's "Download as ZIP": builds the ZIP of the chosen entries on disk with one progress
 * row per video (as the download queue shows them), then hands it to the browser's downloads.
 * Returns the function the button calls.
 */
export function createZipDownloads(section: HTMLElement, deps: ZipDownloadDeps): (entries: readonly VideoEntry[]) => Promise<void> {
  const cleanups = new Map<number, () => void>();
  section.addEventListener('click', (event) => {
    if ((event.target as HTMLElement).closest('[data-action="clear-finished"]') && section.dataset.state !== 'building') section.hidden = true;
  });
  deps.onDownloadChanged((delta) => {
    if (delta.state !== 'complete' && delta.state !== 'interrupted') return;
    cleanups.get(delta.id)?.();
    cleanups.delete(delta.id);
  });
  return async (entries) => {
    if (entries.length === 0) return;
    const items = new Map<string, QueuedDownload>(entries.map((entry) => [entry.id, { id: entry.id, status: { state: 'waiting' } }]));
    const title = t('zipTitle', entries.length);
    const draw = (): void => {
      renderDownloadQueue(section, [...items.values()], (id) => entries.find((entry) => entry.id === id)?.prompt ?? id);
      const heading = section.querySelector('h2');
      if (heading) heading.textContent = title;
    };
    const onProgress = (id: string, state: ZipFileState): void => {
      items.set(id, { id, status: queued(state) });
      draw();
    };
    section.dataset.state = 'building';
    draw();
    const name = `video-keeper-${stamp(deps.now())}.zip`;
    try {
      const stream = selectionZip(entries, await deps.source(), { fileName: await deps.fileName(), onProgress, now: () => deps.now() });
      const written = await writeZipFile(stream, name, deps.storage);
      const url = deps.urls.createObjectURL(written.file);
      const id = await deps.downloads.download({ url, filename: name, conflictAction: 'uniquify', saveAs: false });
      cleanups.set(id, () => {
        deps.urls.revokeObjectURL(url);
        void written.remove();
      });
      section.dataset.state = 'saved';
      section.dataset.downloadId = String(id);
    } catch (error) {
      section.dataset.state = 'failed';
      const alert = section.ownerDocument.createElement('p');
      alert.setAttribute('role', 'alert');
      alert.textContent = t('zipFailed', error instanceof Error ? error.message : String(error));
      section.append(alert);
    }
  };
}

function queued(state: ZipFileState): QueuedDownload['status'] {
  // The queue's rows know download ids; a file inside the ZIP has none.
  if (state.state === 'downloading') return { ...state, downloadId: -1 };
  if (state.state === 'complete') return { ...state, downloadId: -1 };
  return state;
}

/** `2026-12-07-183000` in local time: sorts and reads well in a file name. */
function stamp(now: number): string {
  const date = new Date(now);
  const pad = (value: number): string => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}-${pad(date.getHours())}${pad(date.getMinutes())}${pad(date.getSeconds())}`;
}
