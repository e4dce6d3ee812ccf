import type { LinkVerdict } from '../background/probe-video-link';
import { safeMediaUrl } from '../gallery/safe-media-url';
import { t } from '../i18n/t';
import type { KeptFromPage } from './found-video-entry';
import { parsePageScan, type FoundVideo } from './parse-page-scan';
import { actionButton } from '../gallery/action-button';

/** The tab the popup scans, as the browser describes it. */
export interface ScannedTab {
  id?: number;
  url?: string;
  title?: string;
}

/** What the popup's "Find videos on this page" needs from the browser and the background. */
export interface PageScanDeps {
  tab(): Promise<ScannedTab | undefined>;
  /** `scripting.executeScript` of `scanFrame` in every frame of the tab: its raw results. */
  scan(tabId: number): Promise<unknown>;
  /** HEAD checks of links only a label calls a video, found on `pageUrl`, done by the extension, not the page. */
  probe(urls: string[], pageUrl: string): Promise<LinkVerdict[]>;
  /** The `videoKey`s of `keys` the library already holds. */
  inLibrary(keys: string[]): Promise<Set<string>>;
  keep(videos: FoundVideo[], page: KeptFromPage): Promise<{ ok: true; added: number } | { ok: false; error: string }>;
}

/**
 * Mounts the popup's page scan in `root`: a "Find videos on this page" button (http(s) tabs only),
 * then the videos found, each with its cover (or first frame), host, whether the library has it
 * and **Keep**, plus **Keep all**. Everything the page said is rendered as text or as an http(s)
 * `src`, never as HTML.
 */
export async function mountPageScan(root: HTMLElement, deps: PageScanDeps): Promise<void> {
  const doc = root.ownerDocument;
  const tab = await deps.tab().catch(() => undefined);
  const pageUrl = safeMediaUrl(tab?.url);
  if (tab?.id === undefined || !pageUrl) {
    root.hidden = true;
    return;
  }
  const tabId = tab.id;
  const page: KeptFromPage = { pageUrl, ...(tab.title ? { title: tab.title } : {}) };
  const findButton = button(t('findVideos'), 'find-videos');
  const status = doc.createElement('p');
  status.className = 'page-scan-status';
  status.setAttribute('role', 'status');
  const results = doc.createElement('div');
  results.className = 'page-scan-results';
  root.replaceChildren(findButton, status, results);
  root.hidden = false;

  findButton.addEventListener('click', () => {
    findButton.disabled = true;
    status.removeAttribute('data-tone');
    status.textContent = t('findingVideos');
    results.replaceChildren();
    void find()
      .catch((error: unknown) => {
        status.dataset.tone = 'error';
        status.textContent = t('findVideosFailed', error instanceof Error ? error.message : String(error));
      })
      .finally(() => {
        findButton.disabled = false;
      });
  });

  async function find(): Promise<void> {
    const scan = parsePageScan(await deps.scan(tabId));
    const videos = [...scan.videos];
    if (scan.labelled.length > 0) {
      const verdicts = await deps.probe(scan.labelled.map((video) => video.url), page.pageUrl).catch(() => []);
      scan.labelled.forEach((video, index) => {
        if (verdicts[index] === 'video') videos.push(video);
      });
    }
    const kept = await deps.inLibrary(videos.map((video) => video.key)).catch(() => new Set<string>());
    status.textContent = videos.length === 0 ? t('foundNoVideos') : videos.length === 1 ? t('foundOneVideo') : t('foundVideos', videos.length);
    const parts: HTMLElement[] = [];
    if (scan.streams > 0) {
      const notice = doc.createElement('p');
      notice.className = 'page-scan-streams';
      notice.textContent = t('foundStreamVideos', scan.streams);
      parts.push(notice);
    }
    if (videos.length > 0) {
      const list = doc.createElement('ul');
      list.className = 'found-videos';
      const items = videos.map((video) => renderFound(video, kept.has(video.key)));
      list.append(...items.map((item) => item.element));
      const keepAll = button(t('keepAll'), 'keep-all');
      keepAll.addEventListener('click', () => void keepVideos(items.filter((item) => !item.kept()), keepAll));
      parts.push(keepAll, list);
    }
    results.replaceChildren(...parts);
  }

  interface FoundItem {
    video: FoundVideo;
    element: HTMLLIElement;
    kept(): boolean;
    markKept(): void;
  }

  function renderFound(video: FoundVideo, inLibrary: boolean): FoundItem {
    const item = doc.createElement('li');
    item.className = 'found-video';
    const cover = safeMediaUrl(video.coverUrl);
    if (cover) {
      const image = doc.createElement('img');
      image.src = cover;
      image.alt = '';
      image.loading = 'lazy';
      image.referrerPolicy = 'no-referrer';
      item.append(image);
    } else {
      // No cover: the first frame, read from the file's first bytes, muted and never played.
      const preview = doc.createElement('video');
      preview.muted = true;
      preview.setAttribute('muted', '');
      preview.setAttribute('preload', 'metadata');
      preview.setAttribute('src', video.url);
      item.append(preview);
    }
    const text = doc.createElement('div');
    text.className = 'found-video-text';
    const host = doc.createElement('span');
    host.className = 'found-video-host';
    host.textContent = new URL(video.url).host;
    host.title = video.url;
    text.append(host);
    if (video.prompt) {
      const prompt = doc.createElement('span');
      prompt.className = 'found-video-prompt';
      prompt.textContent = video.prompt;
      text.append(prompt);
    }
    const badge = doc.createElement('span');
    badge.className = 'found-video-kept';
    badge.textContent = t('alreadyInLibrary');
    badge.hidden = !inLibrary;
    text.append(badge);
    const keep = button(t('keepVideo'), 'keep-video');
    let kept = inLibrary;
    const found: FoundItem = {
      video,
      element: item,
      kept: () => kept,
      markKept() {
        kept = true;
        badge.hidden = false;
      },
    };
    keep.addEventListener('click', () => void keepVideos([found], keep));
    item.append(text, keep);
    return found;
  }

  async function keepVideos(items: FoundItem[], trigger: HTMLButtonElement): Promise<void> {
    trigger.disabled = true;
    status.removeAttribute('data-tone');
    try {
      if (items.length === 0) {
        status.textContent = t('keptNothingNew');
        return;
      }
      const result = await deps.keep(
        items.map((item) => item.video),
        page,
      );
      if (!result.ok) {
        status.dataset.tone = 'error';
        status.textContent = result.error;
        return;
      }
      for (const item of items) item.markKept();
      status.textContent = result.added === 0 ? t('keptNothingNew') : result.added === 1 ? t('keptOneVideo') : t('keptVideos', result.added);
    } catch (error) {
      status.dataset.tone = 'error';
      status.textContent = t('keepFailed', error instanceof Error ? error.message : String(error));
    } finally {
      trigger.disabled = false;
    }
  }

  function button(text: string, action: string): HTMLButtonElement {
    return actionButton(doc, action, text);
  }
}
