import type { VideoEntry } from '../store/video-entry';
import { isEntryDate } from '../store/entry-bounds';
import type { SkipReason } from '../store/offline-copy';
import type { EntryMedia } from './entry-media';
import { addEntryPreview } from './entry-preview';
import { formatAbsoluteTime, formatRelativeTime, statusLabel } from './format-entry';
import { appNameOf } from './app-name';
import { openEntryDetail, type EntryDetailActions } from './entry-detail';
import { entryIcon, type EntryIconName } from './entry-icons';
import { isLinkExpired } from './gallery-query';
import { offlineMediaUrl, safeMediaUrl } from './safe-media-url';
import { t, type MessageName } from '../i18n/t';
import { actionButton } from './action-button';

/** A short message under one entry after the user acted on it. */
export interface EntryNotice {
  tone: 'pending' | 'success' | 'error';
  text: string;
}

/** What a rendered entry's buttons do; the URL handed over is already checked to be http(s). */
export interface EntryHandlers {
  download(entry: VideoEntry): void;
  copy(entry: VideoEntry, videoUrl: string): void;
  open(entry: VideoEntry, videoUrl: string): void;
  /** Opens the chat page the video came from; without it the button is disabled. */
  openPage?(entry: VideoEntry, pageUrl: string): void;
  /** Puts text (the prompt) on the clipboard; the card confirms. Without it Copy prompt is disabled. */
  copyText?: (text: string) => Promise<void>;
  /** Downloads rendition `n` of the entry from its detail view (0: the video, n: `alternates[n - 1]`). */
  downloadRendition?: (entry: VideoEntry, rendition: number) => ReturnType<NonNullable<EntryDetailActions['download']>>;
}

export interface EntryRenderOptions {
  now: number;
  notice?: EntryNotice;
  handlers: EntryHandlers;
  /** The entry's offline copy (from the page's `EntryMediaMap`); absent when none was kept. */
  media?: EntryMedia;
  /** The full gallery's click-to-play player on the cover, besides the hover preview. */
  player?: boolean;
}

/** Why no offline copy was kept, in words, for the tooltip of the "No offline copy" mark. */
const MISSING_REASONS = {
  'too-large': 'offlineMissingTooLarge',
  'not-video': 'offlineMissingNotVideo',
  unreachable: 'offlineMissingUnreachable',
} as const satisfies Record<SkipReason, MessageName>;

/**
 * What the entry's preview plays: its offline copy, else its http(s) link while that has not
 * expired; `undefined` when there is nothing to play.
 */
export function previewUrl(entry: VideoEntry, media: EntryMedia | undefined, now: number): string | undefined {
  return offlineMediaUrl(media?.videoUrl) ?? (isLinkExpired(entry, now) ? undefined : safeMediaUrl(entry.videoUrl));
}

// Ids of the hidden texts that say why a button is disabled; unique per page, not per entry
// (entry ids are URLs, no use as element ids).
let explanationCount = 0;

/**
 * One gallery row, `<li class="entry" data-entry-id data-status>`. Every captured string goes
 * in through `textContent` or a DOM attribute setter, never through HTML parsing.
 */
