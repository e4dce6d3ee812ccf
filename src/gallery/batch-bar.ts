import type { GalleryControls } from './gallery-controls';
import { t } from '../i18n/t';

/** What the batch bar's controls do; each acts on the selection the gallery keeps. */
export interface BatchBarActions {
  /** "Select all shown" was ticked (`true`) or cleared. */
  selectShown(on: boolean): void;
  download(): void;
  /** "Download as ZIP"; without it the button is not shown. */
  zip?: () => void;
  remove(): void;
}

export interface BatchBar {
  element: HTMLElement;
  /** Shows how many entries are selected, and whether every entry shown is. */
  show(selectedCount: number, allShownSelected: boolean): void;
}

/**
 * The bar over the full gallery's list: select all shown, the selection's count, download,
 * ZIP and delete of the selection, and the view toggle (`viewToggle`) at its end.
 */
export function createBatchBar(controls: GalleryControls, viewToggle: HTMLElement, actions: BatchBarActions): BatchBar {
  const { el, button } = controls;
  const batch = el('div', 'gallery-batch');
  const selectAll = controls.doc.createElement('input');
  selectAll.type = 'checkbox';
  selectAll.className = 'select-all';
  selectAll.setAttribute('aria-label', t('selectAllShown'));
  const selectedCount = el('span', 'selected-count');
  const downloadSelected = button('download-selected', t('downloadSelected'));
  const deleteSelected = button('delete-selected', t('deleteSelected'));
  const downloadZip = button('download-zip', t('zipDownload'));
  downloadZip.hidden = !actions.zip;
  batch.append(selectAll, selectedCount, downloadSelected, downloadZip, deleteSelected, viewToggle);

  selectAll.addEventListener('change', () => actions.selectShown(selectAll.checked));
  downloadSelected.addEventListener('click', () => actions.download());
  downloadZip.addEventListener('click', () => actions.zip?.());
  deleteSelected.addEventListener('click', () => actions.remove());

  return {
    element: batch,
    show(count, allShownSelected) {
      selectAll.checked = allShownSelected;
      selectedCount.textContent = t('selectedCount', count);
      downloadSelected.disabled = count === 0;
      downloadZip.disabled = count === 0;
      deleteSelected.disabled = count === 0;
    },
  };
}
