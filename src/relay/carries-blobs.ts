/** Chrome's first version that honours `message_serialization` (structured clone messaging). */
export const STRUCTURED_CLONE_CHROME = 148;

/**
 * Whether the relay's runtime Port carries Blobs: the manifest asks for structured clone
 * messaging and the browser is a Chrome that honours it (148+). Anywhere else a Blob would
 * arrive as an empty JSON object, so the relay sends text. Firefox always clones, but its
 * manifest does not declare the key and it keeps the text path it was tested with.
 */
export function carriesBlobs(manifest: object, userAgent: string): boolean {
  if ((manifest as { message_serialization?: unknown }).message_serialization !== 'structured_clone') return false;
  // `HeadlessChrome/156.0…`, `Chrome/156.0…`; Edge and other Chromium browsers say Chrome too.
  const version = /Chrom(?:e|ium)\/(\d+)\./.exec(userAgent)?.[1];
  return version !== undefined && Number(version) >= STRUCTURED_CLONE_CHROME;
}
