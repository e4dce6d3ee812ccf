/**
 * The URL, normalized, when it is `http:` or `https:`; `undefined` for anything else
 * (`javascript:`, `data:`, `file:`, `blob:`, relative or unparsable).
 *
 * Entries are checked at capture, but the popup renders whatever IndexedDB holds, so each
 * URL is checked again right before it becomes an `src` or is handed to a tab.
 */
export function safeMediaUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : undefined;
}

/**
 * The URL when it is a `blob:` URL, else `undefined`. Only for an offline copy (`EntryMedia`),
 * which the gallery page made itself from a kept Blob; captured URLs never go through this, so
 * a `blob:` link in captured data stays refused by `safeMediaUrl`.
 */
export function offlineMediaUrl(url: string | undefined): string | undefined {
  return url?.startsWith('blob:') ? url : undefined;
}
