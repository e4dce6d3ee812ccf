import type { Page } from 'playwright-core';
import type { VideoEntry } from '../../../../src/store/video-entry';

/**
 * Writes entries straight into the library's IndexedDB from an extension page (the popup), as
 * a stored entry could look after any bug or an older version: the gallery must render
 * whatever the database holds safely. The popup must have opened the database (schema v2) first.
 */
export async function putEntries(page: Page, entries: VideoEntry[]): Promise<void> {
  await page.evaluate(
    (items) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('video-keeper');
        open.onerror = () => reject(open.error ?? new Error('open failed'));
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction('videos', 'readwrite');
          for (const item of items) tx.objectStore('videos').put(item);
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error ?? new Error('write failed'));
        };
      }),
    entries,
  );
}

/** A stored entry with the fields every entry has; `overrides` make it what the test needs. */
export function storedEntry(overrides: Partial<VideoEntry> & Pick<VideoEntry, 'id'>): VideoEntry {
  const now = Date.now();
  return {
    status: 'done',
    progress: 6,
    site: 'http://127.0.0.1:3000',
    pageUrl: 'http://127.0.0.1:3000/chat',
    endpointUrl: 'http://127.0.0.1:3000/v1/chat/completions',
    index: 0,
    createdAt: now,
    updatedAt: now,
    ...overrides,
  };
}
