/**
 * The one message protocol of the extension, for every hop:
 *
 *   page world (interceptor) --MessagePort--> isolated world (relay)
 *   relay --runtime Port "capture"--> background
 *   popup --runtime.sendMessage--> background (named handlers)
 *   background --runtime.sendMessage--> popup (broadcasts)
 *
 * Types only plus a few constants, so the tiny page-world script can import it for free.
 */

import type { VideoEntry } from '../store/video-entry';

// ---------------------------------------------------------------- page world -> relay

/**
 * Event types of the handshake that hands the relay its private MessagePort. Both scripts
 * run at `document_start`, before any page script, in an order Chrome does not promise:
 * the page world dispatches PORT at start and again on ASK; the relay listens for PORT and
 * dispatches ASK at start. Both dispatches are synchronous, so no page script can sit in
 * between; the relay answers `PAGE_READY` over the port and the page world stops listening.
 */
export const PAGE_PORT_EVENT = 'video-keeper:port';
export const PAGE_ASK_EVENT = 'video-keeper:ask';
export const PAGE_READY = 'ready';

/** How a copied body ended, as seen by the page-world reader. */
export type StreamOutcome = 'complete' | 'error' | 'aborted' | 'truncated';

/** Sent over the private MessagePort, from the page world to the relay. Untrusted there. */
export type PageMessage =
  | {
      kind: 'open';
      id: number;
      /** `Response.url` / `responseURL` (after redirects), `EventSource.url` or `WebSocket.url`. */
      url: string;
      contentType: string;
      /** The request body when the page sent a string (the model name; a video app's prompt). */
      requestBody?: string;
      /** The request method, upper case, when it is not `GET`. */
      method?: string;
    }
  /** Raw body bytes (fetch), or text the page already decoded (XHR, EventSource, WebSocket). */
  | { kind: 'chunk'; id: number; bytes: Uint8Array<ArrayBuffer> }
  | { kind: 'chunk'; id: number; text: string }
  | { kind: 'end'; id: number; outcome: StreamOutcome; error?: string };

/**
 * Content type of a copied WebSocket: no HTTP body exists, so the page world writes each
 * received text frame as one NDJSON line (the frame's text, JSON-encoded) and the stream is
 * read as NDJSON. Its `url` is the socket's, `ws:`/`wss:` mapped to `http:`/`https:` by the relay.
 */
export const WEBSOCKET_CONTENT_TYPE = 'application/x-video-keeper-websocket+ndjson';

/**
 * Content type of a reported redirect (src/capture/media-redirect.ts): a bodiless stream whose
 * `url` is the final URL of the redirected response and whose `requestBody` is the URL the page
 * asked for (a GET sends no body). The bytes behind the final URL are never copied; the
 * background reads the report as the JSON string of the final URL, answered by the endpoint the
 * page called (src/background/redirect-report.ts).
 */
/** Renditions a download request may name: the video (0) and the first alternates (src/download/rendition-download.ts). */
export const MAX_RENDITION = 16;

/** Whether a request's `rendition` is one a download may name. */
export function isRenditionNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_RENDITION;
}

export const REDIRECT_CONTENT_TYPE = 'application/x-video-keeper-redirect';

// ---------------------------------------------------------------- relay <-> background

/** Name of the runtime Port each frame's relay opens to the background. */
export const CAPTURE_PORT_NAME = 'capture';

/** Metadata of one captured response stream, as the relay forwards it. */
export interface StreamOpen {
  type: 'stream-open';
  /** Unique across frames and reloads (relay nonce + page stream number). */
  streamId: string;
  endpointUrl: string;
  contentType: string;
  /** Epoch ms when the relay saw the stream open. */
  startedAt: number;
  /** `model` of the JSON request body, when there was one. */
  requestModel?: string;
  /** The request method when it was not `GET` (video apps' endpoints are told apart by it). */
  method?: string;
  /**
   * The request body (at most `MAX_REQUEST_BODY` characters), when the page sent a string: video
   * apps put the prompt and the input image only there (src/sites/extractors/).
   */
  requestBody?: string;
}

/** Longest request body the page world, the relay and the background pass on. */
export const MAX_REQUEST_BODY = 64 * 1024;

