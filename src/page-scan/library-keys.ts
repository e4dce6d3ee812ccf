import type { VideoDatabase } from '../store/video-db';

/**
 * The video keys of `keys` the library already holds (index `by-video-key`, the one the store
 * dedupes by), read in one transaction: the popup marks those "already in your library".
 */
export async function videoKeysInLibrary(database: () => Promise<VideoDatabase>, keys: readonly string[]): Promise<Set<string>> {
  const tx = (await database()).transaction('videos');
  const index = tx.store.index('by-video-key');
  const counts = await Promise.all(keys.map((key) => index.count(key)));
  await tx.done;
  return new Set(keys.filter((_key, position) => (counts[position] ?? 0) > 0));
}
