import type { BackgroundRequests } from '../protocol/messages';
import type { VideoEntry } from '../store/video-entry';
import { parseHttpUrl } from '../extract/http-url';
import { videoFileName } from './file-name';
import { t } from '../i18n/t';

type DownloadResult = BackgroundRequests['download-entry']['response'];

/** The part of the downloads API used here. */
export interface DownloadsApi {
  download(options: { url: string; filename: string; conflictAction: 'uniquify'; saveAs: false }): Promise<number>;
}

/**
 * Downloads one stored video under its safe file name (`fileName`, e.g. the user's template
 * from src/settings; a path relative to the downloads folder); errors come back as text.
 */
export async function downloadEntry(
  entry: VideoEntry | undefined,
  downloads: DownloadsApi,
  fileName: (entry: VideoEntry) => string = videoFileName,
): Promise<DownloadResult> {
  if (!entry) return { ok: false, error: t('downloadGone') };
  const url = parseHttpUrl(entry.videoUrl);
  // `partial`: the answer broke after the link arrived; the link itself is what was kept.
  const downloadable = entry.status === 'done' || entry.status === 'partial';
  if (!downloadable || !url) return { ok: false, error: t('downloadNoLink') };
  const filename = fileName(entry);
  try {
    const downloadId = await downloads.download({ url, filename, conflictAction: 'uniquify', saveAs: false });
    return { ok: true, downloadId, filename };
  } catch (error) {
    return { ok: false, error: t('downloadNotStarted', error instanceof Error ? error.message : String(error)) };
  }
}