export interface StreamChunk {
  type: 'stream-chunk';
  streamId: string;
  /** 0, 1, 2 … per stream; the background processes each once and in order. */
  seq: number;
  text: string;
}

export interface StreamEnd {
  type: 'stream-end';
  streamId: string;
  /** Number of chunks sent before this end (so the background can tell if it missed some). */
  chunks: number;
  outcome: StreamOutcome;
  error?: string;
}

/**
 * A batch of the body as a Blob, when the runtime Port uses structured clone messaging (see
 * `carriesBlobs`): UTF-8, the page's bytes as read (fetch) or its text encoded (XHR,
 * EventSource, WebSocket). A Blob crosses to the background as a handle, its bytes are read
 * there off the page's thread (docs/benchmarks.md). Numbered with the stream's text chunks; the
 * background reads them in order and decodes them as one UTF-8 stream, so a batch may end
 * inside a character.
 */
export interface StreamBlob {
  type: 'stream-blob';
  streamId: string;
  seq: number;
  blob: Blob;
}

export type RelayMessage = StreamOpen | StreamChunk | StreamBlob | StreamEnd;

/**
 * Background -> relay. `stream-closed`: the stream is fully processed and stored, the relay
 * may forget it. `stream-replay`: the background lost the stream's state (worker restart),
 * the relay resends it from the start; processing is idempotent.
 */
export type BackgroundToRelayMessage =
  | { type: 'stream-closed'; streamId: string }
  | { type: 'stream-replay'; streamId: string };

// ---------------------------------------------------------------- popup <-> background

/** Requests extension pages send to the background, by name, with their responses. */
export interface BackgroundRequests {
  'download-entry': {
    /** `rendition`: 0 (or absent) the video, n its `alternates[n - 1]` (src/download/rendition-download.ts). */
    request: { type: 'download-entry'; id: string; rendition?: number };
    /** `offline`: the kept copy was downloaded, not the link. */
    response: { ok: true; downloadId: number; filename: string; offline?: true } | { ok: false; error: string };
  };
  /** Whether capture is on for the page at `url` (the popup's current tab). */
  'site-status': {
    request: { type: 'site-status'; url: string };
    response: SiteStatus;
  };
  /** Registers the capture scripts for `origin`; the page asked for its host permission first. */
  'enable-site': {
    request: { type: 'enable-site'; origin: string };
    response: { ok: true } | { ok: false; error: string };
  };
  /** Unregisters the capture scripts of `origin` and gives its host permission back. */
  'disable-site': {
    request: { type: 'disable-site'; origin: string };
    response: { ok: true } | { ok: false; error: string };
  };
  /** Deletes entries; answers with the deleted ones, which `restore-entries` can put back (undo). */
  'delete-entries': {
    request: { type: 'delete-entries'; ids: string[] };
    response: { ok: true; removed: VideoEntry[] } | { ok: false; error: string };
  };
  /** Puts whole entries back (undo of a delete, import of a library file); each is validated. */
  'restore-entries': {
    request: { type: 'restore-entries'; entries: unknown[] };
    response: { ok: true; restored: number; skipped: number } | { ok: false; error: string };
  };
  /**
   * Reads a file the user kept (a chat app's history export, a saved stream, a HAR) as a live
   * capture reads, and stores what it finds through the background's one write queue.
   */
  'import-log': {
    request: { type: 'import-log'; text: string; fileName: string };
    response: { ok: true; streams: number; videos: number; chats?: { app: string; count: number } } | { ok: false; error: string };
  };
  /** Deletes every entry. */
  'clear-library': {
    request: { type: 'clear-library' };
    response: { ok: true; removed: number } | { ok: false; error: string };
  };
  /** The popup was opened: the badge's count of new videos starts again from now. */
  'mark-seen': {
    request: { type: 'mark-seen' };
    response: { ok: true };
  };
  /** The sites the user enabled (the default ones are not listed). */
  'list-sites': {
    request: { type: 'list-sites' };
    response: { origins: string[] };
  };
  /**
   * Keeps videos the popup found on the user's tab (src/page-scan): each is validated again
   * (`parseKeptVideos`); `added` counts the ones the library did not hold yet.
   */
  'keep-found-videos': {
    request: { type: 'keep-found-videos'; pageUrl: string; title?: string; videos: unknown[] };
    response: { ok: true; added: number; kept: number } | { ok: false; error: string };
  };
  /** HEAD checks, by the extension, of links only a label calls a video; one verdict per URL. */
  'probe-video-links': {
    /** `pageUrl`: the scanned tab's, so links on local addresses are only probed for a local page. */
    request: { type: 'probe-video-links'; urls: string[]; pageUrl?: string };
    response: { verdicts: Array<'video' | 'not-video' | 'unknown'> };
  };
  /** The video apps captured out of the box, each with its switch (options page). */
  'list-video-apps': {
    request: { type: 'list-video-apps' };
    response: { apps: { name: string; label: string; hosts: readonly string[]; on: boolean }[] };
  };
  /** Switches capture on one video app on or off. */
  'set-video-app': {
    request: { type: 'set-video-app'; name: string; on: boolean };
    response: { ok: true } | { ok: false; error: string };
  };
  /** The capture log: the last responses looked at, newest first (metadata only). */
  'capture-log': {
    request: { type: 'capture-log' };
    response: { records: CaptureLogRecord[] };
  };
  'clear-capture-log': {
    request: { type: 'clear-capture-log' };
    response: { ok: true };
  };
}

