import { browser } from 'wxt/browser';
import { ALARMS, runAlarm } from '@/src/background/alarms';
import type { BackgroundApis } from '@/src/background/background-apis';
import { createCaptureService } from '@/src/background/capture-service';
import { log } from '@/src/background/log';
import { probeVideoLink } from '@/src/background/probe-video-link';
import { dispatchRequest, type RequestHandlers } from '@/src/background/request-handlers';
import { createStaleSweeper, sweepAtWorkerStart } from '@/src/background/stale-sweeper';
import { storageSlot } from '@/src/background/storage-slot';
import { CAPTURE_LOG_KEY, createStoredCaptureLog } from '@/src/background/stored-capture-log';
import { createVideoLinkChecker } from '@/src/background/video-link-checker';
import { wireDoneSignals } from '@/src/background/wire-done-signals';
import { wireKeeping } from '@/src/background/wire-keeping';
import { wireLibrary } from '@/src/background/wire-library';
import { wireRulePacks } from '@/src/background/wire-rule-packs';
import { wireSiteAccess } from '@/src/background/wire-site-access';
import type { ContextMenusApi } from '@/src/context-menu/register-menus';
import { wireKeepMenu } from '@/src/context-menu/wire-keep-menu';
import { createImportLogHandler } from '@/src/library/import-log-handler';
import { createLibraryHandlers } from '@/src/library/library-handlers';
import { createLibraryWrites } from '@/src/library/library-writes';
import type { OffscreenApi } from '@/src/offline/offscreen-urls';
import { createPageScanHandlers } from '@/src/page-scan/page-scan-handlers';
import { CAPTURE_PORT_NAME } from '@/src/protocol/messages';
import { createSettingsStore } from '@/src/settings/settings';
import { parseWriteBacklog, WRITE_BACKLOG_KEY } from '@/src/store/write-backlog';

// Only wiring: each feature's module creates its services and registers its listeners, all in the
// worker's first turn (a stopped worker is woken by the event it must already be listening for).
export default defineBackground(() => {
  const apis: BackgroundApis = browser;
  const now = (): number => Date.now();
  const fetchAny = (url: string, init?: RequestInit): Promise<Response> => fetch(url, init);
  const library = wireLibrary(apis, now);
  const settings = createSettingsStore(apis.storage.local);
  const settingsNow = () => settings.load();
  const offscreen = (globalThis as { chrome?: { offscreen?: OffscreenApi } }).chrome?.offscreen;
  const keeping = wireKeeping(apis, { library, settings: settingsNow, fetch: fetchAny, now, ...(offscreen && { offscreen }) });
  const doneSignals = wireDoneSignals(apis, { getEntry: (id) => library.store.get(id), settings: settingsNow, download: (id) => keeping.download(id), now });
  const linkChecker = createVideoLinkChecker({ store: library.store, probe: (url, site) => probeVideoLink(url, fetchAny, site), onEntriesChanged: () => library.changed() });
  const rulePacks = wireRulePacks(apis, { fetch: fetchAny, now });
  const journal = createStoredCaptureLog(storageSlot(apis.storage.session, CAPTURE_LOG_KEY));
  const backlog = storageSlot(apis.storage.local, WRITE_BACKLOG_KEY); // refused writes wait here across restarts; the popup says so
  const capture = createCaptureService({
    extensionId: apis.runtime.id,
    store: library.store,
    journal,
    extractors: () => rulePacks.packs.extractors(),
    log: (entry) => log(entry.type, entry.streamId ?? '', entry.message),
    onEntriesChanged(entries, { writtenAt }) {
      library.changed();
      void linkChecker.check(entries);
      keeping.keep(entries);
      void doneSignals.stored(entries, writtenAt);
    },
    backlog: { load: async () => parseWriteBacklog(await backlog.load()), save: (value) => backlog.save(value) },
  });
  const write = (updates: Parameters<typeof capture.write>[0]) => capture.write(updates);
  const sweeper = createStaleSweeper({
    store: library.store,
    liveEntryIds: () => capture.liveEntryIds(),
    onEntriesChanged: () => library.changed(),
    now,
    log,
    wakeLater: (needed, delayMs) => void (needed ? apis.alarms.create(ALARMS.sweep, { delayInMinutes: delayMs / 60_000 }) : apis.alarms.clear(ALARMS.sweep)),
  });
  wireKeepMenu(apis, (browser as { contextMenus?: ContextMenusApi }).contextMenus, { write, now });

  const handlers: RequestHandlers = {
    ...wireSiteAccess(apis),
    'download-entry': ({ id, rendition }) => keeping.download(id, rendition),
    'capture-log': () => Promise.resolve({ records: journal.records() }),
    'clear-capture-log': () => Promise.resolve((journal.clear(), { ok: true as const })),
    'mark-seen': () => library.markSeen(),
    'import-log': createImportLogHandler({ write, extractors: () => rulePacks.packs.extractors() }),
    ...createPageScanHandlers({ write, probe: (url, pageUrl) => probeVideoLink(url, fetchAny, pageUrl), now }),
    ...createLibraryHandlers(createLibraryWrites(library.db), () => library.changed(), () => keeping.pruneLater()),
  };
  apis.runtime.onConnect.addListener((port) => {
    if (port.name === CAPTURE_PORT_NAME) capture.connect(port);
  });
  // Requests come from the extension's own pages only, never from content scripts; a listener answers with a promise.
  // eslint-disable-next-line @typescript-eslint/no-misused-promises
  browser.runtime.onMessage.addListener((message: unknown, sender): Promise<unknown> | undefined =>
    sender.id === browser.runtime.id && sender.url?.startsWith(browser.runtime.getURL('/')) ? dispatchRequest(handlers, message) : undefined,
  );
  apis.alarms.onAlarm.addListener(({ name }) => runAlarm(name, { [ALARMS.sweep]: () => void sweeper.sweep(), ...rulePacks.alarms, ...keeping.alarms }));

  // The first worker of a session ends what the last one left streaming; a restarted one gives relays time to replay.
  void sweepAtWorkerStart(sweeper, apis.storage.session, now);
  void capture.restoreBacklog();
  keeping.catchUp(); // copies a stopped worker did not finish
  void doneSignals.resume(); // videos a stopped worker saw generating may be done by now
  library.refreshBadge();
});
