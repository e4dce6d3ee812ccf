import type { StoryFileOptions } from '../download/story-file';

/** Makes and revokes `blob:` URLs of kept videos: in a document, or in Chrome's offscreen one. */
export interface ObjectUrlBackend {
  /** A URL of the video of entry `id` (its kept copy, with its story written in: `options`), or undefined when none can be had. */
  create(id: string, options?: StoryFileOptions): Promise<string | undefined>;
  revoke(url: string): Promise<void>;
}

/** What `downloadEntry` needs to download an entry's kept copy instead of its link. */
export interface LocalCopySource {
  open(id: string, options?: StoryFileOptions): Promise<string | undefined>;
  /** The download of `url` started as `downloadId`, or did not start (`undefined`). */
  handedOver(url: string, downloadId: number | undefined): void;
}

export interface LocalCopyDownloads extends LocalCopySource {
  /** Feed `downloads.onChanged`: a finished download's URL is revoked. */
  downloadChanged(delta: { id: number; state?: { current?: string } }): void;
}

/**
 * Downloads of kept copies: a `blob:` URL lives until the browser has finished (or given up on)
 * the download that reads it, then it is revoked so the Blob can be freed.
 */
export function createLocalCopyDownloads(backend: ObjectUrlBackend, log: (message: string) => void): LocalCopyDownloads {
  const running = new Map<number, string>();
  const revoke = (url: string): void => {
    backend.revoke(url).catch((error: unknown) => log(`could not revoke ${url}: ${String(error)}`));
  };
  return {
    open: (id, options) => backend.create(id, options),
    handedOver(url, downloadId) {
      if (downloadId === undefined) revoke(url);
      else running.set(downloadId, url);
    },
    downloadChanged(delta) {
      const url = running.get(delta.id);
      const state = delta.state?.current;
      if (url === undefined || (state !== 'complete' && state !== 'interrupted')) return;
      running.delete(delta.id);
      revoke(url);
    },
  };
}

/** The backend of a context that has documents' `URL.createObjectURL` (Firefox's background page, the offscreen document). */
export function createDocumentUrlBackend(
  video: (id: string, options?: StoryFileOptions) => Promise<Blob | undefined>,
  urls: { createObjectURL(blob: Blob): string; revokeObjectURL(url: string): void },
): ObjectUrlBackend {
  return {
    async create(id, options) {
      const blob = await video(id, options);
      return blob ? urls.createObjectURL(blob) : undefined;
    },
    revoke(url) {
      urls.revokeObjectURL(url);
      return Promise.resolve();
    },
  };
}
