import type { FoundLink } from './found-link';
import { createHtmlMediaReader, parseAttributes } from './html-media';
import { withoutCoverWords } from './link-kind';
import { createReferenceLinks } from './reference-links';

export interface AnswerLinkScanner {
  /** Reads one complete line (no newline) and reports every link it finishes. */
  line(text: string): void;
  /** The answer is complete: reports what an unclosed tag or `<a>` still holds. */
  end(): void;
}

/**
 * Where a scanner reports links: an object, not a function, so the call keeps one target from
 * stream to stream (a closure per stream would drop the optimized code that calls it; docs/benchmarks.md).
 */
export interface LinkSink {
  found(link: FoundLink): void;
}

/** Bounded pieces keep every pattern from rescanning a hostile line: each attempt stops early. */
const TITLE = String.raw`(?:\s+(?:"[^"\n]{0,200}"|'[^'\n]{0,200}'|\([^()\n]{0,200}\)))?`;
const target = (group: string): string =>
  // One level of balanced parentheses, as CommonMark allows: `clip_(1).mp4`.
  String.raw`\(\s*<?(?<${group}>https?:\/\/(?:[^\s()<>\[\]]|\([^\s()<>\[\]]{0,256}\)){1,4096})>?${TITLE}\s*\)`;

const TOKEN_PATTERN = new RegExp(
  [
    // [![封面](cover.jpg)](video.mp4): a thumbnail linking to its video.
    String.raw`\[!\[(?<thumbAlt>[^\]\n]{0,200})\]${target('thumb')}\]${target('thumbTarget')}`,
    // [label](url "title") and ![alt](url)
    String.raw`!?\[(?<text>[^\]\n]{0,200})\]${target('href')}`,
    // [label][ref], [ref][] and [ref]; not [^1] (a footnote) nor [text](non-http).
    String.raw`\[(?<refText>[^\]\n^][^\]\n]{0,199})\](?:\[(?<ref>[^\]\n]{0,200})\]|(?![(:]))`,
    String.raw`<(?<auto>https?:\/\/[^\s<>]{1,4096})>`,
    String.raw`<(?<tag>video|source|img|a)(?<attributes>\s[^<>]{0,4096})?>`,
    String.raw`<\/(?<close>video)\s*>`,
    // Bare URLs end at whitespace, quotes, brackets, `|` (tables) and CJK punctuation (`，。）`).
    String.raw`(?<bare>https?:\/\/[^\s<>"'\x60\\()\[\]{}|^\u3000-\u303f\uff00-\uffef]{1,4096})`,
  ].join('|'),
  'gi',
);
const FOOTNOTE_REF = /\[\^([^\]\s]{1,32})\]/y;
const FOOTNOTE_DEFINITION = /^ {0,3}\[\^([^\]\s]{1,32})\]:/;
const REFERENCE_DEFINITION = new RegExp(
  String.raw`^ {0,3}\[(?!\^)([^\]\n]{1,200})\]:\s*<?(https?:\/\/[^\s<>]{1,4096})>?` +
    String.raw`(?:\s+(?:"([^"\n]{0,200})"|'([^'\n]{0,200})'|\(([^()\n]{0,200})\)))?\s*$`,
);
const ANCHOR_CLOSE = /<\/a\s*>/gi;
const UNCLOSED_TAG = /^<(?:video|source|img|a)(?:\s|$)/i;
/** Text before a link that still counts as what the answer says about it. */
const CONTEXT_CHARS = 40;
/** A tag split over more lines than this, or longer, is not one a producer wrote. */
const MAX_CARRY_LINES = 32;
const MAX_CARRY_CHARS = 8192;
/** `<a href=…>` text is read over at most this many lines. */
const MAX_ANCHOR_LINES = 4;
const MAX_LABEL = 400;

interface OpenAnchor {
  link: FoundLink;
  lines: number;
}

