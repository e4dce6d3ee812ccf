import { actionButton } from '../gallery/action-button';
import { t } from '../i18n/t';
import { foundVideoPreview } from './found-video-preview';
import type { FoundVideo } from './parse-page-scan';

/** One video of the found list, and whether the library has it. */
export interface FoundItem {
  video: FoundVideo;
  element: HTMLLIElement;
  kept(): boolean;
  /** Shows "already in your library" from now on. */
  markKept(): void;
}

/**
 * A found video's row: its preview, host (the full address as its title), the page's text before
 * it, an "already in your library" badge and **Keep**, whose click calls `keep` with this row and
 * the button. What the page said is set as text, never as HTML.
 */
export function renderFoundVideo(
  doc: Document,
  video: FoundVideo,
  inLibrary: boolean,
  keep: (item: FoundItem, trigger: HTMLButtonElement) => void,
): FoundItem {
  const item = doc.createElement('li');
  item.className = 'found-video';
  const preview = foundVideoPreview(doc, video);
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
  const keepButton = actionButton(doc, 'keep-video', t('keepVideo'));
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
  keepButton.addEventListener('click', () => keep(found, keepButton));
  item.append(preview, text, keepButton);
  return found;
}
