import type {
  BackgroundRequest,
  BackgroundRequests,
  BackgroundRequestType,
  EntriesChanged,
} from '../protocol/messages';
import { parseJournalRecords } from '../capture-log/capture-journal';
import { parseVideoEntry } from '../store/parse-entry';
import type { VideoEntry } from '../store/video-entry';
import { t } from '../i18n/t';

/** The response type of one named background request. */
export type BackgroundResponse<T extends BackgroundRequestType> = BackgroundRequests[T]['response'];

/** Sends a request to the background and resolves with its checked, typed response. */
export type SendToBackground = <R extends BackgroundRequest>(request: R) => Promise<BackgroundResponse<R['type']>>;

/** Why a request got no usable answer. */
export class BackgroundClientError extends Error {
  constructor(
    readonly type: 'send-failed' | 'no-response' | 'bad-response',
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'BackgroundClientError';
  }
}

type ResponseParsers = {
  [T in BackgroundRequestType]: (value: unknown) => BackgroundResponse<T> | undefined;
};

// Responses cross a process boundary as plain JSON: each is parsed once, here, into its type.
const responseParsers: ResponseParsers = {
  'download-entry'(value) {
    if (!isRecord(value)) return undefined;
    if (value.ok === true && typeof value.downloadId === 'number' && typeof value.filename === 'string') {
      return { ok: true, downloadId: value.downloadId, filename: value.filename };
    }
    if (value.ok === false && typeof value.error === 'string') return { ok: false, error: value.error };
    return undefined;
  },
  'site-status'(value) {
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
  'enable-site': parseOkResult,
  'disable-site': parseOkResult,
  'delete-entries'(value) {
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
  'restore-entries'(value) {
    if (!isRecord(value)) return undefined;
    if (value.ok === true && typeof value.restored === 'number' && typeof value.skipped === 'number') {
      return { ok: true, restored: value.restored, skipped: value.skipped };
    }
    return value.ok === false && typeof value.error === 'string' ? { ok: false, error: value.error } : undefined;
  },
  'import-log'(value) {
    if (!isRecord(value)) return undefined;
    if (value.ok === false && typeof value.error === 'string') return { ok: false, error: value.error };
    if (value.ok !== true || typeof value.streams !== 'number' || typeof value.videos !== 'number') return undefined;
    const chats = isRecord(value.chats) && typeof value.chats.app === 'string' && typeof value.chats.count === 'number' ? { chats: { app: value.chats.app, count: value.chats.count } } : {};
    return { ok: true, streams: value.streams, videos: value.videos, ...chats };
  },
  'clear-library'(value) {
    if (!isRecord(value)) return undefined;
    if (value.ok === true && typeof value.removed === 'number') return { ok: true, removed: value.removed };
    return value.ok === false && typeof value.error === 'string' ? { ok: false, error: value.error } : undefined;
  },
  'mark-seen'(value) {
    return isRecord(value) && value.ok === true ? { ok: true } : undefined;
  },
  'keep-found-videos'(value) {
    if (!isRecord(value)) return undefined;
    if (value.ok === true && typeof value.added === 'number' && typeof value.kept === 'number') {
      return { ok: true, added: value.added, kept: value.kept };
    }
    return value.ok === false && typeof value.error === 'string' ? { ok: false, error: value.error } : undefined;
  },
  'probe-video-links'(value) {
    if (!isRecord(value) || !Array.isArray(value.verdicts)) return undefined;
    const verdicts = value.verdicts.filter((item): item is 'video' | 'not-video' | 'unknown' => item === 'video' || item === 'not-video' || item === 'unknown');
    return verdicts.length === value.verdicts.length ? { verdicts } : undefined;
  },
  'list-video-apps'(value) {
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
  'set-video-app': parseOkResult,
  'capture-log'(value) {
    if (!isRecord(value)) return undefined;
    return { records: parseJournalRecords(value.records) };
  },
  'clear-capture-log'(value) {
    return isRecord(value) && value.ok === true ? { ok: true } : undefined;
  },
  'list-sites'(value) {
    if (!isRecord(value) || !Array.isArray(value.origins)) return undefined;
    const origins = value.origins.filter((origin): origin is string => typeof origin === 'string');
    return origins.length === value.origins.length ? { origins } : undefined;
  },
};

function parseOkResult(value: unknown): { ok: true } | { ok: false; error: string } | undefined {
  if (!isRecord(value)) return undefined;
  if (value.ok === true) return { ok: true };
  if (value.ok === false && typeof value.error === 'string') return { ok: false, error: value.error };
  return undefined;
}

/**
 * Builds `sendToBackground` over `runtime.sendMessage` (passed in, so this module has no
 * `browser` import and tests need no extension). Rejects with a `BackgroundClientError`.
 */
export function createBackgroundSender(sendMessage: (message: unknown) => Promise<unknown>): SendToBackground {
  return async (request) => {
    let value: unknown;
    try {
      value = await sendMessage(request);
    } catch (error) {
      // Chrome: "Could not establish connection. Receiving end does not exist." while the
      // service worker is being replaced after an update.
      throw new BackgroundClientError('send-failed', t('backgroundNoAnswer', errorText(error)), { cause: error });
    }
    if (value === undefined) {
      throw new BackgroundClientError('no-response', t('backgroundNoResponse', request.type));
    }
    const response = responseParsers[request.type](value);
    if (response === undefined) {
      throw new BackgroundClientError('bad-response', t('backgroundBadResponse', request.type));
    }
    return response;
  };
}

/** Whether a runtime message is the background's "stored entries changed" broadcast. */
export function isEntriesChanged(message: unknown): message is EntriesChanged {
  return isRecord(message) && message.type === 'entries-changed';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
