import { browser } from 'wxt/browser';
import { parseOffscreenRequest, serveObjectUrls } from '../../src/offline/offscreen-urls';
import { createOfflineCopies, keptCopy } from '../../src/offline/offline-copies';
import { createDocumentUrlBackend } from '../../src/download/local-copy-source';
import { createVideoDbConnection } from '../../src/store/video-db';

// Chrome's service worker cannot make blob: URLs; this document makes them for it (see
// src/offline/offscreen-urls.ts) and is closed once no download reads one.
const copies = createOfflineCopies(createVideoDbConnection());
const serve = serveObjectUrls(createDocumentUrlBackend(async (id) => keptCopy(await copies.get(id))?.video, URL));

// webextension-polyfill: a listener answers by returning a promise, or ignores with undefined.
// eslint-disable-next-line @typescript-eslint/no-misused-promises
browser.runtime.onMessage.addListener((message: unknown, sender): Promise<unknown> | undefined => {
  if (sender.id !== browser.runtime.id) return undefined;
  const request = parseOffscreenRequest(message);
  return request ? serve(request) : undefined;
});
