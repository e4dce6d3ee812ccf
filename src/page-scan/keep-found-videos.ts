import { t } from '../i18n/t';
import type { FoundItem } from './found-video-item';
import type { KeptFromPage } from './found-video-entry';
import type { PageScanDeps } from './page-scan-deps';
import { keptVideosMessage } from './page-scan-messages';
import type { PageScanStatus } from './page-scan-status';

/**
 * Keeps `items` (one row's **Keep**, or **Keep all**'s rows the library lacks) as found on `page`:
 * `trigger` is disabled meanwhile, the rows kept show their badge, and `status` says how many
 * were new, or why nothing was kept.
 */
export async function keepFoundVideos(
  items: readonly FoundItem[],
  trigger: HTMLButtonElement,
  options: { status: PageScanStatus; deps: Pick<PageScanDeps, 'keep'>; page: KeptFromPage },
): Promise<void> {
  const { status } = options;
  trigger.disabled = true;
  status.reset();
  try {
    if (items.length === 0) {
      status.say(t('keptNothingNew'));
      return;
    }
    const result = await options.deps.keep(
      items.map((item) => item.video),
      options.page,
    );
    if (!result.ok) {
      status.fail(result.error);
      return;
    }
    for (const item of items) item.markKept();
    status.say(keptVideosMessage(result.added));
  } catch (error) {
    status.fail(t('keepFailed', error instanceof Error ? error.message : String(error)));
  } finally {
    trigger.disabled = false;
  }
}
