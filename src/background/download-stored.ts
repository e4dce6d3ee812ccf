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
  /** Whether the extension may read the entry's video where it is (a video app's granted media host). */
  readable(entry: VideoEntry): boolean;
  /** Saves a text file beside a download (the story's `.json`). */
  saveText(filename: string, text: string): Promise<unknown>;
}): (id: string, rendition?: number) => Promise<DownloadResult> {
  return async (id, rendition = 0) => {
    const { fileNameTemplate, embedStory, sidecarJson } = await deps.settings();
    const entry = renditionEntry(await deps.getEntry(id), rendition);
    return downloadEntry(entry, deps.downloads, (item) => renditionFileName(templateFileName(fileNameTemplate, item), rendition, item.videoUrl), {
      ...(deps.local && rendition === 0 && { local: deps.local }),
      // The story goes into the file where its bytes can be read: a copy, or a video app's granted host.
      story: { embed: embedStory, fetch: embedStory && !!entry && deps.readable(entry) },
      ...(sidecarJson && { sidecar: (name: string, json: string) => deps.saveText(name, json) }),
    });
  };
}
