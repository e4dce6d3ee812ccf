import type { BackgroundRequest, BackgroundRequests, BackgroundRequestType } from '../protocol/messages';

/** One async handler per named request; the map is the background's whole request API. */
export type RequestHandlers = {
  [T in BackgroundRequestType]: (
    request: BackgroundRequests[T]['request'],
  ) => Promise<BackgroundRequests[T]['response']>;
};

/**
 * Routes a runtime message to its named handler. Returns undefined (no answer) for
 * anything that is not a known request with a valid shape, so other listeners can answer.
 */
export function dispatchRequest(handlers: RequestHandlers, message: unknown): Promise<unknown> | undefined {
  const request = parseRequest(message);
  if (!request) return undefined;
  switch (request.type) {
    case 'download-entry':
      return handlers['download-entry'](request);
    case 'site-status':
      return handlers['site-status'](request);
    case 'enable-site':
      return handlers['enable-site'](request);
    case 'disable-site':
      return handlers['disable-site'](request);
    case 'list-sites':
      return handlers['list-sites'](request);
    case 'delete-entries':
      return handlers['delete-entries'](request);
    case 'restore-entries':
      return handlers['restore-entries'](request);
    case 'import-log':
      return handlers['import-log'](request);
    case 'clear-library':
      return handlers['clear-library'](request);
    case 'mark-seen':
      return handlers['mark-seen'](request);
    case 'keep-found-videos':
      return handlers['keep-found-videos'](request);
    case 'probe-video-links':
      return handlers['probe-video-links'](request);
    case 'list-video-apps':
      return handlers['list-video-apps'](request);
    case 'set-video-app':
      return handlers['set-video-app'](request);
    case 'capture-log':
      return handlers['capture-log'](request);
    case 'clear-capture-log':
      return handlers['clear-capture-log'](request);
  }
}

function parseRequest(message: unknown): BackgroundRequest | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const value = message as Record<string, unknown>;
  if (value.type === 'download-entry' && typeof value.id === 'string' && value.id.length <= 5000) {
    return { type: 'download-entry', id: value.id };
  }
  if (value.type === 'site-status' && isShortString(value.url)) return { type: 'site-status', url: value.url };
  if (value.type === 'enable-site' && isShortString(value.origin)) return { type: 'enable-site', origin: value.origin };
  if (value.type === 'disable-site' && isShortString(value.origin)) return { type: 'disable-site', origin: value.origin };
  if (value.type === 'list-sites') return { type: 'list-sites' };
  if (value.type === 'delete-entries' && isStringList(value.ids)) return { type: 'delete-entries', ids: value.ids };
  // Entries are validated one by one by the handler (src/store/parse-entry.ts).
  if (value.type === 'restore-entries' && Array.isArray(value.entries)) return { type: 'restore-entries', entries: value.entries as unknown[] };
  // The text's size is checked by the handler (src/library/import-captured-log.ts), which says why it refuses.
  if (value.type === 'import-log' && typeof value.text === 'string' && isShortString(value.fileName)) {
    return { type: 'import-log', text: value.text, fileName: value.fileName };
  }
  if (value.type === 'clear-library') return { type: 'clear-library' };
  if (value.type === 'mark-seen') return { type: 'mark-seen' };
  // The videos are validated one by one by the handler (src/page-scan/parse-page-scan.ts).
  if (value.type === 'keep-found-videos' && isShortString(value.pageUrl) && Array.isArray(value.videos)) {
    const title = isShortString(value.title) ? { title: value.title } : {};
    return { type: 'keep-found-videos', pageUrl: value.pageUrl, ...title, videos: value.videos as unknown[] };
  }
  if (value.type === 'probe-video-links' && isStringList(value.urls) && value.urls.length <= 50) {
    return { type: 'probe-video-links', urls: value.urls, ...(isShortString(value.pageUrl) ? { pageUrl: value.pageUrl } : {}) };
  }
  if (value.type === 'list-video-apps') return { type: 'list-video-apps' };
  if (value.type === 'set-video-app' && typeof value.name === 'string' && value.name.length <= 100 && typeof value.on === 'boolean') {
    return { type: 'set-video-app', name: value.name, on: value.on };
  }
  if (value.type === 'capture-log') return { type: 'capture-log' };
  if (value.type === 'clear-capture-log') return { type: 'clear-capture-log' };
  return undefined;
}

function isShortString(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 5000;
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.length <= 100_000 && value.every(isShortString);
}
