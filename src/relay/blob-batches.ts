/** A piece of a stream's body waiting in the relay: bytes as read (fetch) or text (the other transports). */
export type BodyPart = Uint8Array<ArrayBuffer> | string;

/**
 * Most bytes of a Blob whose bytes travel with the message that registers it: Chrome embeds up to
 * 256 KiB (`DataElementBytes::kMaximumEmbeddedDataSize`). A bigger Blob's bytes are fetched from
 * the page's renderer afterwards and are lost if the tab closes first; an embedded one outlives
 * the page as soon as it is posted, at the price of more work on the page's thread per byte.
 */
export const MAX_EMBEDDED_BLOB = 240 * 1024;

/**
 * Size a part counts for: its bytes, or 3 bytes a UTF-16 unit for text, the most UTF-8 makes of
 * one, so a group of parts never turns out larger as a Blob than it was counted.
 */
export function partSize(part: BodyPart): number {
  return typeof part === 'string' ? part.length * 3 : part.byteLength;
}

/**
 * Cuts a stream's pending parts, in order, into groups of at most `maxBytes` each (partSize), to
 * become one Blob per group. Bytes are cut anywhere (the background decodes the batches as one
 * UTF-8 stream); text never between the two halves of a surrogate pair. Views are cut with
 * `subarray`, so nothing is copied here.
 */
export function blobBatches(parts: readonly BodyPart[], maxBytes: number): BodyPart[][] {
  const batches: BodyPart[][] = [];
  let batch: BodyPart[] = [];
  let room = maxBytes;
  const close = (): void => {
    if (batch.length > 0) batches.push(batch);
    batch = [];
    room = maxBytes;
  };
  for (const part of parts) {
    if (typeof part === 'string') {
      let rest = part;
      while (rest) {
        if (room < 6) close(); // not even one surrogate pair fits
        const take = cutText(rest, Math.max(2, Math.floor(room / 3)));
        batch.push(rest.slice(0, take));
        room -= take * 3;
        rest = rest.slice(take);
        if (rest) close();
      }
    } else {
      let offset = 0;
      while (offset < part.byteLength) {
        if (room === 0) close();
        const take = Math.min(part.byteLength - offset, room);
        batch.push(offset === 0 && take === part.byteLength ? part : part.subarray(offset, offset + take));
        room -= take;
        offset += take;
      }
    }
  }
  close();
  return batches;
}

/**
 * Splits pending parts into a head and the last `tailBytes` (partSize) of them, in order: the end
 * of an answer, where its video link is, goes in Blobs that cannot be lost with the tab, the head
 * in one Blob that costs the page less.
 */
export function splitTail(parts: readonly BodyPart[], tailBytes: number): { head: BodyPart[]; tail: BodyPart[] } {
  const tail: BodyPart[] = [];
  let room = tailBytes;
  let index = parts.length - 1;
  for (let part = parts[index]; part !== undefined; index -= 1, part = parts[index]) {
    const size = partSize(part);
    if (size <= room) {
      tail.unshift(part);
      room -= size;
      continue;
    }
    // The part straddles the cut: its end goes to the tail, the rest stays in the head.
    const keep = typeof part === 'string' ? part.length - cutTextFromEnd(part, Math.floor(room / 3)) : part.byteLength - room;
    if (keep < (typeof part === 'string' ? part.length : part.byteLength)) {
      tail.unshift(typeof part === 'string' ? part.slice(keep) : part.subarray(keep));
    }
    return { head: [...parts.slice(0, index), ...(keep > 0 ? [typeof part === 'string' ? part.slice(0, keep) : part.subarray(0, keep)] : [])], tail };
  }
  return { head: [], tail };
}

/** How many leading units of `text` to take, at most `max` (≥ 1), not ending on half a pair. */
function cutText(text: string, max: number): number {
  const take = Math.min(text.length, max);
  return take > 1 && take < text.length && isHighSurrogate(text.charCodeAt(take - 1)) ? take - 1 : take;
}

/** How many trailing units of `text` to take, at most `max`, not starting on half a pair. */
function cutTextFromEnd(text: string, max: number): number {
  const take = Math.min(text.length, max);
  return take > 0 && take < text.length && isLowSurrogate(text.charCodeAt(text.length - take)) ? take - 1 : take;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
