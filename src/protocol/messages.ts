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
      /** The request body when the page sent a string (used for the model name only). */
      requestBody?: string;
    }
  /** Raw body bytes (fetch), or text the page already decoded (XHR, EventSource, WebSocket). */
  | { kind: 'chunk'; id: number; bytes: Uint8Array }
  | { kind: 'chunk'; id: number; text: string }
  | { kind: 'end'; id: number; outcome: StreamOutcome; error?: string };

/**
 * Content type of a copied WebSocket: no HTTP body exists, so the page world writes each
 * received text frame as one NDJSON line (the frame's text, JSON-encoded) and the stream is
 * read as NDJSON. Its `url` is the socket's, `ws:`/`wss:` mapped to `http:`/`https:` by the relay.
 */
export const WEBSOCKET_CONTENT_TYPE = 'application/x-video-keeper-websocket+ndjson';

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
}

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

export type RelayMessage = StreamOpen | StreamChunk | StreamEnd;

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
    request: { type: 'download-entry'; id: string };
    response: { ok: true; downloadId: number; filename: string } | { ok: false; error: string };
  };
}

export type BackgroundRequest = BackgroundRequests[keyof BackgroundRequests]['request'];
export type BackgroundRequestType = keyof BackgroundRequests;

/** Broadcast from the background to open extension pages when stored entries change. */
export interface EntriesChanged {
  type: 'entries-changed';
}
