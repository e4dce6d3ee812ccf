import { createDocumentUrlBackend, createLocalCopyDownloads, type LocalCopyDownloads } from '../download/local-copy-source';
import type { StoryFileOptions } from '../download/story-file';
import { createOffscreenUrlBackend, type OffscreenApi } from '../offline/offscreen-urls';
import type { OffscreenRequest } from '../protocol/messages';

/**
 * Downloads of kept copies, from blob: URLs: Firefox's background is a page that makes them
 * itself; Chrome's is a service worker without `URL.createObjectURL`, so its offscreen document
 * makes them, opened only for an entry with a kept copy or one to fetch. Undefined where neither exists.
 */
export function createLocalCopies(deps: {
  /** The file a download saves, where this context makes the URLs (src/offline/story-file-source.ts). */
  video(id: string, options?: StoryFileOptions): Promise<Blob | undefined>;
  /** Whether entry `id` has a kept copy. */
  hasCopy(id: string): Promise<boolean>;
  /** `URL` where the context has documents' object URLs. */
  urls?: { createObjectURL(blob: Blob): string; revokeObjectURL(url: string): void };
  offscreen?: OffscreenApi;
  send(request: OffscreenRequest): Promise<unknown>;
  documentUrl: string;
  log(message: string): void;
}): LocalCopyDownloads | undefined {
  const backend = deps.urls
    ? createDocumentUrlBackend((id, options) => deps.video(id, options), deps.urls)
    : deps.offscreen &&
      createOffscreenUrlBackend({
        offscreen: deps.offscreen,
        send: (request) => deps.send(request),
        documentUrl: deps.documentUrl,
        hasCopy: (id) => deps.hasCopy(id),
      });
  return backend && createLocalCopyDownloads(backend, (message) => deps.log(message));
}
