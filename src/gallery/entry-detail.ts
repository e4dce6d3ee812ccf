import type { BackgroundRequests } from '../protocol/messages';
import type { EntrySource, VideoEntry } from '../store/video-entry';
import { isEntryDate } from '../store/entry-bounds';
import { t, type MessageName } from '../i18n/t';
import { appNameOf } from './app-name';
import type { EntryMedia } from './entry-media';
import { formatAbsoluteTime, statusLabel } from './format-entry';
import { entryRenditions, type Rendition } from './renditions';
import { offlineMediaUrl, safeMediaUrl } from './safe-media-url';

/** What the background answers to one download. */
type DownloadResult = BackgroundRequests['download-entry']['response'];

/** What the detail view can do besides showing the entry. */
export interface EntryDetailActions {
  /** Puts the prompt on the clipboard. */
  copyText?(text: string): Promise<void>;
  /** Downloads rendition `n` (0: the video, n: `alternates[n - 1]`). */
  download?(rendition: number): Promise<DownloadResult>;
}

const SOURCE_NAMES = {
  stream: 'sourceStream',
  site: 'sourceSite',
  'site-generic': 'sourceSiteGeneric',
  'found-on-page': 'sourceFoundOnPage',
  'context-menu': 'sourceContextMenu',
  'chat-history': 'sourceChatHistory',
} as const satisfies Record<EntrySource, MessageName>;

/**
 * Shows everything known of one entry in a modal `<dialog>` on `doc.body`: the whole prompt
 * (with Copy prompt), app, model, task, status, size, duration, dates, source, page, input image
 * and every rendition with its own Download. A dialog rather than an expanded card: cards are
 * redrawn on every change of the library, a dialog outside the list is not. Closing it (Esc,
 * Close, a click on the backdrop) removes it and gives focus back to `opener`. Captured text goes
 * in as text only.
 */
export function openEntryDetail(
  doc: Document,
  entry: VideoEntry,
  options: { media?: EntryMedia; actions: EntryDetailActions; opener?: HTMLElement },
): HTMLDialogElement {
  const { media, actions, opener } = options;
  const dialog = doc.createElement('dialog');
  dialog.className = 'entry-detail';
  const heading = element(doc, 'h2', 'entry-detail-title', t('detailTitle'));
  heading.id = `entry-detail-title-${++detailCount}`;
  dialog.setAttribute('aria-labelledby', heading.id);
  const close = doc.createElement('button');
  close.type = 'button';
  close.className = 'entry-detail-close entry-button';
  close.dataset.action = 'close-detail';
  close.textContent = t('detailClose');
  close.addEventListener('click', () => dialog.close());
  const header = element(doc, 'div', 'entry-detail-header');
  header.append(heading, close);

  // Always present: the live region announces copy and download outcomes.
  const message = element(doc, 'p', 'entry-detail-message');
  message.setAttribute('role', 'status');
  message.setAttribute('aria-live', 'polite');
  const say = (tone: 'success' | 'error' | 'pending', text: string): void => {
    message.textContent = text;
    message.dataset.tone = tone;
  };

  const prompt = element(doc, 'p', 'entry-detail-prompt', entry.prompt || t('noPrompt'));
  prompt.dir = 'auto';
  if (!entry.prompt) prompt.classList.add('is-missing');
  const copy = doc.createElement('button');
  copy.type = 'button';
  copy.className = 'entry-button';
  copy.dataset.action = 'copy-prompt';
  copy.textContent = t('copyPrompt');
  copy.disabled = !entry.prompt || !actions.copyText;
  copy.addEventListener('click', () => {
    if (!entry.prompt || !actions.copyText) return;
    actions.copyText(entry.prompt).then(
      () => say('success', t('promptCopied')),
      (error: unknown) => say('error', t('promptCopyFailed', errorText(error))),
    );
  });
  const promptBlock = element(doc, 'div', 'entry-detail-prompt-block');
  promptBlock.append(prompt, copy);

  const facts = renderFacts(doc, entry);

  const cover = offlineMediaUrl(media?.coverUrl) ?? safeMediaUrl(entry.coverUrl);
  const body = element(doc, 'div', 'entry-detail-body');
  if (cover) {
    const image = doc.createElement('img');
    image.className = 'entry-detail-cover';
    image.alt = '';
    image.setAttribute('referrerpolicy', 'no-referrer');
    image.src = cover;
    image.addEventListener('error', () => image.remove(), { once: true });
    body.append(image);
  }
  body.append(promptBlock, facts);

  const renditions = renderRenditions(doc, entry, `${heading.id}-files`, actions, say);
  if (renditions) body.append(renditions);

  dialog.append(header, body, message);
  // A click on the backdrop is a click on the dialog itself, outside its content.
  dialog.addEventListener('click', (event) => {
    if (event.target === dialog) dialog.close();
  });
  dialog.addEventListener('close', () => {
    dialog.remove();
    if (opener?.isConnected) opener.focus();
  });
  doc.body.append(dialog);
  if (typeof dialog.showModal === 'function') dialog.showModal();
  else dialog.setAttribute('open', '');
  return dialog;
}

