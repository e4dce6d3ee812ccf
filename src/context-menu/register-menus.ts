import { keepVideoMenuItems, type MenuClick, type MenuItem, type MenuTab } from './keep-this-video';

/** The part of `contextMenus` used here. */
export interface ContextMenusApi {
  create(item: MenuItem): unknown;
  removeAll(): Promise<void>;
  onClicked: { addListener(listener: (info: MenuClick, tab?: MenuTab) => void): void };
}

/**
 * Listens for "Keep this video" clicks, at once (a click wakes a stopped worker, which must
 * listen before its first await), and returns `install`, which (re)creates the items: Chrome
 * keeps them across restarts, but an update or a reload of the extension needs them again, and
 * `removeAll` first keeps a second `create` of the same id from failing. Firefox for Android has
 * no menus API: there `contextMenus` is undefined and nothing is registered.
 */
export function listenToKeepVideoMenus(
  api: ContextMenusApi | undefined,
  title: string,
  onClicked: (info: MenuClick, tab?: MenuTab) => void,
  log: (message: string) => void,
): { install(): Promise<void> } {
  try {
    api?.onClicked.addListener(onClicked);
  } catch (error) {
    log(`no context menu: ${String(error)}`);
  }
  return {
    async install() {
      if (!api) return;
      try {
        await api.removeAll();
        for (const item of keepVideoMenuItems(title)) api.create(item);
      } catch (error) {
        log(`could not add "Keep this video" to the context menu: ${String(error)}`);
      }
    },
  };
}
