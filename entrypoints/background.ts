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
import { createPageScanHandlers } from '@/src/page-scan/page-scan-handlers';
import { createContextMenuKeeper } from '@/src/context-menu/keep-this-video';
import { readVideoPoster } from '@/src/context-menu/read-poster';
import { listenToKeepVideoMenus, type ContextMenusApi } from '@/src/context-menu/register-menus';
import { t } from '@/src/i18n/t';
import { createLibraryWrites } from '@/src/library/library-writes';
import { createLibraryReader } from '@/src/gallery/library-reader';
import { createNewVideosBadge, SEEN_AT_KEY } from '@/src/gallery/new-videos-badge';
import { createSiteAccess, ENABLED_SITES_KEY, parseEnabledSites } from '@/src/sites/site-access';
import { templateFileName } from '@/src/settings/file-name-template';
import { createSettingsStore, SETTINGS_KEY } from '@/src/settings/settings';
import { whileKeptAlive } from '@/src/background/keep-alive';
import { fetchMedia } from '@/src/offline/fetch-media';
import { createLocalCopyDownloads, createDocumentUrlBackend, type ObjectUrlBackend } from '@/src/offline/local-copy-source';
import { createOfflineCopies } from '@/src/offline/offline-copies';
import { createOfflineKeeper } from '@/src/offline/offline-keeper';
import { createOffscreenUrlBackend, type OffscreenApi } from '@/src/offline/offscreen-urls';
import { BUILT_IN_APP_MEDIA_HOSTS, copiedByDefault } from '@/src/offline/default-copies';
import { offlineCatchUpFor } from '@/src/offline/offline-settings-change';
import { createStoryFileSource } from '@/src/offline/story-file-source';
import { saveTextFile } from '@/src/download/save-text';
import { createVideoDbConnection } from '@/src/store/video-db';
import { openVideoStore } from '@/src/store/video-store';
import { parseWriteBacklog, WRITE_BACKLOG_KEY } from '@/src/store/write-backlog';
import { createCaptureJournal, parseJournalRecords, type JournalRecord } from '@/src/capture-log/capture-journal';
import { createVideoAppAccess, VIDEO_APPS_OFF_KEY } from '@/src/sites/video-app-access';
import { VIDEO_APPS, videoAppOf } from '@/src/sites/video-apps';
import { siteOrigin } from '@/src/sites/site-access';
import { createSiteRulePacks } from '@/src/background/site-rule-packs';
import { SITE_EXTRACTORS } from '@/src/sites/extractors';
import { RULE_PACKS_KEY } from '@/src/sites/rules/rule-pack-store';
import { RULE_PACK_ALARM, RULE_PACK_CHECK_MINUTES } from '@/src/sites/rules/rule-pack-subscription';

