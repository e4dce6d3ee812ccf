import type { BackgroundRequests } from '../protocol/messages';
import type { VideoEntry } from '../store/video-entry';
import { renderEmptyState } from './empty-state';
import type { EntryMediaMap } from './entry-media';
import type { WriteBacklog } from '../store/write-backlog';
import { isolatedEntry } from './isolated-entry';
import { renderEntry, type EntryHandlers, type EntryNotice } from './render-entry';
import { backlogNoticeText, libraryReadErrorText } from './storage-messages';
import { t } from '../i18n/t';

/** What the background answers to `download-entry`. */
export type DownloadResult = BackgroundRequests['download-entry']['response'];

/** Side effects the gallery asks for; the popup entrypoint supplies the browser-backed ones. */
export interface GalleryActions {
  /** `rendition`: an alternate's number (src/gallery/renditions.ts); absent for the video. */
  download(id: string, rendition?: number): Promise<DownloadResult>;
  copyLink(url: string): Promise<void>;
  /** May return a promise (`tabs.create`) so a failure can be shown under the entry. */
  openVideo(url: string): void | Promise<void>;
  /**
   * Opens an entry's chat page (an http(s) URL, already checked) in a new tab. Optional so
   * older callers still compile; without it the "Open chat page" buttons are disabled.
   */
  openPage?(url: string): void | Promise<void>;
}

export interface RenderGalleryOptions {
  /** Epoch ms the relative times are counted from; defaults to `Date.now()`. */
  now?: number;
  /** Offline copies by entry id: their cover and video are shown instead of the links. Default: none. */
  media?: EntryMediaMap;
}

/** How long a "Saved as …" or error message stays under its entry. */
export const NOTICE_MS = 6_000;

interface TimedNotice extends EntryNotice {
  timer?: ReturnType<typeof setTimeout>;
}

/** What must outlive a re-render: the gallery re-renders on every 🔥 of a generating video. */
interface GalleryState {
  entries: Map<string, VideoEntry>;
  actions: GalleryActions;
  notices: Map<string, TimedNotice>;
  media: EntryMediaMap;
}

const NO_MEDIA: EntryMediaMap = new Map();

const states = new WeakMap<HTMLElement, GalleryState>();

/**
 * Replaces the content of `root` with one `<li class="entry">` per entry, in the given order
 * (the store lists newest first), or with the empty state. Safe to call again with new
 * entries: messages under entries and keyboard focus survive.
 */
export function renderGallery(
  root: HTMLElement,
  entries: VideoEntry[],
  actions: GalleryActions,
  options: RenderGalleryOptions = {},
): void {
  const state = stateOf(root, actions);
  state.entries = new Map(entries.map((entry) => [entry.id, entry]));
  state.media = options.media ?? NO_MEDIA;
  const now = options.now ?? Date.now();
  const doc = root.ownerDocument;
  const focus = focusedAction(root);
  if (entries.length === 0) {
    root.replaceChildren(renderEmptyState(doc));
  } else {
    const list = doc.createElement('ul');
    list.className = 'entries';
    list.append(...entries.map((entry) => isolatedEntry(doc, entry, () => entryElement(root, state, entry, now))));
    root.replaceChildren(list);
  }
  restoreFocus(root, focus);
}

/** Shows why the gallery could not be loaded (and what to do), in place of the entries. */
export function renderGalleryError(root: HTMLElement, error: unknown): void {
  const message = root.ownerDocument.createElement('p');
  message.className = 'load-error';
  message.setAttribute('role', 'alert');
  message.textContent = libraryReadErrorText(error);
  root.replaceChildren(message);
}

/**
 * Shows, in `notice`, that captures wait to be saved because the database refused them (see
 * `WriteBacklog`), or hides it when nothing waits.
 */
export function renderBacklogNotice(notice: HTMLElement, backlog: WriteBacklog | undefined): void {
  notice.className = 'backlog-notice';
  notice.setAttribute('role', 'status');
  notice.hidden = !backlog;
  notice.textContent = backlog ? backlogNoticeText(backlog) : '';
}

function stateOf(root: HTMLElement, actions: GalleryActions): GalleryState {
  let state = states.get(root);
  if (!state) {
    state = { entries: new Map(), actions, notices: new Map(), media: NO_MEDIA };
    states.set(root, state);
  }
  state.actions = actions;
  return state;
}

