/** URLs longer than this are not media links anyone can use; they are refused. */
export const MAX_URL_LENGTH = 4096;

/**
 * Returns the normalized URL when `text` is an absolute `http:`/`https:` URL of sane length,
 * else undefined. Everything captured from a page goes through here before it is stored,
 * so `javascript:`, `data:`, `file:` and relative junk never reach the gallery.
 */
export function parseHttpUrl(text: string | undefined): string | undefined {
  if (!text || text.length > MAX_URL_LENGTH) return undefined;
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (!url.hostname) return undefined;
  return url.href.length > MAX_URL_LENGTH ? undefined : url.href;
}
