import type { VideoEntry } from '@/src/store/video-entry';

// Run inside an extension page through `page.evaluate` (Playwright and Puppeteer alike): each
// is self-contained, with no closure, because only its source text crosses to the browser.

/** Every stored entry, read straight from the library's IndexedDB. */
export const readStoredEntries = (): Promise<VideoEntry[]> =>
  new Promise<VideoEntry[]>((resolve, reject) => {
    const open = indexedDB.open('video-keeper');
    open.onerror = () => reject(open.error ?? new Error('open failed'));
    open.onsuccess = () => {
      const db = open.result;
      if (!db.objectStoreNames.contains('videos')) {
        db.close();
        resolve([]);
        return;
      }
      const request = db.transaction('videos').objectStore('videos').getAll();
      request.onsuccess = () => {
        db.close();
        resolve(request.result as VideoEntry[]);
      };
      request.onerror = () => reject(request.error ?? new Error('read failed'));
    };
  });

/** Empties the library between tests. */
export const clearStoredEntries = (): Promise<void> =>
  new Promise<void>((resolve, reject) => {
    const open = indexedDB.open('video-keeper');
    open.onsuccess = () => {
      const db = open.result;
      if (!db.objectStoreNames.contains('videos')) {
        db.close();
        resolve();
        return;
      }
      const tx = db.transaction('videos', 'readwrite');
      tx.objectStore('videos').clear();
      tx.oncomplete = () => {
        db.close();
        resolve();
      };
      tx.onerror = () => reject(tx.error ?? new Error('clear failed'));
    };
    open.onerror = () => reject(open.error ?? new Error('open failed'));
  });
