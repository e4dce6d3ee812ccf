import type { DownloadResult } from '../protocol/messages';
import type { VideoEntry } from '../store/video-entry';
import { parseHttpUrl } from '../extract/http-url';
import type { LocalCopySource } from './local-copy-source';
import { videoFileName } from './file-name';
import type { StoryFileOptions } from './story-file';
import { sidecarJson } from './video-story';
import { t } from '../i18n/t';

export type { DownloadResult } from '../protocol/messages';

/** The part of the downloads API used here. */
export interface DownloadsApi {
  download(options: { url: string; filename: string; conflictAction: 'uniquify'; saveAs: false }): Promise<number>;
}

/** Where the offline copies are, and the time that decides whether a link has expired. */
export interface DownloadSources {
  /** Kept copies (src/offline): preferred over the link whenever one exists. */
  local?: LocalCopySource;
  /** Whether the story goes into the file, and whether a video with no copy is fetched for it (src/download/story-file.ts). */
  story?: StoryFileOptions;
  /** Saves a text file under the downloads folder: the story's `.json` beside a link downloaded as it is (when the user chose it). */
  sidecar?(filename: string, json: string): Promise<unknown>;
  now?: number;
}

/**
 * Downloads one stored video under its safe file name (`fileName`, e.g. the user's template
 * from src/settings; a path relative to the downloads folder); errors come back as text.
 * A kept offline copy is downloaded in place of the link: the same bytes, and it works after
 * the signed link expired or the CDN went away.
 */
export async function downloadEntry(
  entry: VideoEntry | undefined,
  downloads: DownloadsApi,
  fileName: (entry: VideoEntry) => string = videoFileName,
  sources: DownloadSources = {},
): Promise<DownloadResult> {
  if (!entry) return { ok: false, error: t('downloadGone') };
  const link = parseHttpUrl(entry.videoUrl);
  // `partial`: the answer broke after the link arrived; the link itself is what was kept.
  const downloadable = entry.status === 'done' || entry.status === 'partial';
  if (!downloadable || !link) return { ok: false, error: t('downloadNoLink') };
  const copy = await sources.local?.open(entry.id, sources.story).catch(() => undefined);
  if (!copy && entry.expiresAt !== undefined && entry.expiresAt <= (sources.now ?? Date.now())) {
    // The browser would only save the server's "expired" error page under the video's name.
    return { ok: false, error: t('expiredNoCopy') };
  }
  const filename = fileName(entry);
  try {
    const downloadId = await downloads.download({ url: copy ?? link, filename, conflictAction: 'uniquify', saveAs: false });
    if (copy) sources.local?.handedOver(copy, downloadId);
    // The bytes could not be read, so nothing went into the file: the story goes beside it.
    if (!copy && sources.sidecar) {
      await sources.sidecar(sidecarName(filename), sidecarJson(entry)).catch(() => undefined);
    }
    return { ok: true, downloadId, filename, ...(copy && { offline: true as const }) };
  } catch (error) {
    if (copy) sources.local?.handedOver(copy, undefined);
    return { ok: false, error: t('downloadNotStarted', error instanceof Error ? error.message : String(error)) };
  }
}

/** `dir/name.mp4` → `dir/name.json`. */
export function sidecarName(filename: string): string {
  return `${filename.replace(/\.[a-z0-9]{1,5}$/i, '')}.json`;
}
