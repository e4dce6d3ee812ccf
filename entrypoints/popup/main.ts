import { browser } from 'wxt/browser';
import { createBackgroundSender, isEntriesChanged } from '../../src/gallery/background-client';
import { createGalleryRefresher } from '../../src/gallery/refresh-gallery';
import type { GalleryActions } from '../../src/gallery/render-gallery';
import { openVideoStore } from '../../src/store/video-store';
import '../../src/gallery/gallery.css';
import './style.css';

const root = document.querySelector<HTMLElement>('#app');
if (!root) throw new Error('popup/index.html has no #app element');

const sendToBackground = createBackgroundSender((message) => browser.runtime.sendMessage(message));
const actions: GalleryActions = {
  download: (id) => sendToBackground({ type: 'download-entry', id }),
  copyLink: (url) => navigator.clipboard.writeText(url),
  openVideo: async (url) => {
    await browser.tabs.create({ url });
  },
};

// Reopens by itself after it closed to let a newer version upgrade the database.
const store = openVideoStore();
const refresh = createGalleryRefresher(root, () => store.list(), actions);

// Registered before the first await, so no broadcast is missed while the database opens.
browser.runtime.onMessage.addListener((message: unknown) => {
  if (isEntriesChanged(message)) void refresh();
});
void refresh();
