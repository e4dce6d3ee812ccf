import type { PageMessage } from '../protocol/messages';
import { partSize, type BodyPart } from './blob-batches';
import type { KeptStream } from './kept-streams';

/** What one page chunk adds to its stream, and its size against the caps (characters, or bytes in Blob mode). */
export type ChunkBody = { text: string; size: number } | { part: BodyPart; size: number };

/**
 * The body of a page chunk. Blob mode hands it on as it came: no decoding on the page's thread
 * (docs/benchmarks.md). Text mode decodes bytes here, with the stream's own decoder, so a
 * character split between two chunks comes out whole.
 */
export function chunkBodyOf(message: Extract<PageMessage, { kind: 'chunk' }>, stream: KeptStream, blobs: boolean): ChunkBody {
  if (blobs) {
    const part = 'text' in message ? message.text : message.bytes;
    return { part, size: typeof part === 'string' ? part.length : part.byteLength };
  }
  const text = 'text' in message ? message.text : (stream.decoder ??= new TextDecoder()).decode(message.bytes, { stream: true });
  return { text, size: text.length };
}

/** Adds a chunk's body to what its stream has pending; `now` is read when Blob-mode parts start to wait. */
export function queueBody(stream: KeptStream, body: ChunkBody, now: () => number): void {
  if ('text' in body) {
    stream.pending += body.text;
    return;
  }
  const { part } = body;
  // Text as one string, so a surrogate pair split between two page chunks stays whole.
  const last = stream.parts.length - 1;
  if (typeof part === 'string' && typeof stream.parts[last] === 'string') stream.parts[last] += part;
  else stream.parts.push(part);
  if (stream.partsSize === 0) stream.heldSince = now();
  stream.partsSize += partSize(part);
}
