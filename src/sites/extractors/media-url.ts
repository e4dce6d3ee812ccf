import { httpUrl, text } from './extract-helpers';

/** Media URLs a site gives only in part: a path relative to its media host, or an id to build the URL from. */

/**
 * The http(s) URL of `value`: an absolute URL as it is, or a path relative to the app's media
 * origin (`users/…/generated_video.mp4` → `https://assets.grok.com/users/…`). A relative value
 * must stay on that origin: a scheme-relative `//host/…` or a backslash path is refused.
 */
export function mediaUrlOn(value: unknown, mediaOrigin: string): string | undefined {
  const candidate = text(value);
  if (candidate === undefined || candidate.length > 8192) return undefined;
  if (/^[a-z][a-z0-9+.-]*:/i.test(candidate)) return httpUrl(candidate);
  if (candidate.startsWith('//') || candidate.includes('\\')) return undefined;
  let origin: URL;
  try {
    origin = new URL(mediaOrigin);
  } catch {
    return undefined;
  }
  const resolved = httpUrl(new URL(candidate.replace(/^\/+/, ''), `${origin.origin}/`).href);
  return resolved !== undefined && new URL(resolved).origin === origin.origin ? resolved : undefined;
}

/** An id safe inside a URL path: letters, digits, `_`, `-` and `.` (not only dots), at most 128. */
const SAFE_ID = /^[A-Za-z0-9_.-]{1,128}$/;

/**
 * The URL a site builds from ids rather than sending (`https://cdn.midjourney.com/video/{id}/{index}.mp4`):
 * each `{name}` of `template` is replaced by its id, which must be a plain path segment. Undefined
 * when an id is missing or unsafe, or the result is not http(s).
 */
export function mediaUrlFromIds(template: string, ids: Readonly<Record<string, string | number | undefined>>): string | undefined {
  let missing = false;
  const built = template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const id = ids[name];
    const segment = typeof id === 'number' ? (Number.isInteger(id) && id >= 0 ? String(id) : '') : (id ?? '');
    if (!SAFE_ID.test(segment) || /^\.+$/.test(segment)) missing = true;
    return segment;
  });
  return missing ? undefined : httpUrl(built);
}
