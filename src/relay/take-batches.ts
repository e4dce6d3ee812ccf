import { MAX_BLOB_SIZE } from '../protocol/parse-relay-message';
import { blobBatches, MAX_EMBEDDED_BLOB, splitTail, type BodyPart } from './blob-batches';

/**
 * Text mode: the most characters of one chunk message, well within what the background accepts
 * (MAX_CHUNK_TEXT, src/protocol/parse-relay-message.ts); this much pending is sent without waiting.
 */
export const FLUSH_TEXT = 256 * 1024;

/** What a stream has not sent yet: text (text mode), or parts as they came (Blob mode). */
export interface PendingBody {
  pending: string;
  parts: BodyPart[];
  partsSize: number;
}

/**
 * Takes what is pending, as the batches to send, in order, and leaves nothing pending. Blob mode:
 * one copy of each batch into a Blob, whose bytes the browser takes and the background reads off
 * this thread; the message carries only a handle. What fits is embedded; more goes as one bulk
 * Blob, except, at the stream's end (`last`), its last MAX_EMBEDDED_BLOB, where the video link
 * is: embedded, it outlives a tab closed right after.
 */
export function takeBatches(body: PendingBody, last: boolean): Array<string | Blob> {
  const batches: Array<string | Blob> = [];
  if (body.parts.length > 0) {
    const { head, tail } = last || body.partsSize <= MAX_EMBEDDED_BLOB ? splitTail(body.parts, MAX_EMBEDDED_BLOB) : { head: body.parts, tail: [] };
    if (head.length > 0) {
      const bulk = new Blob(head);
      for (let offset = 0; offset < bulk.size; offset += MAX_BLOB_SIZE) {
        batches.push(bulk.size <= MAX_BLOB_SIZE ? bulk : bulk.slice(offset, offset + MAX_BLOB_SIZE));
      }
    }
    for (const batch of blobBatches(tail, MAX_EMBEDDED_BLOB)) batches.push(new Blob(batch));
    body.parts = [];
    body.partsSize = 0;
  }
  // A fast page hands over megabyte chunks: split them so no message exceeds what the
  // background accepts (MAX_CHUNK_TEXT), never between the halves of a surrogate pair.
  let rest = body.pending;
  body.pending = '';
  while (rest) {
    let size = Math.min(rest.length, FLUSH_TEXT);
    if (size < rest.length && isHighSurrogate(rest.charCodeAt(size - 1))) size -= 1;
    batches.push(rest.slice(0, size));
    rest = rest.slice(size);
  }
  return batches;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
