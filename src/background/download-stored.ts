import { downloadEntry, type DownloadResult, type DownloadsApi } from '../download/download-entry';
import type { LocalCopySource } from '../download/local-copy-source';
import type { Settings } from '../settings/settings';
import { templateFileName } from '../settings/file-name-template';
import type { VideoEntry } from '../store/video-entry';

/**
 * The one download path of the gallery's Download and of the auto-download: the stored entry,
 * under the user's file-name template, its kept copy in place of the link when there is one.
 */
export function createStoredDownloads(deps: {
  getEntry(id: string): Promise<VideoEntry | undefined>;
  settings(): Promise<Settings>;
  downloads: DownloadsApi;
  local?: LocalCopySource;
}): (id: string) => Promise<DownloadResult> {
  return async (id) => {
    const { fileNameTemplate } = await deps.settings();
    return downloadEntry(await deps.getEntry(id), deps.downloads, (entry) => templateFileName(fileNameTemplate, entry), deps.local ? { local: deps.local } : {});
  };
}
