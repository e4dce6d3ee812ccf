import { browser } from 'wxt/browser';
import { isNewBrowserSession } from '@/src/background/browser-session';
import { createCaptureService } from '@/src/background/capture-service';
import { createDoneNotifier, type NotificationsApi } from '@/src/background/done-notification';
import { createDoneSignalService } from '@/src/background/done-signal-service';
import { DONE_SIGNALS_KEY } from '@/src/background/done-signals';
import { dispatchRequest, type RequestHandlers } from '@/src/background/request-handlers';
import { probeVideoLink } from '@/src/background/probe-video-link';
import { createStaleSweeper } from '@/src/background/stale-sweeper';
import { createVideoLinkChecker } from '@/src/background/video-link-checker';
import { downloadEntry, type DownloadResult } from '@/src/download/download-entry';
import { CAPTURE_PORT_NAME, type EntriesChanged } from '@/src/protocol/messages';
import { createLibraryHandlers } from '@/src/library/library-handlers';
import { createLibraryWrites } from '@/src/library/library-writes';
import { createLibraryReader } from '@/src/gallery/library-reader';
import { createNewVideosBadge, SEEN_AT_KEY } from '@/src/gallery/new-videos-badge';
import { createSiteAccess, ENABLED_SITES_KEY, parseEnabledSites } from '@/src/sites/site-access';
import { templateFileName } from '@/src/settings/file-name-template';
import { parseSettings, SETTINGS_KEY } from '@/src/settings/settings';
import { createVideoDbConnection } from '@/src/store/video-db';
import { openVideoStore } from '@/src/store/video-store';
import { parseWriteBacklog, WRITE_BACKLOG_KEY } from '@/src/store/write-backlog';

const SWEEP_ALARM = 'sweep-stale';

