import { parseCaptureLogRecords } from './capture-log-records';
import { isRenditionNumber, type BackgroundRequest, type BackgroundRequests, type BackgroundRequestType } from './messages';
import { parseVideoEntry } from '../store/parse-entry';
import type { VideoEntry } from '../store/video-entry';

/** The response type of one named background request. */
export type BackgroundResponse<T extends BackgroundRequestType> = BackgroundRequests[T]['response'];

/**
 * One background request, described once: how the background reads it from a runtime message
 * (`request`: undefined for a bad shape, so the message is not answered) and how a page reads
 * its answer (`response`: undefined for a bad one). Requests and answers cross a process
 * boundary as plain JSON; both sides read them through this table
 * (src/background/request-handlers.ts, src/gallery/background-client.ts).
 */
export interface RequestDescription<T extends BackgroundRequestType> {
  request: (value: Record<string, unknown>) => BackgroundRequests[T]['request'] | undefined;
  response: (value: unknown) => BackgroundResponse<T> | undefined;
}

export const BACKGROUND_REQUESTS: { [T in BackgroundRequestType]: RequestDescription<T> } = {
  'download-entry': {
    request: (value) =>
      typeof value.id === 'string' && value.id.length <= 5000
        ? { type: 'download-entry', id: value.id, ...(isRenditionNumber(value.rendition) && value.rendition > 0 ? { rendition: value.rendition } : {}) }
        : undefined,
    response(value) {
      if (!isRecord(value)) return undefined;
      if (value.ok === true && typeof value.downloadId === 'number' && typeof value.filename === 'string') {
        return { ok: true, downloadId: value.downloadId, filename: value.filename };
      }
      if (value.ok === false && typeof value.error === 'string') return { ok: false, error: value.error };
      return undefined;
    },
  },
  'site-status': {
    request: (value) => (isShortString(value.url) ? { type: 'site-status', url: value.url } : undefined),
    response(value) {
      if (!isRecord(value)) return undefined;
      if (value.state === 'unsupported') return { state: 'unsupported' };
      if (typeof value.origin !== 'string') return undefined;
      if (value.state === 'default' || value.state === 'enabled') return { state: value.state, origin: value.origin };
      if (value.state === 'disabled' && typeof value.pattern === 'string') {
        return { state: 'disabled', origin: value.origin, pattern: value.pattern };
      }
      if (value.state === 'switched-off' && typeof value.app === 'string') {
        return { state: 'switched-off', origin: value.origin, app: value.app };
      }
      return undefined;
    },
  },
  'enable-site': {
    request: (value) => (isShortString(value.origin) ? { type: 'enable-site', origin: value.origin } : undefined),
    response: parseOkResult,
  },
  'disable-site': {
    request: (value) => (isShortString(value.origin) ? { type: 'disable-site', origin: value.origin } : undefined),
    response: parseOkResult,
  },
  'list-sites': {
    request: () => ({ type: 'list-sites' }),
    response(value) {
      if (!isRecord(value) || !Array.isArray(value.origins)) return undefined;
      const origins = value.origins.filter((origin): origin is string => typeof origin === 'string');
      return origins.length === value.origins.length ? { origins } : undefined;
    },
  },
  'delete-entries': {
    request: (value) => (isStringList(value.ids) ? { type: 'delete-entries', ids: value.ids } : undefined),
    response(value) {
      if (!isRecord(value)) return undefined;
      if (value.ok === false && typeof value.error === 'string') return { ok: false, error: value.error };
      if (value.ok !== true || !Array.isArray(value.removed)) return undefined;
      const removed: VideoEntry[] = [];
      for (const item of value.removed as unknown[]) {
        const parsed = parseVideoEntry(item);
        if (!parsed.ok) return undefined;
        removed.push(parsed.entry);
      }
      return { ok: true, removed };
    },
  },
  'restore-entries': {
    // Entries are validated one by one by the handler (src/store/parse-entry.ts).
    request: (value) => (Array.isArray(value.entries) ? { type: 'restore-entries', entries: value.entries as unknown[] } : undefined),
    response: (value) => parseCounts(value, ['restored', 'skipped']),
  },
  'import-log': {
    // The text's size is checked by the handler (src/library/import-captured-log.ts), which says why it refuses.
    request: (value) =>
      typeof value.text === 'string' && isShortString(value.fileName) ? { type: 'import-log', text: value.text, fileName: value.fileName } : undefined,
    response(value) {
      if (!isRecord(value)) return undefined;
      if (value.ok === false && typeof value.error === 'string') return { ok: false, error: value.error };
      if (value.ok !== true || typeof value.streams !== 'number' || typeof value.videos !== 'number') return undefined;
      const chats = isRecord(value.chats) && typeof value.chats.app === 'string' && typeof value.chats.count === 'number' ? { chats: { app: value.chats.app, count: value.chats.count } } : {};
      return { ok: true, streams: value.streams, videos: value.videos, ...chats };
    },
  },
  'clear-library': {
    request: () => ({ type: 'clear-library' }),
    response: (value) => parseCounts(value, ['removed']),
  },
  'mark-seen': {
    request: () => ({ type: 'mark-seen' }),
    response(value) {
      return isRecord(value) && value.ok === true ? { ok: true } : undefined;
    },
  },
  'keep-found-videos': {
    // The videos are validated one by one by the handler (src/page-scan/parse-page-scan.ts).
    request: (value) =>
      isShortString(value.pageUrl) && Array.isArray(value.videos)
        ? { type: 'keep-found-videos', pageUrl: value.pageUrl, ...(isShortString(value.title) ? { title: value.title } : {}), videos: value.videos as unknown[] }
        : undefined,
    response: (value) => parseCounts(value, ['added', 'kept']),
  },
  'probe-video-links': {
    request: (value) =>
      isStringList(value.urls) && value.urls.length <= 50
        ? { type: 'probe-video-links', urls: value.urls, ...(isShortString(value.pageUrl) ? { pageUrl: value.pageUrl } : {}) }
        : undefined,
    response(value) {
      if (!isRecord(value) || !Array.isArray(value.verdicts)) return undefined;
      const verdicts = value.verdicts.filter((item): item is 'video' | 'not-video' | 'unknown' => item === 'video' || item === 'not-video' || item === 'unknown');
      return verdicts.length === value.verdicts.length ? { verdicts } : undefined;
    },
  },
  'list-video-apps': {
    request: () => ({ type: 'list-video-apps' }),
    response(value) {
      if (!isRecord(value) || !Array.isArray(value.apps)) return undefined;
      const apps = (value.apps as unknown[]).filter(
        (app): app is { name: string; label: string; hosts: string[]; on: boolean } =>
          isRecord(app) &&
          typeof app.name === 'string' &&
          typeof app.label === 'string' &&
          typeof app.on === 'boolean' &&
          Array.isArray(app.hosts) &&
          app.hosts.every((host) => typeof host === 'string'),
      );
      return apps.length === value.apps.length ? { apps } : undefined;
    },
  },
  'set-video-app': {
    request: (value) =>
      typeof value.name === 'string' && value.name.length <= 100 && typeof value.on === 'boolean' ? { type: 'set-video-app', name: value.name, on: value.on } : undefined,
    response: parseOkResult,
  },
  'capture-log': {
    request: () => ({ type: 'capture-log' }),
    response(value) {
      if (!isRecord(value)) return undefined;
      return { records: parseCaptureLogRecords(value.records) };
    },
  },
  'clear-capture-log': {
    request: () => ({ type: 'clear-capture-log' }),
    response(value) {
      return isRecord(value) && value.ok === true ? { ok: true } : undefined;
    },
  },
};

