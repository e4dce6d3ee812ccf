import { matchesPattern } from '../sites/site-access';

/**
 * Whether the relay of a frame at `frameUrl` forwards the page's request bodies: only on a video
 * app's page, whose site extractor reads them. The video apps' pages are exactly the manifest's
 * `host_permissions` (wxt.config.ts takes them from src/sites/video-apps.ts), so the relay needs
 * neither the extractors nor a list of its own, and stays small.
 */
export function forwardsRequestBodies(hostPermissions: readonly string[] | undefined, frameUrl: string): boolean {
  return (hostPermissions ?? []).some((pattern) => matchesPattern(pattern, frameUrl));
}
