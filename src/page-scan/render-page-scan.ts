import { actionButton } from '../gallery/action-button';
import { t } from '../i18n/t';
import { findPageVideos } from './find-page-videos';
import type { FoundItem } from './found-video-item';
import { renderFoundVideos } from './found-videos-list';
import { keepFoundVideos } from './keep-found-videos';
import type { PageScanDeps } from './page-scan-deps';
import { foundVideosMessage } from './page-scan-messages';
import { createPageScanStatus } from './page-scan-status';
import { scannedPage } from './scanned-page';

/**
 * Mounts the popup's page scan in `root`: a "Find videos on this page" button (http(s) tabs only),
 * then the videos found, each with its cover (or first frame), host, whether the library has it
 * and **Keep**, plus **Keep all**. Everything the page said is rendered as text or as an http(s)
 * `src`, never as HTML.
 */
export async function mountPageScan(root: HTMLElement, deps: PageScanDeps): Promise<void> {
  const doc = root.ownerDocument;
  const scanned = scannedPage(await deps.tab().catch(() => undefined));
  if (!scanned) {
    root.hidden = true;
    return;
  }
  const { tabId, page } = scanned;
  const findButton = actionButton(doc, 'find-videos', t('findVideos'));
  const status = createPageScanStatus(doc);
  const results = doc.createElement('div');
  results.className = 'page-scan-results';
  root.replaceChildren(findButton, status.element, results);
  root.hidden = false;

  const keep = (items: FoundItem[], trigger: HTMLButtonElement): void => void keepFoundVideos(items, trigger, { status, deps, page });

  findButton.addEventListener('click', () => {
    findButton.disabled = true;
    status.reset();
    status.say(t('findingVideos'));
    results.replaceChildren();
    void findPageVideos(deps, tabId, page.pageUrl)
      .then((found) => {
        status.say(foundVideosMessage(found.videos.length));
        results.replaceChildren(...renderFoundVideos(doc, found, keep));
      })
      .catch((error: unknown) => {
        status.fail(t('findVideosFailed', error instanceof Error ? error.message : String(error)));
      })
      .finally(() => {
        findButton.disabled = false;
      });
  });
}
