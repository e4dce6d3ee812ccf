/**
 * The store listing in `store/`: its texts, the permission justifications and the stores' length
 * limits, as pure functions over plain data so the unit test and the release script share them.
 */

/** The listing's languages: the extension's own catalogs (assets/public/_locales). */
export const STORE_LOCALES = ['en', 'zh_CN'] as const;
export type StoreLocale = (typeof STORE_LOCALES)[number];

/** One line per language. */
export type Justification = Record<StoreLocale, string>;

/** `store/permissions.json`. */
export interface PermissionJustifications {
  permissions: Record<string, Justification>;
  /** Keyed by site (`vidu.com`, `localhost`, `[::1]`), or `*` for any host. */
  hosts: Record<string, Justification>;
}

/**
 * Length limits, in characters (UTF-16 code units are what the dashboards count; every text here
 * is in the Basic Multilingual Plane, so code points and code units agree).
 * - `manifestName` 45: Edge's limit, the lowest of the stores (MDN manifest.json/name, Feb 2024:
 *   AMO 50, Chrome Web Store 75, Edge 45).
 * - `summary` 132: the manifest `description` limit of Chrome and Firefox (MDN manifest.json/description);
 *   the Chrome Web Store shows it as the short description. AMO's summary allows 250, so one text fits both.
 * - `amoSummary` 250: addons.mozilla.org's summary field.
 * - `justification` and `singlePurpose` 1000: the Chrome Web Store privacy tab's text fields
 *   (the dashboard's counter; not in a published document, so kept as the conservative figure).
 * - `description` 16 000: the Chrome Web Store's detailed description (dashboard counter); AMO's is larger.
 */
export const STORE_LIMITS = {
  manifestName: 45,
  summary: 132,
  amoSummary: 250,
  singlePurpose: 1000,
  justification: 1000,
  description: 16_000,
} as const;

/** The `hosts` key of a pattern for any host (a wildcard host, or `<all_urls>`). */
const HOST_WILDCARD = '*';

/**
 * The site a match pattern is justified by: its host without a leading `*.` (so `https://*.vidu.com/*`
 * and `https://vidu.com/*` are one site), `*` for any host; undefined for a malformed pattern.
 */
export function matchPatternHost(pattern: string): string | undefined {
  if (pattern === '<all_urls>') return HOST_WILDCARD;
  const match = /^(\*|https?|wss?|file|ftp):\/\/([^/]*)\//.exec(pattern);
  const host = match?.[2];
  if (host === undefined || host === '') return undefined;
  if (host === HOST_WILDCARD) return HOST_WILDCARD;
  return host.startsWith('*.') ? host.slice(2) : host;
}

/**
 * The justification of a host match pattern: its site's own line, else the line of a parent domain
 * (`klingai.kuaishou.com` would fall back to `kuaishou.com`), never the any-host line for a named site.
 */
export function justifyHost(pattern: string, table: PermissionJustifications): Justification | undefined {
  const host = matchPatternHost(pattern);
  if (host === undefined) return undefined;
  if (host === HOST_WILDCARD) return table.hosts[HOST_WILDCARD];
  // An address is its own site; a name falls back to its parent domains, down to two labels.
  if (host.startsWith('[') || /^[\d.]+$/.test(host)) return table.hosts[host];
  const labels = host.split('.');
  for (let start = 0; start === 0 || labels.length - start >= 2; start += 1) {
    const line = table.hosts[labels.slice(start).join('.')];
    if (line) return line;
  }
  return undefined;
}

/** What a manifest asks for, as the stores list it. */
export interface ManifestAccess {
  permissions: string[];
  /** host_permissions, optional_host_permissions and every content script's matches. */
  hosts: string[];
}

/** Reads the permissions and host matches out of a manifest object (built or computed). */
export function manifestAccess(manifest: unknown): ManifestAccess {
  const record = asRecord(manifest);
  const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);
  const permissions = [...strings(record.permissions), ...strings(record.optional_permissions)];
  const contentScripts = Array.isArray(record.content_scripts) ? record.content_scripts : [];
  const hosts = [
    ...strings(record.host_permissions),
    ...strings(record.optional_host_permissions),
    ...contentScripts.flatMap((script) => strings(asRecord(script).matches)),
  ];
  // MV2-style hosts inside permissions (Firefox accepts them) are hosts too.
  const isHost = (item: string) => item === '<all_urls>' || item.includes('://');
  return {
    permissions: [...new Set(permissions.filter((item) => !isHost(item)))].sort(),
    hosts: [...new Set([...hosts, ...permissions.filter(isHost)])].sort(),
  };
}

/** Every problem with the justifications of `access`: missing lines, empty or too long ones. */
export function justificationProblems(access: ManifestAccess, table: PermissionJustifications): string[] {
  const problems: string[] = [];
  const check = (what: string, line: Justification | undefined) => {
    if (!line) {
      problems.push(`${what} has no justification in store/permissions.json`);
      return;
    }
    for (const locale of STORE_LOCALES) problems.push(...textProblems(`${what} (${locale})`, line[locale], STORE_LIMITS.justification, true));
  };
  for (const permission of access.permissions) check(`permission "${permission}"`, table.permissions[permission]);
  for (const host of access.hosts) check(`host "${host}"`, justifyHost(host, table));
  return problems;
}

/** Problems of one text: missing, empty, over `limit` characters, or (for `oneLine`) spanning lines. */
export function textProblems(what: string, text: string | undefined, limit: number, oneLine = false): string[] {
  if (typeof text !== 'string' || text.trim() === '') return [`${what} is empty`];
  const problems: string[] = [];
  const length = text.length;
  if (length > limit) problems.push(`${what} is ${length} characters, over the limit of ${limit}`);
  if (oneLine && /[\r\n]/.test(text)) problems.push(`${what} is more than one line`);
  return problems;
}

/** The listing texts of one language, as read from `store/<locale>/`. */
export interface ListingTexts {
  name: string;
  summary: string;
  description: string;
  singlePurpose: string;
  dataUse: string;
}

/** Every problem of one language's listing against the stores' limits. */
export function listingProblems(locale: string, texts: ListingTexts): string[] {
  return [
    ...textProblems(`${locale}/name.txt`, texts.name, STORE_LIMITS.manifestName, true),
    ...textProblems(`${locale}/summary.txt`, texts.summary, STORE_LIMITS.summary, true),
    ...textProblems(`${locale}/description.txt`, texts.description, STORE_LIMITS.description),
    ...textProblems(`${locale}/single-purpose.txt`, texts.singlePurpose, STORE_LIMITS.singlePurpose),
    ...textProblems(`${locale}/data-use.md`, texts.dataUse, Number.POSITIVE_INFINITY),
  ];
}

/** Parses `store/permissions.json`, refusing anything but one string per language. */
export function parseJustifications(json: unknown): PermissionJustifications {
  const record = asRecord(json);
  const table = (value: unknown, what: string): Record<string, Justification> => {
    const entries = Object.entries(asRecord(value)).map(([key, line]) => {
      const item = asRecord(line);
      for (const locale of STORE_LOCALES) {
        if (typeof item[locale] !== 'string') throw new TypeError(`store/permissions.json: ${what}.${key} has no ${locale} line`);
      }
      return [key, { en: item.en as string, zh_CN: item.zh_CN as string }] as const;
    });
    return Object.fromEntries(entries);
  };
  return { permissions: table(record.permissions, 'permissions'), hosts: table(record.hosts, 'hosts') };
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
