import { downloadEntry, type DownloadResult, type DownloadsApi } from '../download/download-entry';
import type { LocalCopySource } from '../download/local-copy-source';
import { renditionEntry, renditionFileName } from '../download/rendition-download';
import type { Settings } from '../settings/settings';
import { templateFileName } from '../settings/file-name-template';
import type { VideoEntry } from '../store/video-entry';

/**
 * The one download path of the gallery's Download and of the auto-download: the stored entry,
 * under the user's file-name template, its kept copy in place of the link when there is one.
 * A rendition (`n` > 0, an alternate) is its own file: named with a suffix, never the kept copy.
 */
export function createStoredDownloads(deps: {
  getEntry(id: string): Promise<VideoEntry | undefined>;
  settings(): Promise<Settings>;
  downloads: DownloadsApi;
  local?: LocalCopySource;
}): (id: string, rendition?: number) => Promise<DownloadResult> {
  return async (id, rendition = 0) => {
    const { fileNameTemplate } = await deps.settings();
    return downloadEntry(
      renditionEntry(await deps.getEntry(id), rendition),
      deps.downloads,
      (entry) => renditionFileName(templateFileName(fileNameTemplate, entry), rendition, entry.videoUrl),
      deps.local && rendition === 0 ? { local: deps.local } : {},
    );
  };
}
