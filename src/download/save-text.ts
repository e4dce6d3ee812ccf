import type { DownloadsApi } from './download-entry';

/** A `blob:` URL made for a text download lives this long (the file is a few KB: saved at once). */
const TEXT_URL_MS = 60_000;

/**
 * Saves `text` as `filename` under the downloads folder: from a `blob:` URL where the context
 * can make one (Firefox's background page: its downloads refuse `data:` URLs), else from a
 * `data:` URL (Chrome's service worker has no `URL.createObjectURL`).
 */
export async function saveTextFile(
  downloads: DownloadsApi,
  filename: string,
  text: string,
  urls?: { createObjectURL(blob: Blob): string; revokeObjectURL(url: string): void },
): Promise<number> {
  const type = 'application/json;charset=utf-8';
  const url = urls ? urls.createObjectURL(new Blob([text], { type })) : `data:${type},${encodeURIComponent(text)}`;
  try {
    return await downloads.download({ url, filename, conflictAction: 'uniquify', saveAs: false });
  } finally {
    if (urls) setTimeout(() => urls.revokeObjectURL(url), TEXT_URL_MS);
  }
}
