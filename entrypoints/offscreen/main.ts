import { browser } from 'wxt/browser';
import { serveObjectUrls } from '../../src/offline/offscreen-urls';
import { parseOffscreenRequest } from '../../src/protocol/offscreen-requests';
import { createDocumentUrlBackend } from '../../src/download/local-copy-source';
import { createStoryFileSource } from '../../src/offline/story-file-source';
import { createVideoDbConnection } from '../../src/store/video-db';

// Chrome's service worker cannot make blob: URLs; this document makes them for it (see
// src/offline/offscreen-urls.ts) and is closed once no download reads one.
const serve = serveObjectUrls(createDocumentUrlBackend(createStoryFileSource(createVideoDbConnection(), (url, init) => fetch(url, init)), URL));

// webextension-polyfill: a listener answers by returning a promise, or ignores with undefined.
// eslint-disable-next-line @typescript-eslint/no-misused-promises
browser.runtime.onMessage.addListener((message: unknown, sender): Promise<unknown> | undefined => {
  if (sender.id !== browser.runtime.id) return undefined;
  const request = parseOffscreenRequest(message);
  return request ? serve(request) : undefined;
});
