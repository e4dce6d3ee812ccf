import { SITE_EXTRACTORS, type SiteExtractor } from './extractors';
import { appCopyHostsOf, type AppCopyHosts } from './app-copy-hosts';
import { matchesPattern } from './site-access';
import { VIDEO_APP_LABELS } from './video-app-labels';

/** A first-party video app the extension captures on out of the box (one per site extractor). */
export interface VideoApp {
  /** The extractor's name; the key of its switch. */
  name: string;
  /** How users know it. */
  label: string;
  /** Its page hosts (subdomains included). */
  hosts: readonly string[];
  /** Host permissions and content-script matches: `https://*.<host>/*` covers the host and its subdomains. */
  matches: string[];
}


/** The video apps of a list of extractors, in its order. */
export function videoAppsOf(extractors: readonly SiteExtractor[]): VideoApp[] {
  return extractors.map((extractor) => ({
    name: extractor.name,
    label: VIDEO_APP_LABELS[extractor.name] ?? extractor.name,
    hosts: extractor.hosts,
    matches: extractor.hosts.map((host) => `https://*.${host}/*`),
  }));
}

/** Every video app with an extractor: each is declared in the manifest, so a fresh install captures there. */
export const VIDEO_APPS: readonly VideoApp[] = videoAppsOf(SITE_EXTRACTORS);

/** Host permissions of every video app (the manifest's `host_permissions`). */
export const VIDEO_APP_MATCHES: string[] = VIDEO_APPS.flatMap((app) => app.matches);

/** The video app a page belongs to, if any. */
export function videoAppOf(url: string, apps: readonly VideoApp[] = VIDEO_APPS): VideoApp | undefined {
  return apps.find((app) => app.matches.some((pattern) => matchesPattern(pattern, url)));
}

/** Each app's page hosts, and the hosts its JSON is copied from (page and API hosts): built into the relay (wxt.config.ts). */
export function appCopyHostTable(extractors: readonly SiteExtractor[] = SITE_EXTRACTORS): AppCopyHosts[] {
  return extractors.map((extractor) => ({ hosts: extractor.hosts, copyFrom: [...extractor.hosts, ...(extractor.apiHosts ?? [])] }));
}

/** The hosts whose JSON the page world copies on a page of a video app (`appCopyHostsOf`), by the extractors. */
export function appCopyHosts(url: string, extractors: readonly SiteExtractor[] = SITE_EXTRACTORS): string[] {
  return appCopyHostsOf(url, appCopyHostTable(extractors));
}
