import type { WxtBrowser } from 'wxt/browser';
import { isEntriesChanged } from '../gallery/background-client';
import { createSettingsStore, MB, SETTINGS_KEY } from '../settings/settings';
import type { VideoDatabase } from '../store/video-db';
import { readOfflineSpace, type OfflineSpace } from './offline-space';

/** The deps of `placeSpaceNotice` for an extension page, over the browser APIs it is given. */
export function spaceNoticeDeps(
  database: () => Promise<VideoDatabase>,
  api: Pick<WxtBrowser, 'storage' | 'runtime' | 'tabs'>,
): { read(): Promise<OfflineSpace>; openSettings(): void; onChange(listener: () => void): void } {
  const settings = createSettingsStore(api.storage.local);
  return {
    read: async () => readOfflineSpace(database, (await settings.load()).offlineCapMb * MB),
    openSettings: () => void api.tabs.create({ url: api.runtime.getURL('/options.html#offline') }),
    onChange(listener) {
      api.runtime.onMessage.addListener((message: unknown) => {
        if (isEntriesChanged(message)) listener();
      });
      api.storage.onChanged.addListener((changes, area) => {
        if (area === 'local' && SETTINGS_KEY in changes) listener();
      });
    },
  };
}
