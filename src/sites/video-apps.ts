import { SITE_EXTRACTORS, type SiteExtractor } from './extractors';
import { matchesPattern } from './site-access';

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

/** Names users know the apps by (the extractor names are for code). */
export const VIDEO_APP_LABELS: Readonly<Record<string, string>> = {
  chatglm: '智谱清言 · 清影 (ChatGLM)',
  hailuo: 'Hailuo (海螺)',
  jimeng: 'Jimeng / Dreamina (即梦)',
  kling: 'Kling (可灵)',
  pixverse: 'PixVerse',
  sora: 'Sora',
  vidu: 'Vidu',
};

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