const SWEEP_ALARM = 'sweep-stale';
const PRUNE_OFFLINE_ALARM = 'prune-offline';
const log = (message: string): void => console.warn('[video-keeper]', message);
/** `storage.session` key of the capture log: it outlives a stopped worker, not the browser. */
const CAPTURE_LOG_KEY = 'captureLog';

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

  const settings = createSettingsStore(browser.storage.local);
  const offlineCopies = createOfflineCopies(libraryDb);
  const offline = createOfflineKeeper({
    copies: offlineCopies,
    settings: () => settings.load(),
    fetchMedia: (url, kind, maxBytes, site) => fetchMedia(url, { kind, maxBytes, site, fetch: (target, init) => fetch(target, init) }),
    now: () => Date.now(),
    log,
    onChanged: entriesChanged,
    whileBusy: (work) => whileKeptAlive(work, () => browser.runtime.getPlatformInfo()),
    copiedByDefault: (entry) => copiedByDefault(entry, BUILT_IN_APP_MEDIA_HOSTS),
  });
  // Kept copies download from blob: URLs. Firefox's background is a page that makes them itself;
  // Chrome's is a service worker without URL.createObjectURL, so its offscreen document makes them.
  const chromeOffscreen = (globalThis as { chrome?: { offscreen?: OffscreenApi } }).chrome?.offscreen;
  const documentUrls = typeof document !== 'undefined' && typeof URL.createObjectURL === 'function';
  const objectUrls: ObjectUrlBackend | undefined =
    documentUrls
      ? createDocumentUrlBackend(createStoryFileSource(libraryDb, (target, init) => fetch(target, init)), URL)
      : chromeOffscreen &&
        createOffscreenUrlBackend({
          offscreen: chromeOffscreen,
          send: (request) => browser.runtime.sendMessage(request),
          documentUrl: browser.runtime.getURL('/offscreen.html'),
        });
  const localCopies = objectUrls && createLocalCopyDownloads(objectUrls, log);

  const linkChecker = createVideoLinkChecker({
    store,
    probe: (url, site) => probeVideoLink(url, (target, init) => fetch(target, init), site),
    onEntriesChanged: entriesChanged,
  });

  // The gallery's Download and the auto-download take this one path: the stored entry, the user's template.
  const downloadStored = async (id: string): Promise<DownloadResult> => {
    const { fileNameTemplate, embedStory, sidecarJson } = await settings.load();
    const entry = await store.get(id);
    return downloadEntry(entry, browser.downloads, (item) => templateFileName(fileNameTemplate, item), {
      ...(localCopies && { local: localCopies }),
      // The story goes into the file where its bytes can be read: a copy, or a video app's granted host.
      story: { embed: embedStory, fetch: embedStory && !!entry && copiedByDefault(entry, BUILT_IN_APP_MEDIA_HOSTS) },
      ...(sidecarJson && { sidecar: (name: string, json: string) => saveTextFile(browser.downloads, name, json, documentUrls ? URL : undefined) }),
    });
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
    settings: () => settings.load(),
    getEntry: (id) => store.get(id),
    async download(entry) {
      const result = await downloadStored(entry.id);
      if (!result.ok) throw new Error(result.error);
    },
    notify: (entry) => notifier.show(entry),
    now: () => Date.now(),
    log: (message) => console.warn('[video-keeper]', message),
  });

  // The capture log: kept in memory, saved to session storage a second after it changes.
  let journalSave: ReturnType<typeof setTimeout> | undefined;
  const journal = createCaptureJournal({
    onChange(records) {
      journalSave ??= setTimeout(() => {
        journalSave = undefined;
        void browser.storage.session.set({ [CAPTURE_LOG_KEY]: records satisfies JournalRecord[] }).catch(() => {});
      }, 1000);
    },
  });
  void browser.storage.session
    .get(CAPTURE_LOG_KEY)
    .then((stored) => journal.restore(parseJournalRecords(stored[CAPTURE_LOG_KEY])))
    .catch(() => {});

  // Site rule packs (options → Site rules): the built-in extractors with the packs laid over them.
  const rulePacks = createSiteRulePacks({
    builtIns: SITE_EXTRACTORS,
    storage: {
      load: async () => (await browser.storage.local.get(RULE_PACKS_KEY))[RULE_PACKS_KEY],
      save: (packs) => browser.storage.local.set({ [RULE_PACKS_KEY]: packs }),
    },
    scripting: browser.scripting,
    permissions: browser.permissions,
    fetch: (url, init) => fetch(url, init),
    now: () => Date.now(),
    log,
    scheduleChecks(on) {
      void browser.alarms.get(RULE_PACK_ALARM).then((alarm) => {
        if (on && !alarm) void browser.alarms.create(RULE_PACK_ALARM, { delayInMinutes: 1, periodInMinutes: RULE_PACK_CHECK_MINUTES });
        if (!on && alarm) void browser.alarms.clear(RULE_PACK_ALARM);
      });
    },
  });
  const reloadRulePacks = (): void => {
    rulePacks.reload().catch((error: unknown) => log(`could not load the site rule packs: ${String(error)}`));
  };

  const capture = createCaptureService({
    extensionId: browser.runtime.id,
    store,
    journal,
    extractors: () => rulePacks.extractors(),
    log: (entry) => console.warn('[video-keeper]', entry.type, entry.streamId ?? '', entry.message),
    onEntriesChanged(entries, { writtenAt }) {
      entriesChanged();
      void linkChecker.check(entries);
      void offline.keep(entries);
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

  const videoApps = createVideoAppAccess({
    apps: VIDEO_APPS,
    scripting: browser.scripting,
    store: {
      load: async () => (await browser.storage.local.get(VIDEO_APPS_OFF_KEY))[VIDEO_APPS_OFF_KEY],
      save: (names) => browser.storage.local.set({ [VIDEO_APPS_OFF_KEY]: names }),
    },
  });

  const handlers: RequestHandlers = {
    'download-entry': ({ id }) => downloadStored(id),
    async 'site-status'({ url }) {
      const app = videoAppOf(url);
      const origin = siteOrigin(url);
      if (app && origin) return (await videoApps.isOn(app.name)) ? { state: 'default', origin } : { state: 'switched-off', origin, app: app.label };
      return sites.status(url);
    },
    'list-video-apps': async () => ({ apps: await videoApps.list() }),
    'set-video-app': ({ name, on }) => videoApps.set(name, on),
    'capture-log': () => Promise.resolve({ records: journal.records() }),
    'clear-capture-log': () => {
      journal.clear();
      return Promise.resolve({ ok: true as const });
    },
    'enable-site': ({ origin }) => sites.enable(origin),
    'disable-site': ({ origin }) => sites.disable(origin),
    'list-sites': async () => ({ origins: await sites.list() }),
    'mark-seen': async () => {
      await badge.markSeen();
      return { ok: true };
    },
    ...createPageScanHandlers({
      apply: (updates, now) => store.apply(updates, now),
      probe: (url, pageUrl) => probeVideoLink(url, (target, init) => fetch(target, init), pageUrl),
      onEntriesChanged: entriesChanged,
      now: () => Date.now(),
    }),
    ...createLibraryHandlers(createLibraryWrites(libraryDb), entriesChanged, () => {
      // Later, so an undo of the delete puts the entries back with their copies.
      void browser.alarms.create(PRUNE_OFFLINE_ALARM, { delayInMinutes: 1 });
    }),
  };

  // Right-click → "Keep this video": the click grants activeTab, so the poster can be read.
  const menuKeeper = createContextMenuKeeper({
    readPoster: async (tabId, frameId, srcUrl) =>
      (await browser.scripting.executeScript({ target: { tabId, frameIds: [frameId] }, func: readVideoPoster, args: [srcUrl] }))[0]?.result,
    apply: (updates, now) => store.apply(updates, now),
    onEntriesChanged: entriesChanged,
    now: () => Date.now(),
  });
  const menus = listenToKeepVideoMenus(
    (browser as { contextMenus?: ContextMenusApi }).contextMenus,
    t('keepThisVideo'),
    (info, tab) => {
      menuKeeper.onClicked(info, tab).then(
        (result) => {
          if (!result.kept && result.reason !== 'other-menu') log(`"Keep this video" kept nothing: ${result.reason}`);
        },
        (error: unknown) => log(`"Keep this video" failed: ${String(error)}`),
      );
    },
    log,
  );
  browser.runtime.onInstalled.addListener(() => void menus.install());
  browser.runtime.onStartup.addListener(() => void menus.install());

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
    if (alarm.name === RULE_PACK_ALARM) rulePacks.updateSubscriptions().catch((error: unknown) => log(`rule pack update failed: ${String(error)}`));
    if (alarm.name === PRUNE_OFFLINE_ALARM) {
      offlineCopies
        .removeOrphans()
        // Deleted videos freed space: what did not fit is tried again.
        .then((removed) => (removed > 0 ? offline.catchUp((limit) => library.newest(limit), { roomGrew: true }) : undefined))
        .catch((error: unknown) => log(`could not drop deleted videos' copies: ${String(error)}`));
    }
  });
  if (localCopies) browser.downloads.onChanged.addListener((delta) => localCopies.downloadChanged(delta));
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && changes[RULE_PACKS_KEY]) reloadRulePacks();
    // Switched on: copy what the library already holds (newest first, within the cap).
    const change = changes[SETTINGS_KEY];
    const catchUp = area === 'local' && change ? offlineCatchUpFor(change.oldValue, change.newValue) : undefined;
    if (catchUp) void offline.catchUp((limit) => library.newest(limit), catchUp);
  });
  // The first worker of a browser session ends at once what the last session left streaming
  // (the browser quit mid-answer); a worker restarted within a session gives relays time to replay.
  void isNewBrowserSession(browser.storage.session, Date.now()).then((sessionStart) => sweeper.sweep({ sessionStart }));
  void capture.restoreBacklog();
  // Copies a stopped worker did not finish.
  void offline.catchUp((limit) => library.newest(limit)).catch((error: unknown) => log(`offline catch-up failed: ${String(error)}`));
  // Videos a stopped worker saw generating may have become done while none ran (a later answer).
  void doneSignals.resume();
  refreshBadge();
  // Also forgets sites switched off in the browser's own UI (chrome://extensions, about:addons);
  // until then their scripts stay registered but the browser injects nothing without the permission.
  sites.sync().catch((error: unknown) => console.warn('[video-keeper] could not restore the enabled sites', error));
  // The video apps' capture scripts are registered, not declared (so each can be switched off):
  // at install, and at every start in case the browser dropped them (an unpacked reload).
  videoApps.sync().catch((error: unknown) => console.warn('[video-keeper] could not register the video apps', error));
  // Rule packs: loaded at every start; an app a pack adds captures once its hosts are granted.
  reloadRulePacks();
  browser.permissions.onAdded.addListener(reloadRulePacks);
  browser.permissions.onRemoved.addListener(reloadRulePacks);
});
