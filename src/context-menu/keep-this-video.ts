import { parseHttpUrl } from '../extract/http-url';
import { judgeLink } from '../extract/link-kind';
import { videoKey } from '../extract/video-key';
import { keptVideoUpdate } from '../page-scan/found-video-entry';
import type { FoundVideo } from '../page-scan/parse-page-scan';
import type { EntryUpdate } from '../store/merge-entry';
import type { VideoEntry } from '../store/video-entry';

/** Menu item on a `<video>` element. */
export const KEEP_VIDEO_MENU = 'keep-this-video';
/** Menu item on a link to a video file. */
export const KEEP_VIDEO_LINK_MENU = 'keep-this-video-link';

const VIDEO_EXTENSIONS = ['mp4', 'webm', 'mov', 'm4v', 'mkv', 'ogv'];
/**
 * Links the menu shows on: a path ending in a video file name, with or without a query. Match
 * patterns are case-sensitive, so the upper-case spelling is listed too.
 */
export const VIDEO_LINK_PATTERNS = VIDEO_EXTENSIONS.flatMap((extension) =>
  [extension, extension.toUpperCase()].flatMap((name) => [`*://*/*.${name}`, `*://*/*.${name}?*`]),
);

/** One `contextMenus.create` argument. */
export interface MenuItem {
  id: string;
  title: string;
  contexts: Array<'video' | 'link'>;
  targetUrlPatterns?: string[];
}

/**
 * The two "Keep this video" items: on any `<video>` (no URL filter: a proxy address names no
 * file, and a `blob:` source is answered with a reason), and on links to video files.
 */
export function keepVideoMenuItems(title: string): MenuItem[] {
  return [
    { id: KEEP_VIDEO_MENU, title, contexts: ['video'] },
    { id: KEEP_VIDEO_LINK_MENU, title, contexts: ['link'], targetUrlPatterns: VIDEO_LINK_PATTERNS },
  ];
}

/** The fields of `contextMenus.OnClickData` read here. */
export interface MenuClick {
  menuItemId: string | number;
  mediaType?: string;
  srcUrl?: string;
  linkUrl?: string;
  pageUrl?: string;
  frameId?: number;
}

/** The fields of the clicked tab read here. */
export interface MenuTab {
  id?: number;
  url?: string;
  title?: string;
}

export interface ContextMenuKeeperDeps {
  /** `readVideoPoster(srcUrl)` run in frame `frameId` of tab `tabId`; its raw (untrusted) answer. */
  readPoster(tabId: number, frameId: number, srcUrl: string): Promise<unknown>;
  /** Stores updates through the background's one write queue (src/background/write-queue.ts); resolves with the stored entries. */
  write(updates: EntryUpdate[]): Promise<VideoEntry[]>;
  now(): number;
}

/** What a click did: kept (and whether the library already had it), or why not. */
export type KeepClickResult =
  | { kept: true; added: boolean; entryId: string }
  | { kept: false; reason: 'other-menu' | 'stream' | 'not-video' | 'no-page' };

/**
 * Handles a click on "Keep this video": the clicked `<video>`'s source (`srcUrl`) or link
 * (`linkUrl`) becomes a `context-menu` entry with the page's address and title, and for a
 * `<video>`, its poster as the cover (read from the clicked frame; a failure to read it keeps the
 * video without one). A `blob:` source (MediaSource) has no file to keep; images and pages are
 * refused as the page scan refuses them.
 */
export function createContextMenuKeeper(deps: ContextMenuKeeperDeps): { onClicked(info: MenuClick, tab?: MenuTab): Promise<KeepClickResult> } {
  return {
    async onClicked(info, tab) {
      const onVideo = info.menuItemId === KEEP_VIDEO_MENU;
      if (!onVideo && info.menuItemId !== KEEP_VIDEO_LINK_MENU) return { kept: false, reason: 'other-menu' };
      const target = onVideo ? info.srcUrl : info.linkUrl;
      if (onVideo && /^blob:/i.test(target ?? '')) return { kept: false, reason: 'stream' };
      const url = parseHttpUrl(target);
      if (!url || judgeLink({ url, hint: 'video' }).kind !== 'video') return { kept: false, reason: 'not-video' };
      const video: FoundVideo = { url, key: videoKey(url) };
      if (onVideo && tab?.id !== undefined && target) {
        const poster = await deps.readPoster(tab.id, info.frameId ?? 0, target).catch(() => undefined);
        const cover = parseHttpUrl(typeof poster === 'string' ? poster : undefined);
        if (cover && judgeLink({ url: cover, hint: 'cover' }).kind === 'cover') video.coverUrl = cover;
      }
      const page = { pageUrl: tab?.url ?? info.pageUrl ?? '', ...(tab?.title ? { title: tab.title } : {}) };
      const update = keptVideoUpdate(video, page, 'context-menu');
      if (!update) return { kept: false, reason: 'no-page' };
      const before = deps.now();
      const [stored] = await deps.write([update]);
      // Created by this write (stored at or after `before`), not one the library held.
      return { kept: true, added: stored !== undefined && stored.createdAt >= before, entryId: stored?.id ?? update.id };
    },
  };
}