/**
 * Finds the links of an answer, line by line, in every form producers write them: markdown
 * inline links and images, linked thumbnails, reference links and their definitions,
 * footnotes, autolinks, bare URLs, and HTML `<video>`/`<source>`/`<img>`/`<a>` tags, also when
 * a tag is split over lines or sits in a fenced code block (code fences change nothing here).
 * Each line is scanned once, left to right.
 */
export function createAnswerLinkScanner(sink: LinkSink): AnswerLinkScanner {
  return new LineLinkScanner(sink);
}

/**
 * A class rather than closures per answer (docs/benchmarks.md): its methods' optimized code outlives each
 * answer, instead of being dropped with it and made again for the next stream.
 */
class LineLinkScanner implements AnswerLinkScanner {
  private readonly references = createReferenceLinks();
  private readonly html = createHtmlMediaReader();
  // Each scanner keeps its own `lastIndex`, so two streams' scanners never share a cursor.
  private readonly token = new RegExp(TOKEN_PATTERN);
  private carry = '';
  private carryLines = 0;
  private anchor: OpenAnchor | undefined;

  constructor(private readonly sink: LinkSink) {}

  line(line: string): void {
    if (!this.carry) {
      this.readLine(line);
      return;
    }
    const joined = `${this.carry} ${line}`;
    this.carry = '';
    if (line.includes('>')) {
      this.readLine(joined);
    } else if (this.carryLines < MAX_CARRY_LINES && joined.length <= MAX_CARRY_CHARS) {
      this.carry = joined;
      this.carryLines += 1;
    } else {
      // Too long to be a tag a producer wrote: plain text after all.
      this.scan(joined, 0, undefined);
    }
  }

  end(): void {
    this.finishAnchor();
    if (this.carry) this.scan(this.carry, 0, undefined);
    this.carry = '';
  }

  private scan(text: string, from: number, footnote: string | undefined): void {
    const sink = this.sink;
    const report = (link: FoundLink): void => sink.found(footnote ? { ...link, footnote } : link);
    const token = this.token;
    let previousEnd = from;
    token.lastIndex = from;
    for (let match = token.exec(text); match; match = token.exec(text)) {
      const groups = match.groups ?? {};
      const context = text.slice(Math.max(previousEnd, match.index - CONTEXT_CHARS), match.index);
      let end = token.lastIndex;
      if (groups.thumbTarget) {
        const notes = footnotesAt(text, end);
        end = notes.end;
        // The alt text describes the thumbnail: `封面` in it says nothing about the target.
        const label = withoutCoverWords(groups.thumbAlt ?? '');
        report({ url: groups.thumbTarget, label, context, cover: groups.thumb ?? '', ...notes.list });
      } else if (groups.href) {
        const notes = footnotesAt(text, end);
        end = notes.end;
        report({ url: groups.href, label: groups.text ?? '', context, ...notes.list });
      } else if (groups.refText !== undefined) {
        const ref = groups.ref ? groups.ref : groups.refText;
        const link = this.references.use(ref, groups.refText, context);
        if (link) report(link);
      } else if (groups.auto) {
        report({ url: groups.auto, context });
      } else if (groups.bare) {
        const url = trimBareUrl(groups.bare);
        end = match.index + url.length;
        report({ url, context });
      } else if (groups.close) {
        this.html.closeVideo();
      } else if (groups.tag?.toLowerCase() === 'a') {
        const href = anchorLink(groups.attributes ?? '', context);
        if (href) {
          const close = closeOfAnchor(text, end);
          if (!close) {
            // Its text runs on over the next lines (pretty-printed HTML); read there.
            this.finishAnchor();
            this.anchor = { link: { ...href, label: `${href.label ?? ''} ${text.slice(end, end + MAX_LABEL)}` }, lines: 1 };
            return;
          }
          report({ ...href, label: `${href.label ?? ''} ${stripTags(text.slice(end, close.start))}` });
          end = close.end;
        }
      } else if (groups.tag) {
        const name = groups.tag.toLowerCase() as 'video' | 'source' | 'img';
        const link = this.html.open(name, groups.attributes ?? '', context);
        if (link) report(link);
      }
      previousEnd = end;
      token.lastIndex = end;
    }
  }

