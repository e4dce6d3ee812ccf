import { createDocumentUrlBackend, createLocalCopyDownloads, type LocalCopyDownloads } from '../download/local-copy-source';
import { createOffscreenUrlBackend, type OffscreenApi } from '../offline/offscreen-urls';
import type { OffscreenRequest } from '../protocol/messages';

/**
 * Downloads of kept copies, from blob: URLs: Firefox's background is a page that makes them
 * itself; Chrome's is a service worker without `URL.createObjectURL`, so its offscreen document
 * makes them, opened only for an entry with a kept copy. Undefined where neither exists.
 */
export function createLocalCopies(deps: {
  keptVideo(id: string): Promise<Blob | undefined>;
  /** `URL` where the context has documents' object URLs. */
  urls?: { createObjectURL(blob: Blob): string; revokeObjectURL(url: string): void };
  offscreen?: OffscreenApi;
  send(request: OffscreenRequest): Promise<unknown>;
  documentUrl: string;
  log(message: string): void;
}): LocalCopyDownloads | undefined {
  const backend = deps.urls
    ? createDocumentUrlBackend((id) => deps.keptVideo(id), deps.urls)
    : deps.offscreen &&
      createOffscreenUrlBackend({
        offscreen: deps.offscreen,
        send: (request) => deps.send(request),
        documentUrl: deps.documentUrl,
        hasCopy: async (id) => (await deps.keptVideo(id)) !== undefined,
      });
  return backend && createLocalCopyDownloads(backend, (message) => deps.log(message));
}