/** A runtime message as the background request it is, or undefined for anything else. */
export function parseBackgroundRequest(message: unknown): BackgroundRequest | undefined {
  if (!isRecord(message) || typeof message.type !== 'string' || !Object.hasOwn(BACKGROUND_REQUESTS, message.type)) return undefined;
  return BACKGROUND_REQUESTS[message.type as BackgroundRequestType].request(message);
}

/** An answer that is `ok` with these counts, or an error; undefined for any other shape. */
function parseCounts<K extends string>(value: unknown, counts: readonly K[]): ({ ok: true } & Record<K, number>) | { ok: false; error: string } | undefined {
  if (!isRecord(value)) return undefined;
  if (value.ok === false && typeof value.error === 'string') return { ok: false, error: value.error };
  if (value.ok !== true || !counts.every((name) => typeof value[name] === 'number')) return undefined;
  return Object.fromEntries([['ok', true], ...counts.map((name) => [name, value[name]])]) as { ok: true } & Record<K, number>;
}

function parseOkResult(value: unknown): { ok: true } | { ok: false; error: string } | undefined {
  if (!isRecord(value)) return undefined;
  if (value.ok === true) return { ok: true };
  if (value.ok === false && typeof value.error === 'string') return { ok: false, error: value.error };
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isShortString(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 5000;
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.length <= 100_000 && value.every(isShortString);
}
