import type { DownloadResult } from '../download/download-entry';
import { saveTextFile } from '../download/save-text';
import { BUILT_IN_APP_MEDIA_HOSTS, copiedByDefault } from '../offline/default-copies';
import { fetchMedia } from '../offline/fetch-media';
import { createOfflineCopies, keptCopy } from '../offline/offline-copies';
import { createOfflineKeeper } from '../offline/offline-keeper';
import { offlineCatchUpFor } from '../offline/offline-settings-change';
import type { OffscreenApi } from '../offline/offscreen-urls';
import { createStoryFileSource } from '../offline/story-file-source';
import { SETTINGS_KEY, type Settings } from '../settings/settings';
import type { VideoEntry } from '../store/video-entry';
import { ALARMS } from './alarms';
import type { BackgroundApis } from './background-apis';
import { createStoredDownloads } from './download-stored';
import { whileKeptAlive } from './keep-alive';
import { createLocalCopies } from './local-copies';
import { log, logFailure } from './log';
import type { BackgroundLibrary } from './wire-library';

/** The keeping of files: offline copies of what is captured, and the one download path. */
export interface Keeping {
  /** Copies what qualifies of entries just stored. */
  keep(entries: readonly VideoEntry[]): void;
  /** The gallery's Download and the auto-download (src/background/download-stored.ts). */
  download(id: string, rendition?: number): Promise<DownloadResult>;
  /** Copies what the library already holds and a stopped worker did not finish. */
  catchUp(): void;
  /** After a delete the copies go a minute later, so an undo puts the entries back with them. */
  pruneLater(): void;
  /** The alarm tasks of this feature, by alarm name. */
  alarms: Record<string, () => void>;
}

/**
 * Offline copies (src/offline/), the download flow and where Chrome makes a copy's `blob:` URL
 * (src/background/local-copies.ts), wired to the browser: downloads' progress, the settings'
 * changes (switched on, more room: catch up) and the alarm that drops deleted videos' copies.
 */
export function wireKeeping(
  apis: Pick<BackgroundApis, 'runtime' | 'storage' | 'alarms' | 'downloads'>,
  deps: {
    library: BackgroundLibrary;
    settings: () => Promise<Settings>;
    fetch: (url: string, init?: RequestInit) => Promise<Response>;
    now: () => number;
    /** `chrome.offscreen`, where the background is a service worker. */
    offscreen?: OffscreenApi;
  },
): Keeping {
  const { library } = deps;
  const copies = createOfflineCopies(library.db);
  const offline = createOfflineKeeper({
    copies,
    settings: deps.settings,
    fetchMedia: (url, kind, maxBytes, site) => fetchMedia(url, { kind, maxBytes, site, fetch: deps.fetch }),
    now: deps.now,
    log,
    onChanged: () => library.changed(),
    whileBusy: (work) => whileKeptAlive(work, () => apis.runtime.getPlatformInfo()),
    copiedByDefault: (entry) => copiedByDefault(entry, BUILT_IN_APP_MEDIA_HOSTS),
  });
  // Firefox's background is a page: it makes object URLs itself; Chrome's worker asks its offscreen document.
  const documentUrls = typeof document !== 'undefined' && typeof URL.createObjectURL === 'function';
  const localCopies = createLocalCopies({
    video: createStoryFileSource(library.db, deps.fetch),
    hasCopy: async (id) => keptCopy(await copies.get(id)) !== undefined,
    ...(documentUrls && { urls: URL }),
    ...(deps.offscreen && { offscreen: deps.offscreen }),
    send: (request) => apis.runtime.sendMessage(request),
    documentUrl: apis.runtime.getURL('/offscreen.html'),
    log,
  });
  if (localCopies) apis.downloads.onChanged.addListener((delta) => localCopies.downloadChanged(delta));
  const download = createStoredDownloads({
    getEntry: (id) => library.store.get(id),
    settings: deps.settings,
    downloads: apis.downloads,
    ...(localCopies && { local: localCopies }),
    readable: (entry) => copiedByDefault(entry, BUILT_IN_APP_MEDIA_HOSTS),
    saveText: (name, text) => saveTextFile(apis.downloads, name, text, documentUrls ? URL : undefined),
  });

  const catchUp = (options?: { roomGrew: boolean }): void =>
    void offline.catchUp((limit) => library.reader.newest(limit), options).catch(logFailure('offline catch-up failed'));
  apis.storage.onChanged.addListener((changes, area) => {
    // Switched on (or its space raised): copy what the library already holds, newest first, within the cap.
    const change = changes[SETTINGS_KEY];
    const wanted = area === 'local' && change ? offlineCatchUpFor(change.oldValue, change.newValue) : undefined;
    if (wanted) catchUp(wanted);
  });
  return {
    keep: (entries) => void offline.keep(entries),
    download,
    catchUp: () => catchUp(),
    pruneLater: () => void apis.alarms.create(ALARMS.pruneOffline, { delayInMinutes: 1 }),
    alarms: {
      [ALARMS.pruneOffline]: () =>
        void copies
          .removeOrphans()
          // Deleted videos freed space: what did not fit is tried again.
          .then((removed) => (removed > 0 ? offline.catchUp((limit) => library.reader.newest(limit), { roomGrew: true }) : undefined))
          .catch(logFailure("could not drop deleted videos' copies")),
    },
  };
}
