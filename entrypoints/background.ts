import { browser } from 'wxt/browser';
import { ALARMS, runAlarm } from '@/src/background/alarms';
import { isNewBrowserSession } from '@/src/background/browser-session';
import { createCaptureService } from '@/src/background/capture-service';
import { createDoneNotifier, type NotificationsApi } from '@/src/background/done-notification';
import { createDoneSignalService } from '@/src/background/done-signal-service';
import { DONE_SIGNALS_KEY } from '@/src/background/done-signals';
import { createStoredDownloads } from '@/src/background/download-stored';
import { whileKeptAlive } from '@/src/background/keep-alive';
import { createLocalCopies } from '@/src/background/local-copies';
import { log, logFailure } from '@/src/background/log';
import { createNewVideosBadge, SEEN_AT_KEY } from '@/src/background/new-videos-badge';
import { probeVideoLink } from '@/src/background/probe-video-link';
import { dispatchRequest, type RequestHandlers } from '@/src/background/request-handlers';
import { createSiteRulePacks } from '@/src/background/site-rule-packs';
import { createSiteStatus } from '@/src/background/site-status';
import { createStaleSweeper } from '@/src/background/stale-sweeper';
import { storageSlot } from '@/src/background/storage-slot';
import { CAPTURE_LOG_KEY, createStoredCaptureLog } from '@/src/background/stored-capture-log';
import { createVideoLinkChecker } from '@/src/background/video-link-checker';
import { createContextMenuKeeper } from '@/src/context-menu/keep-this-video';
import { readVideoPoster } from '@/src/context-menu/read-poster';
import { listenToKeepVideoMenus, type ContextMenusApi } from '@/src/context-menu/register-menus';
import { t } from '@/src/i18n/t';
import { createImportLogHandler } from '@/src/library/import-log-handler';
import { createLibraryHandlers } from '@/src/library/library-handlers';
import { createLibraryWrites } from '@/src/library/library-writes';
import { fetchMedia } from '@/src/offline/fetch-media';
import { createOfflineCopies, keptCopy } from '@/src/offline/offline-copies';
import { createOfflineKeeper } from '@/src/offline/offline-keeper';
import type { OffscreenApi } from '@/src/offline/offscreen-urls';
import { createPageScanHandlers } from '@/src/page-scan/page-scan-handlers';
import { CAPTURE_PORT_NAME, type EntriesChanged } from '@/src/protocol/messages';
import { createSettingsStore, SETTINGS_KEY } from '@/src/settings/settings';
import { BUILT_IN_APP_MEDIA_HOSTS, copiedByDefault } from '@/src/offline/default-copies';
import { offlineCatchUpFor } from '@/src/offline/offline-settings-change';
import { createStoryFileSource } from '@/src/offline/story-file-source';
import { saveTextFile } from '@/src/download/save-text';
import { SITE_EXTRACTORS } from '@/src/sites/extractors';
import { RULE_PACKS_KEY } from '@/src/sites/rules/rule-pack-store';
import { RULE_PACK_ALARM, RULE_PACK_CHECK_MINUTES } from '@/src/sites/rules/rule-pack-subscription';
import { createSiteAccess, ENABLED_SITES_KEY, parseEnabledSites } from '@/src/sites/site-access';
import { createVideoAppAccess, VIDEO_APPS_OFF_KEY } from '@/src/sites/video-app-access';
import { VIDEO_APPS } from '@/src/sites/video-apps';
import { createLibraryReader } from '@/src/store/library-reader';
import { createVideoDbConnection } from '@/src/store/video-db';
import { openVideoStore } from '@/src/store/video-store';
import { parseWriteBacklog, WRITE_BACKLOG_KEY } from '@/src/store/write-backlog';

