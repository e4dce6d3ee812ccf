import { parseHttpUrl } from '../extract/http-url';
import { methodOf } from './http-method';
import { MAX_REQUEST_BODY, type RelayMessage, type StreamOutcome } from './messages';

/** Most text (characters) one `stream-chunk` may carry; the relay batches far below this. */
export const MAX_CHUNK_TEXT = 1024 * 1024;
/**
 * Most bytes one `stream-blob` may hold: the relay's bulk batches (BULK_FLUSH_BYTES plus one page
 * read) stay below it. The background reads a Blob a mebibyte at a time, never whole.
 */
export const MAX_BLOB_SIZE = 8 * 1024 * 1024;
const STREAM_ID = /^[A-Za-z0-9_-]{1,80}$/;
const OUTCOMES: ReadonlySet<string> = new Set<StreamOutcome>(['complete', 'error', 'aborted', 'truncated']);

/**
 * Parses a message from a relay Port into a typed value, or undefined when it is not one.
 * The relay runs inside a page the extension does not control, so the background checks
 * every field again: shape, types, sizes, URL schemes.
 */
export function parseRelayMessage(value: unknown): RelayMessage | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const message = value as Record<string, unknown>;
  const { streamId } = message;
  if (typeof streamId !== 'string' || !STREAM_ID.test(streamId)) return undefined;
  switch (message.type) {
    case 'stream-open': {
      const endpointUrl = parseHttpUrl(stringOf(message.endpointUrl, 4096));
      const contentType = stringOf(message.contentType, 256);
      const startedAt = message.startedAt;
      if (!endpointUrl || contentType === undefined || !isCount(startedAt)) return undefined;
      const requestModel = stringOf(message.requestModel, 200)?.trim();
      const method = methodOf(message.method);
      const requestBody = stringOf(message.requestBody, MAX_REQUEST_BODY);
      return {
        type: 'stream-open',
        streamId,
        endpointUrl,
        contentType,
        startedAt,
        ...(requestModel ? { requestModel } : {}),
        ...(method ? { method } : {}),
        ...(requestBody ? { requestBody } : {}),
      };
    }
    case 'stream-chunk': {
      const text = stringOf(message.text, MAX_CHUNK_TEXT);
      if (!isCount(message.seq) || text === undefined) return undefined;
      return { type: 'stream-chunk', streamId, seq: message.seq, text };
    }
    case 'stream-blob': {
      const { blob } = message;
      // A real Blob of this realm: structured clone makes one; JSON would have made `{}`.
      if (!isCount(message.seq) || !(blob instanceof Blob) || blob.size > MAX_BLOB_SIZE) return undefined;
      return { type: 'stream-blob', streamId, seq: message.seq, blob };
    }
    case 'stream-end': {
      const { outcome } = message;
      if (!isCount(message.chunks) || typeof outcome !== 'string' || !OUTCOMES.has(outcome)) return undefined;
      const error = stringOf(message.error, 500);
      return {
        type: 'stream-end',
        streamId,
        chunks: message.chunks,
        outcome: outcome as StreamOutcome,
        ...(error ? { error } : {}),
      };
    }
    default:
      return undefined;
  }
}

function stringOf(value: unknown, max: number): string | undefined {
  return typeof value === 'string' && value.length <= max ? value : undefined;
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}
