/** Body bytes collected between two flushes of the relay. */
export interface ByteBatch {
  /** Bytes held, not yet taken. */
  readonly size: number;
  /** Keeps `bytes` (the caller gives up its reference: it is not copied until taken). */
  add(bytes: Uint8Array): void;
  /** Everything held, as buffers of at most `maxBytes` each, in order; the batch is empty after. */
  take(): Uint8Array[];
}

/**
 * Joins many small network chunks into few messages of at most `maxBytes`: a runtime message
 * costs a fixed IPC overhead, so 16 KiB reads become 256 KiB messages. One copy per byte, into
 * buffers of their own (a chunk's buffer may be larger than the chunk, and must not be kept whole).
 */
export function createByteBatch(maxBytes: number): ByteBatch {
  let parts: Uint8Array[] = [];
  let size = 0;
  return {
    get size() {
      return size;
    },
    add(bytes) {
      if (bytes.byteLength === 0) return;
      parts.push(bytes);
      size += bytes.byteLength;
    },
    take() {
      const out: Uint8Array[] = [];
      let index = 0;
      let offset = 0;
      while (size > 0) {
        const batch = new Uint8Array(Math.min(size, maxBytes));
        let filled = 0;
        while (filled < batch.length) {
          const part = parts[index];
          if (!part) break; // cannot happen: `size` counts exactly the bytes in `parts`
          const count = Math.min(part.byteLength - offset, batch.length - filled);
          batch.set(part.subarray(offset, offset + count), filled);
          filled += count;
          offset += count;
          if (offset === part.byteLength) {
            index += 1;
            offset = 0;
          }
        }
        size -= batch.length;
        out.push(batch);
      }
      parts = [];
      return out;
    },
  };
}
