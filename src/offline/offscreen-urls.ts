import type { OffscreenRequest } from '../protocol/messages';
import { OFFSCREEN_REQUESTS } from '../protocol/offscreen-requests';
import type { ObjectUrlBackend } from '../download/local-copy-source';

/** A `blob:` URL left unrevoked this long is revoked anyway (its worker died before saying so). */
export const ORPHAN_URL_MS = 10 * 60_000;

/** The offscreen document's side: answers requests with the document's own backend. */
export function serveObjectUrls(
  backend: ObjectUrlBackend,
  timers: { setTimeout(run: () => void, ms: number): unknown } = globalThis,
): (request: OffscreenRequest) => Promise<{ url: string | undefined } | { ok: true }> {
  return async (request) => {
    if (request.type === 'offscreen-revoke') {
      await backend.revoke(request.url);
      return { ok: true };
    }
    const url = await backend.create(request.id, { embed: request.embed === true, fetch: request.fetch === true });
    if (url) timers.setTimeout(() => void backend.revoke(url), ORPHAN_URL_MS);
    return { url };
  };
}

/** The part of `chrome.offscreen` used here. */
export interface OffscreenApi {
  createDocument(options: { url: string; reasons: string[]; justification: string }): Promise<void>;
  closeDocument(): Promise<void>;
}

/**
 * The service worker's side (Chrome): asks the offscreen document for URLs, creating it only for
 * an entry with a kept copy (`hasCopy`) or one it is to fetch, and closing it once no URL it made
 * is in use (every one revoked, or none made), so no page stays open for nothing.
 */
export function createOffscreenUrlBackend(apis: {
  offscreen: OffscreenApi;
  send(request: OffscreenRequest): Promise<unknown>;
  documentUrl: string;
  /** Whether entry `id` has a kept copy; default: ask the document. */
  hasCopy?: (id: string) => Promise<boolean>;
}): ObjectUrlBackend {
  let open: Promise<void> | undefined;
  let outstanding = 0;
  const ensureDocument = (): Promise<void> => {
    open ??= apis.offscreen
      .createDocument({
        url: apis.documentUrl,
        reasons: ['BLOBS'],
        justification: 'Make blob: URLs of the offline copies of videos, so they can be downloaded.',
      })
      .catch((error: unknown) => {
        // Left open by an earlier worker of this extension: it answers all the same.
        if (!/single offscreen|only one|already/i.test(String(error))) {
          open = undefined;
          throw error;
        }
      });
    return open;
  };
  const closeIfUnused = async (): Promise<void> => {
    if (outstanding > 0 || !open) return;
    open = undefined;
    await apis.offscreen.closeDocument().catch(() => {});
  };
  return {
    async create(id, options) {
      // Without a copy the document has nothing to give, unless it is to fetch the video itself
      // (a granted media host, to write the story into the file).
      if (!options?.fetch && apis.hasCopy && !(await apis.hasCopy(id).catch(() => true))) return undefined;
      // Counted from the start, so a revoke meanwhile does not close the document under it.
      outstanding += 1;
      let url: string | undefined;
      try {
        await ensureDocument();
        const request: OffscreenRequest = { type: 'offscreen-object-url', id, ...(options?.embed && { embed: true }), ...(options?.fetch && { fetch: true }) };
        url = OFFSCREEN_REQUESTS['offscreen-object-url'].response(await apis.send(request))?.url;
        return url;
      } finally {
        if (!url) {
          outstanding -= 1;
          await closeIfUnused();
        }
      }
    },
    async revoke(url) {
      await apis.send({ type: 'offscreen-revoke', url });
      outstanding = Math.max(0, outstanding - 1);
      await closeIfUnused();
    },
  };
}
