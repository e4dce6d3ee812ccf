import { actionButton } from '../gallery/action-button';
import { t } from '../i18n/t';
import type { PageVideos } from './find-page-videos';
import { renderFoundVideo, type FoundItem } from './found-video-item';

/**
 * What the scan found, below the status line: a notice of the videos that play from a stream
 * (nothing to keep), then **Keep all** and the list of videos. **Keep all** keeps the rows the
 * library lacks; each row's **Keep**, its own. Empty when the page had neither.
 */
export function renderFoundVideos(
  doc: Document,
  found: PageVideos,
  keep: (items: FoundItem[], trigger: HTMLButtonElement) => void,
): HTMLElement[] {
  const parts: HTMLElement[] = [];
  if (found.streams > 0) {
    const notice = doc.createElement('p');
    notice.className = 'page-scan-streams';
    notice.textContent = t('foundStreamVideos', found.streams);
    parts.push(notice);
  }
  if (found.videos.length > 0) {
    const list = doc.createElement('ul');
    list.className = 'found-videos';
    const items = found.videos.map((video) => renderFoundVideo(doc, video, found.inLibrary.has(video.key), (item, trigger) => keep([item], trigger)));
    list.append(...items.map((item) => item.element));
    const keepAll = actionButton(doc, 'keep-all', t('keepAll'));
    keepAll.addEventListener('click', () => keep(items.filter((item) => !item.kept()), keepAll));
    parts.push(keepAll, list);
  }
  return parts;
}
