import { KNOWN_CHAT_HOST_MATCHES, LOOPBACK_MATCHES } from '../sites/capture-sites';
import { VIDEO_APP_LABELS } from '../sites/video-app-labels';
import { t } from '../i18n/t';

/** Host of a match pattern: `chatglm.cn` from `https://chatglm.cn/*`. */
function patternHost(pattern: string): string | undefined {
  return /^[^:]+:\/\/([^/]+)\//.exec(pattern)?.[1];
}

const hosts = (patterns: readonly string[]): string[] =>
  patterns.map(patternHost).filter((host): host is string => host !== undefined);

/**
 * What the popup shows before anything was captured: where capture is on, and how to switch it on
 * elsewhere. The site list comes from src/sites, so the text cannot drift from the content-script matches.
 */
export function renderEmptyState(doc: Document): HTMLElement {
  const empty = doc.createElement('p');
  empty.className = 'empty';
  const title = doc.createElement('strong');
  title.textContent = t('emptyTitle');
  // Host names are not words: joined with a plain comma in every language.
  empty.append(
    title,
    ' ',
    t('emptyHint', hosts(LOOPBACK_MATCHES).join(', '), hosts(KNOWN_CHAT_HOST_MATCHES).join(', '), Object.values(VIDEO_APP_LABELS).join(', ')),
  );
  // Most chat UIs are not on the built-in list: say how to switch capture on where the user is.
  const enable = doc.createElement('span');
  enable.className = 'empty-enable';
  enable.textContent = t('emptyEnable');
  empty.append(enable);
  return empty;
}
