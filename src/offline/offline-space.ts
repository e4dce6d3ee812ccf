import type { VideoDatabase } from '../store/video-db';

/** How full the space for offline copies is, and what did not fit. */
export interface OfflineSpace {
  /** Bytes the kept copies take. */
  bytes: number;
  /** The user's cap, in bytes. */
  capBytes: number;
  /** Videos not copied because they did not fit (`too-large` records). */
  notCopied: number;
}

/** Reads the `offline` store in one transaction: a record's Blobs are handles, not bytes, so this is cheap. */
export async function readOfflineSpace(database: () => Promise<VideoDatabase>, capBytes: number): Promise<OfflineSpace> {
  const tx = (await database()).transaction('offline');
  let bytes = 0;
  let notCopied = 0;
  for (let cursor = await tx.store.openCursor(); cursor; cursor = await cursor.continue()) {
    const record = cursor.value;
    if (record.state === 'kept') bytes += record.bytes;
    else if (record.reason === 'too-large') notCopied += 1;
  }
  await tx.done;
  return { bytes, capBytes, notCopied };
}

/** The space is full when a video did not fit: nothing is evicted to make room, the user decides. */
export function spaceIsFull(space: OfflineSpace): boolean {
  return space.notCopied > 0;
}
