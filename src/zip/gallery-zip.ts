import { createOfflineCopies } from '../offline/offline-copies';
import { templateFileName } from '../settings/file-name-template';
import { createSettingsStore } from '../settings/settings';
import type { VideoDatabase } from '../store/video-db';
import type { VideoEntry } from '../store/video-entry';
import { createZipDownloads, type ZipDownloadDeps } from './zip-download';
import { removeStaleZips } from './zip-file';
import { zipSources } from './zip-sources';

/** The browser APIs the gallery's ZIP needs, as its entrypoint passes them. */
export interface GalleryZipApi {
  storage: { local: Parameters<typeof createSettingsStore>[0] };
  downloads: ZipDownloadDeps['downloads'] & {
    onChanged: { addListener(listener: (delta: { id: number; state?: { current?: string } }) => void): void };
  };
}

/**
 * The gallery page's "Download as ZIP", over the page's own APIs: its progress section sits
 * after `anchor`; copies come from the library, other files from their links (the page may read
 * the hosts the extension may), and the ZIP is written to the page's private file system.
 */
export function galleryZipDownloads(
  anchor: HTMLElement,
  database: () => Promise<VideoDatabase>,
  api: GalleryZipApi,
): (entries: VideoEntry[]) => void {
  const section = anchor.ownerDocument.createElement('section');
  section.className = 'download-queue zip-progress';
  section.hidden = true;
  anchor.after(section);
  const storage = typeof navigator !== 'undefined' && 'storage' in navigator && 'getDirectory' in navigator.storage ? navigator.storage : undefined;
  void removeStaleZips(storage);
  const settings = createSettingsStore(api.storage.local);
  const copies = createOfflineCopies(database);
  const start = createZipDownloads(section, {
    source: async () => zipSources(copies, (url, init) => fetch(url, init), { embed: (await settings.load()).embedStory }),
    fileName: async () => {
      const { fileNameTemplate } = await settings.load();
      return (entry) => templateFileName(fileNameTemplate, entry);
    },
    storage,
    urls: URL,
    downloads: api.downloads,
    onDownloadChanged: (listener) => api.downloads.onChanged.addListener((delta) => listener({ id: delta.id, ...(delta.state?.current && { state: delta.state.current }) })),
    now: () => Date.now(),
  });
  return (entries) => void start(entries);
}
