import { httpUrl, text } from '../extractors/extract-helpers';
import { RuleRefused } from './rule-schema';

/**
 * The two URL transforms of site rules. Both only ever give http(s) URLs on the origin the rule
 * names, so a value from the page cannot steer a link to another host or scheme; a base or
 * template that is not http(s) (`javascript:`, `data:`) is refused when the rule is read.
 */

/** A value → URL function, or undefined for a value it refuses. */
export type UrlTransform = (value: unknown) => string | undefined;

const PLACEHOLDER = '{value}';

/** `resolve`: a relative path on `base`; absolute, protocol-relative or origin-leaving values are refused. */
export function compileResolve(base: string, where: string): UrlTransform {
  const origin = httpOrigin(base, where, 'resolve');
  return (value) => {
    const relative = text(value);
    if (!relative || /^[a-z][a-z0-9+.-]*:|^\/\//i.test(relative)) return undefined;
    try {
      const url = new URL(relative.replace(/^\/+/, ''), base);
      return url.origin === origin ? httpUrl(url.href) : undefined;
    } catch {
      return undefined;
    }
  };
}

/** `template`: `https://host/path/{value}.mp4`, the value percent-encoded (its `/` kept), on the template's origin only. */
export function compileTemplate(template: string, where: string): UrlTransform {
  const at = template.indexOf(PLACEHOLDER);
  if (at < 0 || template.indexOf(PLACEHOLDER, at + 1) >= 0) throw refused(where, `a template holds ${PLACEHOLDER} once`);
  const origin = httpOrigin(template.replace(PLACEHOLDER, 'x'), where, 'template');
  // The value goes after the host: it can add to the path or query, never change where the link points.
  const head = template.slice(0, at);
  if (!/^https?:\/\/[^/?#]+[/?#]/i.test(head)) throw refused(where, `${PLACEHOLDER} must come after the host and a /`);
  return (value) => {
    const raw = typeof value === 'number' && Number.isFinite(value) ? String(value) : text(value);
    if (raw === undefined || raw.length > 2048) return undefined;
    const encoded = raw.split('/').map(encodeURIComponent).join('/');
    const url = httpUrl(template.replace(PLACEHOLDER, encoded));
    return url && new URL(url).origin === origin ? url : undefined;
  };
}

function httpOrigin(candidate: string, where: string, what: string): string {
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    throw refused(where, `the ${what} is not a URL`);
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || !url.hostname || url.username || url.password) {
    throw refused(where, `the ${what} must be an http(s) URL (not ${url.protocol})`);
  }
  return url.origin;
}

function refused(where: string, why: string): RuleRefused {
  return new RuleRefused({ type: 'unsafe-template', detail: `${where}: ${why}` });
}
