import type { VideoEntry } from '../store/video-entry';
import { formatAbsoluteTime, formatRelativeTime, siteHost, statusLabel } from './format-entry';
import { isLinkExpired } from './gallery-query';
import { safeMediaUrl } from './safe-media-url';
import { t } from '../i18n/t';

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
}

export interface EntryRenderOptions {
  now: number;
  notice?: EntryNotice;
  handlers: EntryHandlers;
}

/**
 * One gallery row, `<li class="entry" data-entry-id data-status>`. Every captured string goes
 * in through `textContent` or a DOM attribute setter, never through HTML parsing.
 */
export function renderEntry(doc: Document, entry: VideoEntry, options: EntryRenderOptions): HTMLLIElement {
  const { now, notice, handlers } = options;
  const videoUrl = safeMediaUrl(entry.videoUrl);

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

  const meta = element(doc, 'p', 'entry-meta');
  meta.append(element(doc, 'span', 'entry-site', siteHost(entry.site)));
  if (entry.model) meta.append(' · ', element(doc, 'span', 'entry-model', entry.model));
  // The gallery draws whatever the database holds: a broken date (an older bug, a hand-edited
  // profile) must not throw and take every other entry down with it.
  if (Number.isFinite(entry.createdAt)) {
    const time = element(doc, 'time', 'entry-time', formatRelativeTime(entry.createdAt, now));
    time.setAttribute('datetime', new Date(entry.createdAt).toISOString());
    time.title = formatAbsoluteTime(entry.createdAt);
    meta.append(' · ', time);
  }

  const status = element(doc, 'p', 'entry-status', statusLabel(entry));
  // A signed link past its expiry no longer plays or downloads; the entry keeps its prompt and cover.
  if (isLinkExpired(entry, now)) {
    item.dataset.expired = 'true';
    status.append(' · ', element(doc, 'span', 'entry-expired', t('linkExpired')));
  }

  const actions = element(doc, 'div', 'entry-actions');
  const pending = notice?.tone === 'pending';
  // A partial entry's link was kept on purpose: it downloads like a done one.
  const downloadable = entry.status === 'done' || entry.status === 'partial';
  const download = button(doc, 'download', t('download'), !downloadable || !videoUrl);
  if (pending) {
    // aria-disabled, not disabled: a disabled button drops keyboard focus mid-download.
    download.setAttribute('aria-disabled', 'true');
    download.setAttribute('aria-busy', 'true');
  }
  download.addEventListener('click', () => {
    if (!pending) handlers.download(entry);
  });
  const copy = button(doc, 'copy', t('copyLink'), !videoUrl);
  const open = button(doc, 'open', t('openVideo'), !videoUrl);
  if (videoUrl) {
    copy.addEventListener('click', () => handlers.copy(entry, videoUrl));
    open.addEventListener('click', () => handlers.open(entry, videoUrl));
  }
  actions.append(download, copy, open);

  // Always present, even empty: screen readers only announce changes of a live region that
  // already existed.
  const message = element(doc, 'p', 'entry-message', notice?.text ?? '');
  message.setAttribute('role', 'status');
  message.setAttribute('aria-live', 'polite');
  if (notice) message.dataset.tone = notice.tone;

  body.append(prompt, meta, status, actions, message);
  item.append(renderCover(doc, entry), body);
  return item;
}

/** The cover thumbnail, or a placeholder when there is no http(s) cover or it fails to load. */
function renderCover(doc: Document, entry: VideoEntry): HTMLElement {
  const coverUrl = safeMediaUrl(entry.coverUrl);
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

function button(doc: Document, action: string, label: string, disabled: boolean): HTMLButtonElement {
  const result = element(doc, 'button', 'entry-button', label);
  result.type = 'button';
  result.dataset.action = action;
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
