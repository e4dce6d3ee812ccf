import type { QueuedDownload } from './download-queue';
import { t } from '../i18n/t';

/** One row per queued file: its name (or entry), a progress bar and its state in words. */
export function renderDownloadQueue(section: HTMLElement, items: readonly QueuedDownload[], label: (id: string) => string): void {
  const doc = section.ownerDocument;
  section.hidden = items.length === 0;
  const list = doc.createElement('ul');
  list.className = 'queue-list';
  for (const item of items) {
    const row = doc.createElement('li');
    row.className = 'queue-item';
    row.dataset.entryId = item.id;
    row.dataset.state = item.status.state;
    const name = doc.createElement('span');
    name.className = 'queue-name';
    name.textContent = 'filename' in item.status ? item.status.filename : label(item.id);
    const progress = doc.createElement('progress');
    progress.max = 1;
    const state = doc.createElement('span');
    state.className = 'queue-state';
    switch (item.status.state) {
      case 'waiting':
        state.textContent = t('queueWaiting');
        progress.removeAttribute('value');
        break;
      case 'starting':
        state.textContent = t('queueStarting');
        break;
      case 'downloading': {
        const { received, total } = item.status;
        // Without a size yet the bar is indeterminate rather than stuck at 0.
        if (total > 0) progress.value = received / total;
        else progress.removeAttribute('value');
        state.textContent = total > 0 ? `${Math.round((100 * received) / total)}%` : t('queueDownloading');
        break;
      }
      case 'complete':
        progress.value = 1;
        state.textContent = t('queueSaved');
        break;
      case 'failed':
        progress.value = 0;
        state.textContent = item.status.error;
        state.setAttribute('role', 'alert');
        break;
    }
    progress.setAttribute('aria-label', t('queueProgressLabel', name.textContent));
    row.append(name, progress, state);
    list.append(row);
  }
  const heading = doc.createElement('h2');
  heading.textContent = t('downloads');
  const clear = doc.createElement('button');
  clear.type = 'button';
  clear.dataset.action = 'clear-finished';
  clear.textContent = t('clearFinished');
  section.replaceChildren(heading, list, clear);
}