/** One line of the capture log (src/capture-log/capture-journal.ts): metadata only, never a body or a query. */
export interface CaptureLogRecord {
  /** Epoch ms when the response opened. */
  at: number;
  /** The page's origin. */
  site: string;
  /** The endpoint's host and path, without query or fragment. */
  path: string;
  method: string;
  /** The content type, without parameters. */
  type: string;
  /** Characters read so far. */
  size: number;
  /** The dialect, or `extractor/endpoint`, that read it. */
  handledBy?: string;
  /** Videos or tasks found. */
  found: number;
  /** Of `found`, the tasks the generic task reader kept because no extractor could read them. */
  generic?: number;
  /**
   * `open`: still streaming; `found`: a dialect or extractor found videos or tasks; `nothing`:
   * read, no video in it; `skipped`: nothing understood it (unknown framing, dialect or shape).
   */
  outcome: 'open' | 'found' | 'nothing' | 'skipped';
  /** How the transport ended (`complete`, `aborted`…), once it has. */
  ended?: string;
  /** Types of the issues logged for it (`unknown-shape`, `not-json`…), each once. */
  issues: string[];
}

/** Where a page stands, as `site-status` answers (see src/sites/site-access.ts). */
export type SiteStatus =
  /** Not an http(s) page (a new tab, `chrome://`, a file): nothing to capture. */
  | { state: 'unsupported' }
  /** One of the sites of src/sites/capture-sites.ts: always on, declared in the manifest. */
  | { state: 'default'; origin: string }
  /** Enabled by the user: its scripts are registered. */
  | { state: 'enabled'; origin: string }
  /** Off; enabling asks for the host permission `pattern`. */
  | { state: 'disabled'; origin: string; pattern: string }
  /** A video app captured out of the box, switched off by the user in the options. */
  | { state: 'switched-off'; origin: string; app: string };

export type BackgroundRequest = BackgroundRequests[keyof BackgroundRequests]['request'];
export type BackgroundRequestType = keyof BackgroundRequests;

/** What a download request answers: the download's id and file name, or why it did not start. */
export type DownloadResult = BackgroundRequests['download-entry']['response'];

// ---------------------------------------------------------------- background -> offscreen (Chrome)

/**
 * Chrome's background is a service worker, which has no `URL.createObjectURL`; the offscreen
 * document (entrypoints/offscreen) makes the `blob:` URLs a kept copy is downloaded from.
 * Every other extension page ignores these.
 */
export type OffscreenRequest =
  /** Answered with `{ url }`, or `{ url: undefined }` when no copy of `id` is kept. */
  | { type: 'offscreen-object-url'; id: string; embed?: boolean; fetch?: boolean }
  /** Answered with `{ ok: true }`. */
  | { type: 'offscreen-revoke'; url: string };

/** Broadcast from the background to open extension pages when stored entries change. */
export interface EntriesChanged {
  type: 'entries-changed';
}
