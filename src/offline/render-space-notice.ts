import { formatBytes } from '../ui/format-bytes';
import { t } from '../i18n/t';
import { spaceIsFull, type OfflineSpace } from './offline-space';

/** What the notice needs from its page. */
export interface SpaceNoticeDeps {
  read(): Promise<OfflineSpace>;
  /** Opens the options page at the offline copies (the cap, and deleting copies). */
  openSettings(): void;
}

/**
 * Says, above the popup's or gallery's list, that the space for offline copies is full and how
 * many videos were not copied, with the two ways out: raise the limit, or free space. Hidden
 * while everything fit. Returns a function that reads the space again (call it on changes).
 */
export function mountSpaceNotice(notice: HTMLElement, deps: SpaceNoticeDeps): () => Promise<void> {
  const doc = notice.ownerDocument;
  notice.classList.add('offline-full');
  notice.setAttribute('role', 'status');
  notice.hidden = true;
  const action = (name: string, label: string): HTMLButtonElement => {
    const button = doc.createElement('button');
    button.type = 'button';
    button.dataset.action = name;
    button.textContent = label;
    button.addEventListener('click', () => deps.openSettings());
    return button;
  };
  return async () => {
    let space: OfflineSpace;
    try {
      space = await deps.read();
    } catch {
      return;
    }
    notice.hidden = !spaceIsFull(space);
    if (notice.hidden) {
      notice.replaceChildren();
      return;
    }
    const text = doc.createElement('span');
    text.textContent = t('offlineFull', space.notCopied, formatBytes(space.bytes), formatBytes(space.capBytes));
    notice.replaceChildren(text, ' ', action('raise-offline-cap', t('offlineRaise')), ' ', action('free-offline-space', t('offlineFree')));
  };
}

/**
 * The notice placed before `anchor` in an extension page (popup, gallery): reads the cap from the
 * stored settings and the copies from the library; redraws on `entries-changed` and settings changes.
 */
export function placeSpaceNotice(
  anchor: HTMLElement,
  deps: { read(): Promise<OfflineSpace>; openSettings(): void; onChange(listener: () => void): void },
): void {
  const notice = anchor.ownerDocument.createElement('p');
  anchor.before(notice);
  const redraw = mountSpaceNotice(notice, deps);
  deps.onChange(() => void redraw());
  void redraw();
}
