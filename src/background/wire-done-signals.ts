import type { DownloadResult } from '../download/download-entry';
import type { Settings } from '../settings/settings';
import type { VideoEntry } from '../store/video-entry';
import type { BackgroundApis } from './background-apis';
import { createDoneNotifier } from './done-notification';
import { createDoneSignalService, type DoneSignalService } from './done-signal-service';
import { DONE_SIGNALS_KEY } from './done-signals';
import { log } from './log';
import { storageSlot } from './storage-slot';

/**
 * The done signals (auto-download, notification) wired to the browser. The notification's click
 * is listened to at once (it wakes a stopped worker, which must listen before its first await)
 * and again when a permission is granted (the API appears with it).
 */
export function wireDoneSignals(
  apis: Pick<BackgroundApis, 'runtime' | 'storage' | 'tabs' | 'notifications' | 'permissions'>,
  deps: {
    getEntry: (id: string) => Promise<VideoEntry | undefined>;
    settings: () => Promise<Settings>;
    download: (id: string) => Promise<DownloadResult>;
    now: () => number;
  },
): DoneSignalService {
  const notifier = createDoneNotifier({
    api: () => apis.notifications, // undefined until the user grants it
    iconUrl: apis.runtime.getURL('/icons/128.png'),
    openGallery: () => apis.tabs.create({ url: apis.runtime.getURL('/gallery.html') }),
    log,
  });
  notifier.listen();
  apis.permissions.onAdded.addListener(() => notifier.listen());
  return createDoneSignalService({
    state: storageSlot(apis.storage.session, DONE_SIGNALS_KEY), // what a capture showed generating outlives a stopped worker, not the browser
    settings: deps.settings,
    getEntry: deps.getEntry,
    download: async (entry) => {
      const result = await deps.download(entry.id);
      if (!result.ok) throw new Error(result.error);
    },
    notify: (entry) => notifier.show(entry),
    now: deps.now,
    log,
  });
}