function entryElement(root: HTMLElement, state: GalleryState, entry: VideoEntry, now: number): HTMLLIElement {
  const notice = state.notices.get(entry.id);
  const media = state.media.get(entry.id);
  return renderEntry(root.ownerDocument, entry, {
    now,
    handlers: handlers(root, state),
    ...(notice ? { notice } : {}),
    ...(media ? { media } : {}),
  });
}

function handlers(root: HTMLElement, state: GalleryState): EntryHandlers {
  return {
    download(entry) {
      const texts = { pending: t('entryDownloading'), failure: (detail: string) => t('entryDownloadFailed', detail) };
      void runAction(root, state, entry.id, texts, async () => {
        const result = await state.actions.download(entry.id);
        if (!result.ok) throw new Error(result.error);
        return t('entrySavedAs', result.filename);
      });
    },
    copy(entry, videoUrl) {
      void runAction(root, state, entry.id, { failure: (detail) => t('entryCopyFailed', detail) }, async () => {
        await state.actions.copyLink(videoUrl);
        return t('entryLinkCopied');
      });
    },
    open(entry, videoUrl) {
      void runAction(root, state, entry.id, { failure: (detail) => t('entryOpenFailed', detail) }, async () => {
        await state.actions.openVideo(videoUrl);
        return undefined;
      });
    },
    copyText: (text) => state.actions.copyLink(text),
    downloadRendition: (entry, rendition) => state.actions.download(entry.id, rendition),
    ...(state.actions.openPage ? { openPage: (entry: VideoEntry, pageUrl: string) => openPage(root, state, entry, pageUrl) } : {}),
  };
}

function openPage(root: HTMLElement, state: GalleryState, entry: VideoEntry, pageUrl: string): void {
  void runAction(root, state, entry.id, { failure: (detail) => t('entryOpenPageFailed', detail) }, async () => {
    await state.actions.openPage?.(pageUrl);
    return undefined;
  });
}

/** Runs one user action and reports its outcome under the entry; never rejects. */
async function runAction(
  root: HTMLElement,
  state: GalleryState,
  id: string,
  texts: { pending?: string; failure: (detail: string) => string },
  action: () => Promise<string | undefined>,
): Promise<void> {
  if (texts.pending) setNotice(root, state, id, { tone: 'pending', text: texts.pending });
  try {
    const done = await action();
    setNotice(root, state, id, done ? { tone: 'success', text: done } : undefined);
  } catch (error) {
    console.error(`[video-keeper] action on ${id} failed`, error);
    setNotice(root, state, id, { tone: 'error', text: texts.failure(errorText(error)) });
  }
}

/** Sets (or clears) the message of one entry and redraws only that entry. */
function setNotice(root: HTMLElement, state: GalleryState, id: string, notice: EntryNotice | undefined): void {
  clearTimeout(state.notices.get(id)?.timer);
  if (notice) {
    const timed: TimedNotice = { ...notice };
    if (notice.tone !== 'pending') {
      timed.timer = setTimeout(() => {
        if (state.notices.get(id) === timed) setNotice(root, state, id, undefined);
      }, NOTICE_MS);
    }
    state.notices.set(id, timed);
  } else {
    state.notices.delete(id);
  }
  const entry = state.entries.get(id);
  const current = findEntryElement(root, id);
  if (!entry || !current) return;
  const focus = focusedAction(root);
  current.replaceWith(entryElement(root, state, entry, Date.now()));
  restoreFocus(root, focus);
}

// Ids are URLs and may hold quotes or brackets, so they are compared, not put in a selector.
function findEntryElement(root: HTMLElement, id: string): HTMLElement | undefined {
  return Array.from(root.querySelectorAll<HTMLElement>('li.entry')).find((item) => item.dataset.entryId === id);
}

interface FocusedAction {
  id: string;
  action: string;
}

function focusedAction(root: HTMLElement): FocusedAction | undefined {
  const active = root.ownerDocument.activeElement as HTMLElement | null | undefined;
  if (!active || !root.contains(active)) return undefined;
  const id = active.closest<HTMLElement>('li.entry')?.dataset.entryId;
  const action = active.dataset.action;
  return id !== undefined && action !== undefined ? { id, action } : undefined;
}

function restoreFocus(root: HTMLElement, focus: FocusedAction | undefined): void {
  if (!focus) return;
  const target = findEntryElement(root, focus.id)?.querySelector<HTMLButtonElement>(`button[data-action="${focus.action}"]`);
  if (target && !target.disabled) target.focus();
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
