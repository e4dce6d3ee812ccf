import { readOfflineSpace, type OfflineSpace } from '../offline/offline-space';
import { createSettingsStore, MB, SETTINGS_KEY } from '../settings/settings';
import type { VideoDatabase } from '../store/video-db';
import { isEntriesChanged } from './background-client';

/** The browser APIs the notice needs, as the extension page passes them (entrypoints/). */
export interface SpaceNoticeApi {
  storage: {
    local: Parameters<typeof createSettingsStore>[0];
    onChanged: { addListener(listener: (changes: Record<string, unknown>, area: string) => void): void };
  };
  runtime: { getURL(path: string): string; onMessage: { addListener(listener: (message: unknown) => void): void } };
  tabs: { create(options: { url: string }): Promise<unknown> };
}

/** The deps of `placeSpaceNotice` for an extension page, over the browser APIs it is given. */
export function spaceNoticeDeps(
  database: () => Promise<VideoDatabase>,
  api: SpaceNoticeApi,
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
