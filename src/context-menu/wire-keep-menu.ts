import type { BackgroundApis } from '../background/background-apis';
import { log, logFailure } from '../background/log';
import { t } from '../i18n/t';
import type { EntryUpdate } from '../store/merge-entry';
import type { VideoEntry } from '../store/video-entry';
import { createContextMenuKeeper } from './keep-this-video';
import { readVideoPoster } from './read-poster';
import { listenToKeepVideoMenus, type ContextMenusApi } from './register-menus';

/**
 * Right-click → "Keep this video", wired to the browser: the click is listened to at once (it
 * wakes a stopped worker), the items are installed again at each install and start, and the
 * click grants `activeTab`, so the clicked `<video>`'s poster can be read from its frame.
 */
export function wireKeepMenu(
  apis: Pick<BackgroundApis, 'runtime' | 'scripting'>,
  /** Undefined where the browser has no menus (Firefox for Android). */
  contextMenus: ContextMenusApi | undefined,
  deps: { write: (updates: EntryUpdate[]) => Promise<VideoEntry[]>; now: () => number },
): void {
  const keeper = createContextMenuKeeper({
    readPoster: async (tabId, frameId, srcUrl) =>
      (await apis.scripting.executeScript({ target: { tabId, frameIds: [frameId] }, func: readVideoPoster, args: [srcUrl] }))[0]?.result,
    write: deps.write,
    now: deps.now,
  });
  const menus = listenToKeepVideoMenus(contextMenus, t('keepThisVideo'), (info, tab) => {
    keeper.onClicked(info, tab).then((result) => {
      if (!result.kept && result.reason !== 'other-menu') log(`"Keep this video" kept nothing: ${result.reason}`);
    }, logFailure('"Keep this video" failed'));
  }, log);
  apis.runtime.onInstalled.addListener(() => void menus.install());
  apis.runtime.onStartup.addListener(() => void menus.install());
}