  private finishAnchor(): void {
    if (!this.anchor) return;
    const { link } = this.anchor;
    this.anchor = undefined;
    this.sink.found({ ...link, label: stripTags(link.label ?? '').slice(0, MAX_LABEL) });
  }

  private readLine(line: string): void {
    let text = line;
    let from = 0;
    const anchor = this.anchor;
    if (anchor) {
      const close = closeOfAnchor(text, 0);
      if (close) {
        anchor.link.label = `${anchor.link.label ?? ''} ${text.slice(0, close.start)}`;
        this.finishAnchor();
        from = close.end;
      } else {
        anchor.link.label = `${anchor.link.label ?? ''} ${text.slice(0, MAX_LABEL)}`.slice(0, MAX_LABEL * 2);
        anchor.lines += 1;
        // An `<a>` never closed must not swallow the answer: its text is still scanned, and
        // after a few lines it is over.
        if (anchor.lines >= MAX_ANCHOR_LINES) this.finishAnchor();
      }
    }
    const definition = from === 0 ? REFERENCE_DEFINITION.exec(text) : null;
    if (definition) {
      const [, ref = '', url = '', ...titles] = definition;
      for (const link of this.references.define(ref, url, titles.find((title) => title !== undefined) ?? '')) this.sink.found(link);
      return;
    }
    // A start tag still open at the end of the line continues on the next one.
    const lastOpen = text.lastIndexOf('<');
    if (lastOpen >= from && !text.includes('>', lastOpen) && UNCLOSED_TAG.test(text.slice(lastOpen, lastOpen + 8))) {
      this.carry = text.slice(lastOpen);
      this.carryLines = 1;
      text = text.slice(0, lastOpen);
    }
    this.scan(text, from, FOOTNOTE_DEFINITION.exec(text)?.[1]);
  }
}

/** `[^1][^2]` written right after a link. */
function footnotesAt(text: string, from: number): { end: number; list: { footnotes?: string[] } } {
  const footnotes: string[] = [];
  FOOTNOTE_REF.lastIndex = from;
  let end = from;
  for (let match = FOOTNOTE_REF.exec(text); match && footnotes.length < 8; match = FOOTNOTE_REF.exec(text)) {
    footnotes.push(match[1] ?? '');
    end = FOOTNOTE_REF.lastIndex;
  }
  return { end, list: footnotes.length > 0 ? { footnotes } : {} };
}

function anchorLink(text: string, context: string): FoundLink | undefined {
  const attributes = parseAttributes(text);
  const url = attributes.get('href');
  if (!url) return undefined;
  // `<a download>`: the page itself says this link is a file to save.
  const label = [attributes.has('download') ? 'download' : '', attributes.get('title') ?? ''].join(' ').trim();
  return { url, label, context };
}

function closeOfAnchor(text: string, from: number): { start: number; end: number } | undefined {
  ANCHOR_CLOSE.lastIndex = from;
  const match = ANCHOR_CLOSE.exec(text);
  return match ? { start: match.index, end: ANCHOR_CLOSE.lastIndex } : undefined;
}

function stripTags(text: string): string {
  return text.replace(/<[^<>]{0,4096}>/g, ' ').replace(/\s+/g, ' ').trim();
}

const TRAILING_PUNCTUATION = '.,;:!?*_~';

/**
 * GFM's autolink rule: trailing punctuation ends the sentence, not the URL (`see https://x/a.mp4.`).
 */
export function trimBareUrl(url: string): string {
  // A loop from the end, not `/[.,;:!?*_~]+$/`: that pattern retries at every character of a
  // run, so a long run of these inside a URL costs quadratic time.
  let end = url.length;
  while (end > 0 && TRAILING_PUNCTUATION.includes(url.charAt(end - 1))) end -= 1;
  return url.slice(0, end);
}
