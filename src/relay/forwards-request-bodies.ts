import { matchesPattern } from '../sites/site-access';

/**
 * Whether the relay of a frame at `frameUrl` forwards the page's request bodies: only on a video
 * app's page, whose site extractor reads them. The video apps' pages are exactly the manifest's
 * `host_permissions` (wxt.config.ts takes them from src/sites/video-apps.ts), so the relay needs
 * neither the extractors nor a list of its own, and stays small.
 */
export function forwardsRequestBodies(manifest: object, frameUrl: string): boolean {
  // An MV2 manifest type has no such key: read it as unknown and check it.
  const patterns: unknown = (manifest as { host_permissions?: unknown }).host_permissions;
  return Array.isArray(patterns) && patterns.some((pattern) => typeof pattern === 'string' && matchesPattern(pattern, frameUrl));
}