export function renderEntry(doc: Document, entry: VideoEntry, options: EntryRenderOptions): HTMLLIElement {
  const { now, notice, handlers, media } = options;
  const videoUrl = safeMediaUrl(entry.videoUrl);
  const pageUrl = safeMediaUrl(entry.pageUrl);
  const expired = isLinkExpired(entry, now);
  const offlineVideo = offlineMediaUrl(media?.videoUrl);
  const offlineCover = offlineMediaUrl(media?.coverUrl);

  const item = doc.createElement('li');
  item.className = 'entry';
  item.dataset.entryId = entry.id;
  item.dataset.status = entry.status;

  const body = element(doc, 'div', 'entry-body');
  const prompt = element(doc, 'p', 'entry-prompt', entry.prompt || t('noPrompt'));
  if (!entry.prompt) prompt.classList.add('is-missing');
  // The prompt is clamped to a few lines by CSS; the tooltip keeps the whole text. `dir=auto`
  // isolates it, so an RTL override inside a prompt cannot reorder the text around it.
  if (entry.prompt) prompt.title = entry.prompt;
  prompt.dir = 'auto';

  const meta = renderMeta(doc, entry, now);
  const status = renderStatus(doc, item, entry, { expired, offlineVideo, offlineCover, media });

  const actions = element(doc, 'div', 'entry-actions');
  const pending = notice?.tone === 'pending';
  // A partial entry's link was kept on purpose: it downloads like a done one. An expired link
  // downloads only through its offline copy, which the background then saves instead.
  const downloadable = entry.status === 'done' || entry.status === 'partial';
  const download = button(doc, 'download', t('download'), !downloadable || !(offlineVideo || (videoUrl && !expired)));
  if (pending) {
    // aria-disabled, not disabled: a disabled button drops keyboard focus mid-download.
    download.setAttribute('aria-disabled', 'true');
    download.setAttribute('aria-busy', 'true');
  }
  download.addEventListener('click', () => {
    if (!pending) handlers.download(entry);
  });
  // One primary action; the rest are icon buttons named by aria-label (and a tooltip), so the
  // card keeps one row of actions at every width.
  const copyPrompt = iconButton(doc, 'copy-prompt', t('copyPrompt'), !entry.prompt || !handlers.copyText);
  copyPrompt.addEventListener('click', () => {
    if (!entry.prompt || !handlers.copyText) return;
    handlers.copyText(entry.prompt).then(
      () => flash(message, 'success', t('promptCopied')),
      (error: unknown) => flash(message, 'error', t('promptCopyFailed', error instanceof Error ? error.message : String(error))),
    );
  });
  const copy = iconButton(doc, 'copy', t('copyLink'), !videoUrl);
  // An expired link opens nothing; an offline copy is not opened in a tab either, because its
  // `blob:` URL dies with this page (the popup closes as soon as a tab opens).
  const open = iconButton(doc, 'open', t('openVideo'), !videoUrl || expired);
  if (videoUrl) {
    copy.addEventListener('click', () => handlers.copy(entry, videoUrl));
    open.addEventListener('click', () => handlers.open(entry, videoUrl));
  }
  const chat = iconButton(doc, 'open-page', t('openChatPage'), !pageUrl || !handlers.openPage);
  if (pageUrl && handlers.openPage) chat.addEventListener('click', () => handlers.openPage?.(entry, pageUrl));
  const details = detailsButton(doc, entry, handlers, media);
  const more = element(doc, 'span', 'entry-more');
  more.append(copyPrompt, copy, open, chat, details);
  actions.append(download, more);

  const explanation = expired ? explainExpired(doc, offlineVideo ? [open] : [download, open], Boolean(offlineVideo)) : undefined;

  // Always present, even empty: screen readers only announce changes of a live region that
  // already existed.
  const message = element(doc, 'p', 'entry-message', notice?.text ?? '');
  message.setAttribute('role', 'status');
  message.setAttribute('aria-live', 'polite');
  if (notice) message.dataset.tone = notice.tone;

  body.append(prompt, meta, status, actions, ...(explanation ? [explanation] : []), message);
  // The frame holds the cover and whatever plays over or in place of it.
  const frame = element(doc, 'div', 'entry-media');
  frame.append(renderCover(doc, entry, offlineCover));
  item.append(frame, body);
  const url = previewUrl(entry, media, now);
  if (url) {
    addEntryPreview(item, frame, {
      url,
      ...(options.player ? { playerLabel: t('previewVideo', entry.prompt || t('noPrompt')) } : {}),
    });
  }
  return item;
}

/** App (with its letter badge), model and capture time of an entry. */
function renderMeta(doc: Document, entry: VideoEntry, now: number): HTMLElement {
  const meta = element(doc, 'p', 'entry-meta');
  // The app people know (Kling, 清影, a self-hosted UI's host:port), with a letter badge for its icon.
  const app = appNameOf(entry);
  const badge = element(doc, 'span', 'entry-app-badge', app.letter);
  badge.setAttribute('aria-hidden', 'true');
  badge.style.setProperty('--badge-hue', String(app.hue));
  const site = element(doc, 'span', 'entry-site', app.name);
  if (app.label !== app.name) site.title = app.label;
  meta.append(badge, site);
  if (entry.model) meta.append(' · ', element(doc, 'span', 'entry-model', entry.model));
  // The gallery draws whatever the database holds: a broken date (an older bug, a hand-edited
  // profile) must not throw and take every other entry down with it.
  if (isEntryDate(entry.createdAt)) {
    const time = element(doc, 'time', 'entry-time', formatRelativeTime(entry.createdAt, now));
    time.setAttribute('datetime', new Date(entry.createdAt).toISOString());
    time.title = formatAbsoluteTime(entry.createdAt);
    meta.append(' · ', time);
  }
  return meta;
}

/**
 * The status line: the status, then whether the link expired and whether an offline copy is
 * kept (or why none is); marks the same on `item` (`data-expired`, `data-offline`) for the CSS.
 */
