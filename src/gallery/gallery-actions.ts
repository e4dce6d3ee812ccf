import type { SendToBackground } from './background-client';
import type { GalleryActions } from './render-gallery';

/**
 * The gallery's actions as the popup and the full gallery both do them: downloads through the
 * background (file names and offline copies live there), links to the clipboard, videos and
 * chat pages in new tabs.
 */
export function createGalleryActions(
  send: SendToBackground,
  apis: { tabs: { create(options: { url: string }): Promise<unknown> }; clipboard: { writeText(text: string): Promise<void> } },
): GalleryActions {
  const openTab = async (url: string): Promise<void> => {
    await apis.tabs.create({ url });
  };
  return {
    download: (id, rendition) => send({ type: 'download-entry', id, ...(rendition ? { rendition } : {}) }),
    copyLink: (url) => apis.clipboard.writeText(url),
    openVideo: openTab,
    openPage: openTab,
  };
}