let detailCount = 0;

/** App, model, task, status, size, duration, dates, source, page and input image, each when known. */
function renderFacts(doc: Document, entry: VideoEntry): HTMLDListElement {
  const facts = element(doc, 'dl', 'entry-detail-facts');
  const fact = (name: MessageName, value: string | Node | undefined): void => {
    if (value === undefined || value === '') return;
    facts.append(element(doc, 'dt', '', t(name)));
    const definition = element(doc, 'dd', '');
    definition.append(value);
    facts.append(definition);
  };
  const app = appNameOf(entry);
  fact('detailApp', app.label === app.name ? app.name : `${app.name} · ${app.label}`);
  fact('filterModel', entry.model);
  fact('detailTask', entry.taskId);
  fact('filterStatus', statusLabel(entry));
  if (isSize(entry.width) && isSize(entry.height)) fact('detailSize', t('sizePixels', entry.width, entry.height));
  if (isSize(entry.durationMs)) fact('detailDuration', t('durationSeconds', Math.round(entry.durationMs / 100) / 10));
  if (isEntryDate(entry.createdAt)) fact('detailCreated', formatAbsoluteTime(entry.createdAt));
  if (isEntryDate(entry.updatedAt) && entry.updatedAt !== entry.createdAt) fact('detailUpdated', formatAbsoluteTime(entry.updatedAt));
  fact('detailSource', t(SOURCE_NAMES[entry.source ?? 'stream'] ?? 'sourceStream'));
  const page = safeMediaUrl(entry.pageUrl);
  if (page) fact('detailPage', link(doc, page, page));
  const input = safeMediaUrl(entry.inputImageUrl);
  if (input) {
    const image = doc.createElement('img');
    image.className = 'entry-detail-input';
    image.alt = t('detailInputImage');
    image.setAttribute('referrerpolicy', 'no-referrer');
    image.src = input;
    fact('detailInputImage', link(doc, input, image));
  }
  return facts;
}

/**
 * Every rendition of the entry with its own Download (`actions.download`), whose outcome `say`
 * announces; `undefined` when the entry has none. `titleId`: the id of the section's heading.
 */
function renderRenditions(
  doc: Document,
  entry: VideoEntry,
  titleId: string,
  actions: EntryDetailActions,
  say: (tone: 'success' | 'error' | 'pending', text: string) => void,
): HTMLElement | undefined {
  const renditions = entryRenditions(entry);
  if (renditions.length === 0) return undefined;
  const downloadable = entry.status === 'done' || entry.status === 'partial';
  const section = element(doc, 'section', 'entry-detail-renditions');
  const title = element(doc, 'h3', '', t('detailRenditions'));
  title.id = titleId;
  section.setAttribute('aria-labelledby', title.id);
  const list = element(doc, 'ul', 'entry-detail-rendition-list');
  for (const rendition of renditions) {
    const item = element(doc, 'li', 'entry-detail-rendition');
    const name = renditionName(rendition);
    const button = doc.createElement('button');
    button.type = 'button';
    button.className = 'entry-button';
    button.dataset.action = 'download-rendition';
    button.dataset.rendition = String(rendition.index);
    button.textContent = t('download');
    button.setAttribute('aria-label', t('downloadRendition', name));
    button.disabled = !downloadable || !actions.download;
    button.addEventListener('click', () => {
      if (!actions.download) return;
      say('pending', t('entryDownloading'));
      actions.download(rendition.index).then(
        (result) => (result.ok ? say('success', t('entrySavedAs', result.filename)) : say('error', t('entryDownloadFailed', result.error))),
        (error: unknown) => say('error', t('entryDownloadFailed', errorText(error))),
      );
    });
    item.append(element(doc, 'span', 'entry-detail-rendition-name', name), button);
    list.append(item);
  }
  section.append(title, list);
  return section;
}

/** `Video · 1080p`, `Alternate 2 · watermarked · gif`: what the URL says of a rendition. */
export function renditionName(rendition: Rendition): string {
  const parts = [rendition.index === 0 ? t('renditionVideo') : t('renditionAlternate', rendition.index)];
  if (rendition.quality) parts.push(rendition.quality);
  if (rendition.watermark === true) parts.push(t('renditionWatermark'));
  if (rendition.watermark === false) parts.push(t('renditionNoWatermark'));
  if (rendition.preview) parts.push(t('renditionPreview'));
  if (rendition.format) parts.push(rendition.format.toUpperCase());
  return parts.join(' · ');
}

function isSize(value: number | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0;
}

function link(doc: Document, href: string, content: string | Node): HTMLAnchorElement {
  const anchor = doc.createElement('a');
  anchor.href = href;
  anchor.target = '_blank';
  anchor.rel = 'noreferrer noopener';
  anchor.className = 'entry-detail-link';
  anchor.append(content);
  return anchor;
}

function element<K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const result = doc.createElement(tag);
  if (className) result.className = className;
  if (text !== undefined) result.textContent = text;
  return result;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