export default defineBackground(() => {
  const { local, session } = browser.storage;
  const { alarms } = browser;
  const now = (): number => Date.now();
  const fetchAny = (url: string, init?: RequestInit): Promise<Response> => fetch(url, init);
  // The capture's writes; whole-entry reads and writes (badge, delete, undo) on a connection of their own.
  const store = openVideoStore();
  const libraryDb = createVideoDbConnection();
  const library = createLibraryReader(libraryDb);
  const seenAt = storageSlot<number>(local, SEEN_AT_KEY);
  const badge = createNewVideosBadge({
    countSince: (time) => library.countSince(time),
    loadSeenAt: async () => ((value) => (typeof value === 'number' ? value : undefined))(await seenAt.load()),
    saveSeenAt: (time) => seenAt.save(time),
    setBadge: (text) => browser.action.setBadgeText({ text }),
    now,
  });
  const refreshBadge = (): void => void badge.refresh().catch(logFailure('could not update the badge'));
  const entriesChanged = (): void => {
    refreshBadge();
    browser.runtime.sendMessage({ type: 'entries-changed' } satisfies EntriesChanged).catch(() => {}); // no open gallery: no receiver
  };

  const settings = createSettingsStore(local);
  const offlineCopies = createOfflineCopies(libraryDb);
  const offline = createOfflineKeeper({
    copies: offlineCopies,
    settings: () => settings.load(),
    fetchMedia: (url, kind, maxBytes, site) => fetchMedia(url, { kind, maxBytes, site, fetch: fetchAny }),
    now,
    log,
    onChanged: entriesChanged,
    whileBusy: (work) => whileKeptAlive(work, () => browser.runtime.getPlatformInfo()),
    copiedByDefault: (entry) => copiedByDefault(entry, BUILT_IN_APP_MEDIA_HOSTS),
  });
  const documentUrls = typeof document !== 'undefined' && typeof URL.createObjectURL === 'function';
  const localCopies = createLocalCopies({
    video: createStoryFileSource(libraryDb, fetchAny),
    hasCopy: async (id) => keptCopy(await offlineCopies.get(id)) !== undefined,
    ...(documentUrls && { urls: URL }),
    offscreen: (globalThis as { chrome?: { offscreen?: OffscreenApi } }).chrome?.offscreen,
    send: (request) => browser.runtime.sendMessage(request),
    documentUrl: browser.runtime.getURL('/offscreen.html'),
    log,
  });
  const linkChecker = createVideoLinkChecker({ store, probe: (url, site) => probeVideoLink(url, fetchAny, site), onEntriesChanged: entriesChanged });
  const settingsNow = () => settings.load();
  const download = createStoredDownloads({
    getEntry: (id) => store.get(id),
    settings: settingsNow,
    downloads: browser.downloads,
    ...(localCopies && { local: localCopies }),
    readable: (entry) => copiedByDefault(entry, BUILT_IN_APP_MEDIA_HOSTS),
    saveText: (name, text) => saveTextFile(browser.downloads, name, text, documentUrls ? URL : undefined),
  });
  const notifier = createDoneNotifier({
    api: () => (browser as { notifications?: NotificationsApi }).notifications, // undefined until the user grants it
    iconUrl: browser.runtime.getURL('/icons/128.png'),
    openGallery: () => browser.tabs.create({ url: browser.runtime.getURL('/gallery.html') }),
    log,
  });
  const doneSignals = createDoneSignalService({
    state: storageSlot(session, DONE_SIGNALS_KEY), // what a capture showed generating outlives a stopped worker, not the browser
    settings: settingsNow,
    getEntry: (id) => store.get(id),
    download: async (entry) => {
      const result = await download(entry.id);
      if (!result.ok) throw new Error(result.error);
    },
    notify: (entry) => notifier.show(entry),
    now,
    log,
  });

  const journal = createStoredCaptureLog(storageSlot(session, CAPTURE_LOG_KEY));
  // Site rule packs (options → Site rules): the built-in extractors with the packs laid over them.
  const rulePacks = createSiteRulePacks({
    builtIns: SITE_EXTRACTORS,
    storage: storageSlot(local, RULE_PACKS_KEY),
    scripting: browser.scripting,
    permissions: browser.permissions,
    fetch: fetchAny,
    now,
    log,
    scheduleChecks: (on) =>
      void alarms.get(RULE_PACK_ALARM).then((alarm) => {
        if (on && !alarm) void alarms.create(RULE_PACK_ALARM, { delayInMinutes: 1, periodInMinutes: RULE_PACK_CHECK_MINUTES });
        if (!on && alarm) void alarms.clear(RULE_PACK_ALARM);
      }),
  });
  const reloadRulePacks = (): void => void rulePacks.reload().catch(logFailure('could not load the site rule packs'));
  const backlog = storageSlot(local, WRITE_BACKLOG_KEY); // refused writes wait here across restarts; the popup says so
  const capture = createCaptureService({
    extensionId: browser.runtime.id,
    store,
    journal,
    extractors: () => rulePacks.extractors(),
    log: (entry) => log(entry.type, entry.streamId ?? '', entry.message),
    onEntriesChanged(entries, { writtenAt }) {
      entriesChanged();
      void linkChecker.check(entries);
      void offline.keep(entries);
      void doneSignals.stored(entries, writtenAt);
    },
    backlog: { load: async () => parseWriteBacklog(await backlog.load()), save: (value) => backlog.save(value) },
  });
  const sweeper = createStaleSweeper({
    store,
    liveEntryIds: () => capture.liveEntryIds(),
    onEntriesChanged: entriesChanged,
    now,
    log,
    wakeLater: (needed, delayMs) => void (needed ? alarms.create(ALARMS.sweep, { delayInMinutes: delayMs / 60_000 }) : alarms.clear(ALARMS.sweep)),
  });

  const enabledSites = storageSlot<string[]>(local, ENABLED_SITES_KEY);
  const sites = createSiteAccess({
    scripting: browser.scripting,
    permissions: browser.permissions,
    store: { load: async () => parseEnabledSites(await enabledSites.load()), save: (origins) => enabledSites.save(origins) },
  });
  const videoApps = createVideoAppAccess({ apps: VIDEO_APPS, scripting: browser.scripting, store: storageSlot(local, VIDEO_APPS_OFF_KEY) });
  const siteStatus = createSiteStatus({ isAppOn: (name) => videoApps.isOn(name), siteStatus: (url) => sites.status(url) });

  const handlers: RequestHandlers = {
    'download-entry': ({ id, rendition }) => download(id, rendition),
    'site-status': ({ url }) => siteStatus(url),
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
    'import-log': createImportLogHandler({ write: (updates) => capture.write(updates), extractors: () => rulePacks.extractors() }),
    ...createPageScanHandlers({
      apply: (updates, at) => store.apply(updates, at),
      probe: (url, pageUrl) => probeVideoLink(url, fetchAny, pageUrl),
      onEntriesChanged: entriesChanged,
      now,
    }),
    // After a delete the copies go a minute later, so an undo puts the entries back with them.
    ...createLibraryHandlers(createLibraryWrites(libraryDb), entriesChanged, () => void alarms.create(ALARMS.pruneOffline, { delayInMinutes: 1 })),
  };

  // Right-click → "Keep this video": the click grants activeTab, so the poster can be read.
  const menuKeeper = createContextMenuKeeper({
    readPoster: async (tabId, frameId, srcUrl) =>
      (await browser.scripting.executeScript({ target: { tabId, frameIds: [frameId] }, func: readVideoPoster, args: [srcUrl] }))[0]?.result,
    apply: (updates, at) => store.apply(updates, at),
    onEntriesChanged: entriesChanged,
    now,
  });
  const contextMenus = (browser as { contextMenus?: ContextMenusApi }).contextMenus;
  const menus = listenToKeepVideoMenus(contextMenus, t('keepThisVideo'), (info, tab) => {
    menuKeeper.onClicked(info, tab).then((result) => {
      if (!result.kept && result.reason !== 'other-menu') log(`"Keep this video" kept nothing: ${result.reason}`);
    }, logFailure('"Keep this video" failed'));
  }, log);
  browser.runtime.onInstalled.addListener(() => void menus.install());
  browser.runtime.onStartup.addListener(() => void menus.install());

  browser.runtime.onConnect.addListener((port) => {
    if (port.name === CAPTURE_PORT_NAME) capture.connect(port);
  });
  // Requests come from the extension's own pages only, never from content scripts; a listener answers with a promise.
  // eslint-disable-next-line @typescript-eslint/no-misused-promises
  browser.runtime.onMessage.addListener((message: unknown, sender): Promise<unknown> | undefined =>
    sender.id === browser.runtime.id && sender.url?.startsWith(browser.runtime.getURL('/')) ? dispatchRequest(handlers, message) : undefined,
  );
  notifier.listen(); // a click on a done notification wakes a stopped worker, which must listen at once
  alarms.onAlarm.addListener(({ name }) =>
    runAlarm(name, {
      [ALARMS.sweep]: () => void sweeper.sweep(),
      [RULE_PACK_ALARM]: () => void rulePacks.updateSubscriptions().catch(logFailure('rule pack update failed')),
      [ALARMS.pruneOffline]: () =>
        void offlineCopies
          .removeOrphans()
          // Deleted videos freed space: what did not fit is tried again.
          .then((removed) => (removed > 0 ? offline.catchUp((limit) => library.newest(limit), { roomGrew: true }) : undefined))
          .catch(logFailure("could not drop deleted videos' copies")),
    }),
  );
  if (localCopies) browser.downloads.onChanged.addListener((delta) => localCopies.downloadChanged(delta));
  const catchUpOffline = (): void => void offline.catchUp((limit) => library.newest(limit)).catch(logFailure('offline catch-up failed'));
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && changes[RULE_PACKS_KEY]) reloadRulePacks();
    // Switched on (or its space raised): copy what the library already holds, newest first, within the cap.
    const change = changes[SETTINGS_KEY];
    const catchUp = area === 'local' && change ? offlineCatchUpFor(change.oldValue, change.newValue) : undefined;
    if (catchUp) void offline.catchUp((limit) => library.newest(limit), catchUp).catch(logFailure('offline catch-up failed'));
  });

  // The first worker of a session ends what the last one left streaming; a restarted one gives relays time to replay.
  void isNewBrowserSession(session, now()).then((sessionStart) => sweeper.sweep({ sessionStart }));
  void capture.restoreBacklog();
  catchUpOffline(); // copies a stopped worker did not finish
  void doneSignals.resume(); // videos a stopped worker saw generating may be done by now
  refreshBadge();
  sites.sync().catch(logFailure('could not restore the enabled sites')); // forgets sites switched off in the browser's own UI
  videoApps.sync().catch(logFailure('could not register the video apps')); // registered, not declared: each can be switched off
  reloadRulePacks(); // an app a pack adds captures once its hosts are granted
  browser.permissions.onAdded.addListener(reloadRulePacks);
  browser.permissions.onRemoved.addListener(reloadRulePacks);
});
