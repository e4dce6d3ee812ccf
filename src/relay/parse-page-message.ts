import { methodOf } from '../protocol/http-method';
import { MAX_REQUEST_BODY, type PageMessage, type StreamOutcome } from '../protocol/messages';

/** Largest body chunk accepted from the page world in one message (bytes, or characters of text). */
export const MAX_PAGE_CHUNK_BYTES = 4 * 1024 * 1024;
const OUTCOMES: ReadonlySet<string> = new Set<StreamOutcome>(['complete', 'error', 'aborted', 'truncated']);

/**
 * Parses a message from the page-world interceptor. It runs where page scripts run, so
 * whatever arrives is checked for shape, type and size before the relay acts on it.
 */
export function parsePageMessage(value: unknown): PageMessage | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const message = value as Record<string, unknown>;
  const { id } = message;
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 0) return undefined;
  switch (message.kind) {
    case 'open': {
      const { url, contentType, requestBody, method } = message;
      if (typeof url !== 'string' || url.length > 4096 || typeof contentType !== 'string' || contentType.length > 256) {
        return undefined;
      }
      const body = typeof requestBody === 'string' && requestBody.length <= MAX_REQUEST_BODY ? requestBody : undefined;
      const verb = methodOf(method);
      return { kind: 'open', id, url, contentType, ...(body ? { requestBody: body } : {}), ...(verb ? { method: verb } : {}) };
    }
    case 'chunk': {
      const { text } = message;
      if (typeof text === 'string') return text.length <= MAX_PAGE_CHUNK_BYTES ? { kind: 'chunk', id, text } : undefined;
      const bytes = ownUint8Array(message.bytes, MAX_PAGE_CHUNK_BYTES);
      return bytes ? { kind: 'chunk', id, bytes } : undefined;
    }
    case 'end': {
      const { outcome, error } = message;
      if (typeof outcome !== 'string' || !OUTCOMES.has(outcome)) return undefined;
      return {
        kind: 'end',
        id,
        outcome: outcome as StreamOutcome,
        ...(typeof error === 'string' ? { error: error.slice(0, 500) } : {}),
      };
    }
    default:
      return undefined;
  }
}

/**
 * A `Uint8Array` of at most `maxBytes` from the page world, as one of this realm's own over a
 * plain ArrayBuffer. `instanceof` alone is not enough: Firefox gives the isolated world the
 * page's objects behind Xray wrappers whose class is the page's `Uint8Array`, so the brand is
 * checked instead and the bytes are copied into this realm; so are a SharedArrayBuffer's, which
 * the page could go on changing (and a Blob cannot take).
 */
function ownUint8Array(value: unknown, maxBytes: number): Uint8Array<ArrayBuffer> | undefined {
  if (value instanceof Uint8Array && value.buffer instanceof ArrayBuffer) {
    return value.byteLength <= maxBytes ? (value as Uint8Array<ArrayBuffer>) : undefined;
  }
  if (!ArrayBuffer.isView(value) || Object.prototype.toString.call(value) !== '[object Uint8Array]') return undefined;
  return value.byteLength <= maxBytes ? new Uint8Array(value as Uint8Array) : undefined;
}

/** The `model` of a JSON chat request body, if it has one. */
export function requestModelOf(body: string | undefined): string | undefined {
  if (!body || body[0] !== '{') return undefined;
  try {
    const parsed: unknown = JSON.parse(body);
    const model = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>).model : undefined;
    return typeof model === 'string' && model.trim() !== '' ? model.trim().slice(0, 200) : undefined;
  } catch {
    return undefined;
  }
}

