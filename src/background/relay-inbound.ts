import type { RelayMessage, StreamBlob } from '../protocol/messages';

/** What a Port's inbox delivers: a message (a Blob's with its bytes, or why they are missing), or the Port's end. */
export type Inbound =
  | { message: Exclude<RelayMessage, StreamBlob> }
  | { message: StreamBlob; bytes: Uint8Array; more: boolean }
  | { message: StreamBlob; unread: string; more: boolean }
  | { disconnected: true };

/** Bytes of a `stream-blob` read at once: a big batch is decoded in parts this size. */
export const BLOB_READ_BYTES = 1024 * 1024;

/**
 * What one relay message puts in its Port's inbox (`createOrderedInbox`): the message itself,
 * or for a `stream-blob` one read per mebibyte of its bytes. They are read here, off the page's
 * thread, a mebibyte at a time so a big batch is never held whole; what comes after waits for them.
 */
export function relayInbound(message: RelayMessage): Array<Inbound | (() => Promise<Inbound>)> {
  if (message.type !== 'stream-blob') return [{ message }];
  const { blob } = message;
  const reads: Array<() => Promise<Inbound>> = [];
  for (let offset = 0; offset < blob.size || offset === 0; offset += BLOB_READ_BYTES) {
    const end = offset + BLOB_READ_BYTES;
    const more = end < blob.size;
    reads.push(() =>
      blob.slice(offset, end).arrayBuffer().then(
        (buffer): Inbound => ({ message, bytes: new Uint8Array(buffer), more }),
        (error: unknown): Inbound => ({ message, unread: String(error), more }),
      ),
    );
  }
  return reads;
}