function renderStatus(
  doc: Document,
  item: HTMLElement,
  entry: VideoEntry,
  state: { expired: boolean; offlineVideo: string | undefined; offlineCover: string | undefined; media: EntryMedia | undefined },
): HTMLElement {
  const { expired, offlineVideo, offlineCover, media } = state;
  const status = element(doc, 'p', 'entry-status', statusLabel(entry));
  // A signed link past its expiry no longer plays or downloads; the entry keeps its prompt and cover.
  if (expired) {
    item.dataset.expired = 'true';
    status.append(' · ', element(doc, 'span', 'entry-expired', t('linkExpired')));
  }
  if (offlineVideo || offlineCover) {
    item.dataset.offline = offlineVideo ? 'video' : 'cover';
    const mark = element(doc, 'span', 'entry-offline', t('offlineCopy'));
    mark.title = offlineVideo ? t('offlineCopyVideo') : t('offlineCopyCover');
    status.append(' · ', mark);
  } else if (media?.missing) {
    // The user switched copies on; say why this one has none rather than leave them guessing.
    item.dataset.offline = 'missing';
    const why = element(doc, 'span', 'entry-offline-missing', t('offlineMissing'));
    why.title = t(MISSING_REASONS[media.missing]);
    status.append(' · ', why);
  }
  return status;
}

/** The button that opens the entry's detail view (src/gallery/entry-detail.ts). */
function detailsButton(doc: Document, entry: VideoEntry, handlers: EntryHandlers, media: EntryMedia | undefined): HTMLButtonElement {
  const details = iconButton(doc, 'details', t('entryDetails'), false);
  details.setAttribute('aria-haspopup', 'dialog');
  details.addEventListener('click', () => {
    const download = handlers.downloadRendition;
    openEntryDetail(doc, entry, {
      ...(media ? { media } : {}),
      opener: details,
      actions: {
        ...(handlers.copyText ? { copyText: handlers.copyText } : {}),
        ...(download ? { download: (rendition: number) => download(entry, rendition) } : {}),
      },
    });
  });
  return details;
}

/**
 * Why the buttons `targets` of an expired entry do nothing (or play the offline copy only):
 * a hidden text they point at, and their tooltip.
 */
function explainExpired(doc: Document, targets: HTMLElement[], withCopy: boolean): HTMLElement {
  const text = withCopy ? t('expiredWithCopy') : t('expiredNoCopy');
  // Hidden but referenced: aria-describedby reads hidden text, and `title` shows it on hover.
  const explanation = element(doc, 'span', 'entry-explanation', text);
  explanation.id = `entry-explanation-${++explanationCount}`;
  explanation.hidden = true;
  for (const target of targets) {
    target.title = text;
    target.setAttribute('aria-describedby', explanation.id);
  }
  return explanation;
}

/**
 * The cover thumbnail: the offline copy's, else the captured http(s) one; a placeholder when
 * there is neither or it fails to load.
 */
function renderCover(doc: Document, entry: VideoEntry, offlineCover: string | undefined): HTMLElement {
  const coverUrl = offlineCover ?? safeMediaUrl(entry.coverUrl);
  if (!coverUrl) return placeholder(doc);
  const img = doc.createElement('img');
  img.className = 'entry-cover';
  img.alt = '';
  // CDNs of video models often refuse hotlinks that carry the extension's origin as referrer.
  img.setAttribute('referrerpolicy', 'no-referrer');
  img.setAttribute('loading', 'lazy');
  img.src = coverUrl;
  // Signed cover URLs expire; a broken-image icon says less than the placeholder.
  img.addEventListener('error', () => img.replaceWith(placeholder(doc)), { once: true });
  return img;
}

function placeholder(doc: Document): HTMLElement {
  const cover = element(doc, 'div', 'entry-cover entry-cover-placeholder', '▶');
  cover.setAttribute('aria-hidden', 'true');
  return cover;
}

/** A square button showing an icon; its name is `label`, for screen readers and as a tooltip. */
function iconButton(doc: Document, action: EntryIconName, label: string, disabled: boolean): HTMLButtonElement {
  const result = button(doc, action, '', disabled);
  result.classList.add('entry-icon-button');
  result.setAttribute('aria-label', label);
  result.title = label;
  result.append(entryIcon(doc, action));
  return result;
}

/** Shows a short confirmation in the entry's live region, cleared after a few seconds. */
function flash(message: HTMLElement, tone: 'success' | 'error', text: string): void {
  message.textContent = text;
  message.dataset.tone = tone;
  setTimeout(() => {
    if (message.textContent === text) {
      message.textContent = '';
      delete message.dataset.tone;
    }
  }, 4_000);
}

function button(doc: Document, action: string, label: string, disabled: boolean): HTMLButtonElement {
  const result = actionButton(doc, action, label);
  result.className = 'entry-button';
  result.disabled = disabled;
  return result;
}

function element<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  className: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const result = doc.createElement(tag);
  result.className = className;
  if (text !== undefined) result.textContent = text;
  return result;
}