export default defineBackground(() => {
  // Opens on first use and reopens after closing for another context's upgrade.
  const store = openVideoStore();

  // Whole-entry reads and writes (badge count, delete, undo, import) on a connection of their own.
  const libraryDb = createVideoDbConnection();
  const library = createLibraryReader(libraryDb);
  const badge = createNewVideosBadge({
    countSince: (time) => library.countSince(time),
    loadSeenAt: async () => {
      const value: unknown = (await browser.storage.local.get(SEEN_AT_KEY))[SEEN_AT_KEY];
      return typeof value === 'number' ? value : undefined;
    },
    saveSeenAt: (time) => browser.storage.local.set({ [SEEN_AT_KEY]: time }),
    setBadge: (text) => browser.action.setBadgeText({ text }),
    now: () => Date.now(),
  });
  const refreshBadge = (): void => {
    badge.refresh().catch((error: unknown) => console.warn('[video-keeper] could not update the badge', error));
  };

  const entriesChanged = (): void => {
    refreshBadge();
    const message: EntriesChanged = { type: 'entries-changed' };
    // No open gallery means no receiver: that is fine.
    browser.runtime.sendMessage(message).catch(() => {});
  };

  const linkChecker = createVideoLinkChecker({
    store,
    probe: (url) => probeVideoLink(url, (target, init) => fetch(target, init)),
    onEntriesChanged: entriesChanged,
  });

  const loadSettings = async () => parseSettings((await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY]);
  // The gallery's Download and the auto-download take this one path: the stored entry, the user's template.
  const downloadStored = async (id: string): Promise<DownloadResult> => {
    const settings = await loadSettings();
    return downloadEntry(await store.get(id), browser.downloads, (entry) => templateFileName(settings.fileNameTemplate, entry));
  };

  const notifier = createDoneNotifier({
    // Undefined until the user grants the optional permission from the options page.
    api: () => (browser as { notifications?: NotificationsApi }).notifications,
    iconUrl: browser.runtime.getURL('/icons/128.png'),
    openGallery: () => browser.tabs.create({ url: browser.runtime.getURL('/gallery.html') }),
    log: (message) => console.warn('[video-keeper]', message),
  });
  const doneSignals = createDoneSignalService({
    // Session storage: what a capture showed generating outlives a stopped worker, not the browser.
    state: {
      load: async () => (await browser.storage.session.get(DONE_SIGNALS_KEY))[DONE_SIGNALS_KEY],
      save: (state) => browser.storage.session.set({ [DONE_SIGNALS_KEY]: state }),
    },
    settings: loadSettings,
    getEntry: (id) => store.get(id),
    async download(entry) {
      const result = await downloadStored(entry.id);
      if (!result.ok) throw new Error(result.error);
    },
    notify: (entry) => notifier.show(entry),
    now: () => Date.now(),
    log: (message) => console.warn('[video-keeper]', message),
  });

  const capture = createCaptureService({
    extensionId: browser.runtime.id,
    store,
    log: (entry) => console.warn('[video-keeper]', entry.type, entry.streamId ?? '', entry.message),
    onEntriesChanged(entries, { writtenAt }) {
      entriesChanged();
      void linkChecker.check(entries);
      void doneSignals.stored(entries, writtenAt);
    },
    // Writes the database refuses (quota, IndexedDB gone) wait here across worker restarts; the
    // popup reads the same key to say so.
    backlog: {
      load: async () => parseWriteBacklog((await browser.storage.local.get(WRITE_BACKLOG_KEY))[WRITE_BACKLOG_KEY]),
      save: (backlog) =>
        backlog ? browser.storage.local.set({ [WRITE_BACKLOG_KEY]: backlog }) : browser.storage.local.remove(WRITE_BACKLOG_KEY),
    },
  });

  const sweeper = createStaleSweeper({
    store,
    liveEntryIds: () => capture.liveEntryIds(),
    onEntriesChanged: entriesChanged,
    now: () => Date.now(),
    log: (message) => console.warn('[video-keeper]', message),
    wakeLater(needed, delayMs) {
      if (needed) void browser.alarms.create(SWEEP_ALARM, { delayInMinutes: delayMs / 60_000 });
      else void browser.alarms.clear(SWEEP_ALARM);
    },
  });

  const sites = createSiteAccess({
    scripting: browser.scripting,
    permissions: browser.permissions,
    store: {
      load: async () => parseEnabledSites((await browser.storage.local.get(ENABLED_SITES_KEY))[ENABLED_SITES_KEY]),
      save: (origins) => browser.storage.local.set({ [ENABLED_SITES_KEY]: origins }),
    },
  });

  const handlers: RequestHandlers = {
    'download-entry': ({ id }) => downloadStored(id),
    'site-status': ({ url }) => sites.status(url),
    'enable-site': ({ origin }) => sites.enable(origin),
    'disable-site': ({ origin }) => sites.disable(origin),
    'list-sites': async () => ({ origins: await sites.list() }),
    'mark-seen': async () => {
      await badge.markSeen();
      return { ok: true };
    },
    ...createLibraryHandlers(createLibraryWrites(libraryDb), entriesChanged),
  };

  browser.runtime.onConnect.addListener((port) => {
    if (port.name === CAPTURE_PORT_NAME) capture.connect(port);
  });
  // webextension-polyfill: a listener answers by returning a promise.
  // eslint-disable-next-line @typescript-eslint/no-misused-promises
  browser.runtime.onMessage.addListener((message: unknown, sender): Promise<unknown> | undefined => {
    // Requests come from the extension's own pages only, never from content scripts.
    if (sender.id !== browser.runtime.id || !sender.url?.startsWith(browser.runtime.getURL('/'))) return undefined;
    return dispatchRequest(handlers, message);
  });
  // A click on a done notification wakes a stopped worker, which must listen at once; a worker
  // that gets the permission later listens when it shows its first notification.
  notifier.listen();
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === SWEEP_ALARM) void sweeper.sweep();
  });
  // The first worker of a browser session ends at once what the last session left streaming
  // (the browser quit mid-answer); a worker restarted within a session gives relays time to replay.
  void isNewBrowserSession(browser.storage.session, Date.now()).then((sessionStart) => sweeper.sweep({ sessionStart }));
  void capture.restoreBacklog();
  // Videos a stopped worker saw generating may have become done while none ran (a later answer).
  void doneSignals.resume();
  refreshBadge();
  // Also forgets sites switched off in the browser's own UI (chrome://extensions, about:addons);
  // until then their scripts stay registered but the browser injects nothing without the permission.
  sites.sync().catch((error: unknown) => console.warn('[video-keeper] could not restore the enabled sites', error));
});
