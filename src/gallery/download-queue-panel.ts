import { createDownloadQueue, type DownloadDelta, type DownloadQueue, type DownloadQueueOptions } from './download-queue';
import type { GalleryControls } from './gallery-controls';
import { renderDownloadQueue } from './render-download-queue';
import { t } from '../i18n/t';

export interface DownloadQueuePanelDeps {
  /** Starts one download (the background's `download-entry`). */
  start: DownloadQueueOptions['start'];
  /** Subscribes to `downloads.onChanged`. */
  onDownloadChanged(listener: (delta: DownloadDelta) => void): void;
  /** What an item is called in the list: its entry's prompt. */
  label: (id: string) => string;
}

/**
 * The full gallery's batch downloads: the queue (a few at a time, src/gallery/download-queue.ts)
 * and its section, which lists each file's state and clears the finished ones on request.
 */
export function createDownloadQueuePanel(controls: GalleryControls, deps: DownloadQueuePanelDeps): { element: HTMLElement; queue: DownloadQueue } {
  const section = controls.el('section', 'download-queue');
  section.setAttribute('aria-label', t('downloads'));
  section.hidden = true;
  const queue = createDownloadQueue({
    start: deps.start,
    onChange: (items) => renderDownloadQueue(section, items, deps.label),
  });
  deps.onDownloadChanged((delta) => queue.update(delta));
  section.addEventListener('click', (event) => {
    if ((event.target as HTMLElement).closest('[data-action="clear-finished"]')) queue.clearFinished();
  });
  return { element: section, queue };
}
