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

/**
 * Replaces the library with `entries`, written straight into IndexedDB (the schema exists once any
 * extension page has opened it). For screenshots and benches that need a library of a given shape.
 */
export const replaceStoredEntries = (entries: unknown[]): Promise<void> =>
  new Promise<void>((resolve, reject) => {
    const open = indexedDB.open('video-keeper');
    open.onerror = () => reject(open.error ?? new Error('open failed'));
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction('videos', 'readwrite');
      const store = tx.objectStore('videos');
      store.clear();
      for (const entry of entries) store.put(entry);
      tx.oncomplete = () => {
        db.close();
        resolve();
      };
      tx.onerror = () => reject(tx.error ?? new Error('seed failed'));
    };
  });

/** The kept copy of `id` as the extension stored it: its state, and the bytes of its Blobs as base64. */
export const readOfflineCopy = (id: string): Promise<{ state: string; video?: string; cover?: string } | undefined> =>
  new Promise((resolve, reject) => {
    const open = indexedDB.open('video-keeper');
    open.onerror = () => reject(open.error ?? new Error('open failed'));
    open.onsuccess = () => {
      const db = open.result;
      const request = db.transaction('offline').objectStore('offline').get(id);
      request.onerror = () => reject(request.error ?? new Error('read failed'));
      request.onsuccess = () => {
        db.close();
        const record = request.result as { state: string; video?: Blob; cover?: Blob } | undefined;
        if (!record) return resolve(undefined);
        const base64 = async (blob: Blob | undefined) => {
          if (!blob) return undefined;
          let text = '';
          for (const byte of new Uint8Array(await blob.arrayBuffer())) text += String.fromCharCode(byte);
          return btoa(text);
        };
        void Promise.all([base64(record.video), base64(record.cover)]).then(([video, cover]) =>
          resolve({ state: record.state, ...(video && { video }), ...(cover && { cover }) }),
        );
      };
    };
  });
