import { browser } from 'wxt/browser';
import { localizePage } from '../../src/i18n/t';
import { createBackgroundSender, isEntriesChanged } from '../../src/gallery/background-client';
import { createLibraryReader, POPUP_PAGE_SIZE } from '../../src/store/library-reader';
import { createGalleryRefresher } from '../../src/gallery/refresh-gallery';
import { createGalleryActions } from '../../src/gallery/gallery-actions';
import { renderBacklogNotice } from '../../src/gallery/render-gallery';
import { renderSitePanel } from '../../src/sites/render-site-panel';
import { mountPageScan } from '../../src/page-scan/render-page-scan';
import { popupPageScanDeps } from '../../src/page-scan/popup-page-scan';
import { currentTab } from '../../src/sites/current-tab';
import { createOfflineCopies } from '../../src/offline/offline-copies';
import { createOfflineMediaUrls } from '../../src/gallery/offline-media-urls';
import { placeSpaceNotice } from '../../src/offline/render-space-notice';
import { spaceNoticeDeps } from '../../src/gallery/space-notice-deps';
import { createVideoDbConnection } from '../../src/store/video-db';
import { parseWriteBacklog, WRITE_BACKLOG_KEY } from '../../src/store/write-backlog';
import '../../src/gallery/theme.css';
import '../../src/gallery/gallery.css';
import './style.css';

localizePage(document);
const root = document.querySelector<HTMLElement>('#app');
if (!root) throw new Error('popup/index.html has no #app element');
// Captures the database refused wait in the background; this says so above the gallery.
const notice = document.createElement('p');
notice.hidden = true;
root.before(notice);

const sendToBackground = createBackgroundSender((message) => browser.runtime.sendMessage(message));
const actions = createGalleryActions(sendToBackground, { tabs: browser.tabs, clipboard: navigator.clipboard });

// The popup shows the newest page only, read with a cursor, so it opens as fast on a library of
// 10 000 videos as on one of 10; the full gallery has the rest.
// Reopens by itself after it closed to let a newer version upgrade the database.
const database = createVideoDbConnection(undefined, {
  onBlocked: () => console.warn('[video-keeper] the library waits for an older Video Keeper page to close'),
});
const reader = createLibraryReader(database);
// Kept copies play (and show their covers) from blob: URLs of this page's own.
const offlineMedia = createOfflineMediaUrls(createOfflineCopies(database), URL);
const refresh = createGalleryRefresher(root, () => reader.newest(POPUP_PAGE_SIZE), actions, (ids) => offlineMedia.load(ids));

// The space for offline copies is full: said above the list, with the ways out.
placeSpaceNotice(root, spaceNoticeDeps(database, browser));

const showBacklog = (value: unknown): void => renderBacklogNotice(notice, parseWriteBacklog(value));

// Registered before the first await, so no broadcast is missed while the database opens.
browser.runtime.onMessage.addListener((message: unknown) => {
  if (isEntriesChanged(message)) void refresh();
});
browser.storage.onChanged.addListener((changes, area) => {
  if (area === 'local' && WRITE_BACKLOG_KEY in changes) showBacklog(changes[WRITE_BACKLOG_KEY]?.newValue);
});
void refresh();
// Opening the popup is seeing the new videos: the badge count starts again.
sendToBackground({ type: 'mark-seen' }).catch((error: unknown) => console.warn('[video-keeper] could not clear the badge', error));
const sitePanel = document.querySelector<HTMLElement>('#site');
if (sitePanel) {
  const tab = currentTab(browser.tabs, location.search);
  void renderSitePanel(sitePanel, {
    status: async () => sendToBackground({ type: 'site-status', url: (await tab)?.url ?? '' }),
    requestPermission: (pattern) => browser.permissions.request({ origins: [pattern] }),
    enable: (origin) => sendToBackground({ type: 'enable-site', origin }),
    disable: (origin) => sendToBackground({ type: 'disable-site', origin }),
    reloadTab: async () => {
      const id = (await tab)?.id;
      if (id !== undefined) await browser.tabs.reload(id);
    },
  });
}
// "Find videos on this page": keeps videos the capture missed (made before, or on another site).
const pageScan = document.querySelector<HTMLElement>('#page-scan');
if (pageScan) {
  void mountPageScan(
    pageScan,
    popupPageScanDeps({ tabs: browser.tabs, scripting: browser.scripting, sendToBackground, database, search: location.search }),
  );
}
browser.storage.local.get(WRITE_BACKLOG_KEY).then(
  (items) => showBacklog(items[WRITE_BACKLOG_KEY]),
  (error: unknown) => console.error('[video-keeper] could not read the write backlog', error),
);
