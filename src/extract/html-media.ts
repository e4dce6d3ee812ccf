import type { FoundLink } from './found-link';
import { parseHttpUrl } from './http-url';

/** The HTML elements an answer uses to show media or offer a download. */
export type MediaTagName = 'video' | 'source' | 'img' | 'a';

export interface HtmlMediaReader {
  /** Reads one whole start tag; returns the link it names, if any. `<a>` is the caller's (its label follows it). */
  open(name: Exclude<MediaTagName, 'a'>, attributes: string, context: string): FoundLink | undefined;
  /** `</video>`: later `<source>` tags belong to no video. */
  closeVideo(): void;
}

/**
 * Follows `<video>` elements across tags and lines: `<video src poster>` names its video and
 * cover at once; `<video poster>` with `<source>` children pairs the poster with the first
 * usable source (later ones are the same video in other formats, not more videos).
 */
export function createHtmlMediaReader(): HtmlMediaReader {
  let video: { poster?: string; label: string; found: boolean } | undefined;

  return {
    open(name, text, context) {
      const attributes = parseAttributes(text);
      const src = attributes.get('src') ?? attributes.get('data-src');
      const label = [attributes.get('title'), attributes.get('aria-label'), attributes.get('alt')].filter(Boolean).join(' ');
      if (name === 'img') return src ? { url: src, label, context, hint: 'image' } : undefined;
      if (name === 'video') {
        const poster = attributes.get('poster');
        const found = parseHttpUrl(src) !== undefined;
        video = text.trimEnd().endsWith('/') ? undefined : { ...(poster ? { poster } : {}), label, found };
        return src && found ? { url: src, label, context, hint: 'video', ...(poster ? { cover: poster } : {}) } : undefined;
      }
      if (!src) return undefined;
      const type = attributes.get('type') ?? '';
      if (!video) return { url: src, label: type, context, ...(/^video\//i.test(type) ? { hint: 'video' } : {}) };
      if (video.found || !parseHttpUrl(src)) return undefined;
      video.found = true;
      return { url: src, label: `${video.label} ${type}`, context, hint: 'video', ...(video.poster ? { cover: video.poster } : {}) };
    },
    closeVideo() {
      video = undefined;
    },
  };
}

const ATTRIBUTE = /([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'<>`]+)))?/g;

/**
 * Attributes of a start tag, in any order, quoted or not, names lower-cased, character
 * references decoded (signed URLs in HTML carry `&amp;`). The first of a repeated name wins,
 * as in browsers.
 */
export function parseAttributes(text: string): Map<string, string> {
  const attributes = new Map<string, string>();
  // `<source src=a.mp4/>`: the slash closes the tag, it is not part of the URL.
  const body = text.replace(/\/\s*$/, '');
  for (const match of body.matchAll(ATTRIBUTE)) {
    const name = (match[1] ?? '').toLowerCase();
    if (!attributes.has(name)) attributes.set(name, decodeEntities((match[2] ?? match[3] ?? match[4] ?? '').trim()));
  }
  return attributes;
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Decodes the character references that show up in attribute values. */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(?:#(\d{1,7})|#x([0-9a-f]{1,6})|([a-z]{2,6}));/gi, (whole, decimal?: string, hex?: string, name?: string) => {
    if (name) return NAMED_ENTITIES[name.toLowerCase()] ?? whole;
    const code = decimal ? Number(decimal) : parseInt(hex ?? '', 16);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}
