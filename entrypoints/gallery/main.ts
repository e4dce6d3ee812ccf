import { browser } from 'wxt/browser';
import { localizePage } from '../../src/i18n/t';
import { createBackgroundSender, isEntriesChanged } from '../../src/gallery/background-client';
import { mountFullGallery } from '../../src/gallery/full-gallery';
import { createGalleryActions } from '../../src/gallery/gallery-actions';
import { GALLERY_VIEW_KEY } from '../../src/gallery/gallery-view';
import { createLibraryReader } from '../../src/store/library-reader';
import { createOfflineCopies } from '../../src/offline/offline-copies';
import { createOfflineMediaUrls } from '../../src/gallery/offline-media-urls';
import { placeSpaceNotice } from '../../src/offline/render-space-notice';
import { spaceNoticeDeps } from '../../src/gallery/space-notice-deps';
import { createVideoDbConnection } from '../../src/store/video-db';
import { galleryZipDownloads } from '../../src/zip/gallery-zip';
import '../../src/gallery/theme.css';
import '../../src/gallery/gallery.css';
import './style.css';

localizePage(document);
const root = document.querySelector<HTMLElement>('#gallery');
if (!root) throw new Error('gallery/index.html has no #gallery element');

const sendToBackground = createBackgroundSender((message) => browser.runtime.sendMessage(message));
const database = createVideoDbConnection();
// Kept copies play (and show their covers) from blob: URLs of this page's own, made once each.
const offlineMedia = createOfflineMediaUrls(createOfflineCopies(database), URL);
const gallery = mountFullGallery(root, {
  reader: createLibraryReader(database),
  loadMedia: (ids) => offlineMedia.load(ids),
  actions: createGalleryActions(sendToBackground, { tabs: browser.tabs, clipboard: navigator.clipboard }),
  deleteEntries: (ids) => sendToBackground({ type: 'delete-entries', ids }),
  restoreEntries: (entries) => sendToBackground({ type: 'restore-entries', entries }),
  onDownloadChanged: (listener) =>
    browser.downloads.onChanged.addListener((delta) =>
      listener({
        id: delta.id,
        ...(delta.state?.current ? { state: delta.state.current as 'in_progress' | 'interrupted' | 'complete' } : {}),
        ...(delta.error?.current ? { error: delta.error.current } : {}),
        ...(delta.totalBytes?.current !== undefined ? { totalBytes: delta.totalBytes.current } : {}),
      }),
    ),
  location: {
    search: location.search,
    replaceSearch: (search) => history.replaceState(null, '', `${location.pathname}${search}`),
  },
  now: () => Date.now(),
  downloadZip: galleryZipDownloads(root, database, browser),
  // The grid or list choice is a preference kept in storage.local (see gallery-view.ts).
  viewStore: {
    load: async () => (await browser.storage.local.get(GALLERY_VIEW_KEY))[GALLERY_VIEW_KEY],
    save: (view) => browser.storage.local.set({ [GALLERY_VIEW_KEY]: view }),
  },
});

browser.runtime.onMessage.addListener((message: unknown) => {
  if (isEntriesChanged(message)) void gallery.reload();
});
// The space for offline copies is full: said above the gallery, with the ways out.
placeSpaceNotice(root, spaceNoticeDeps(database, browser));
// Relative times and "link expired" move on with the clock.
setInterval(() => void gallery.reload(), 60_000);
void gallery.firstPaint.then(() => performance.mark('gallery-first-paint'));
