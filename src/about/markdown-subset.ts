/**
 * The small part of Markdown PRIVACY.md is written in: `#`–`###` headings, paragraphs, `- ` lists,
 * `` `code` `` and `**strong**`. Parsed into plain data, so the About page builds its DOM from
 * text nodes and never hands markup to the browser. Anything else stays literal text.
 */

/** A run of text inside a block. */
export interface Inline {
  type: 'text' | 'code' | 'strong';
  text: string;
}

/** One block of the document. */
export type Block =
  | { type: 'heading'; level: 1 | 2 | 3; content: Inline[] }
  | { type: 'paragraph'; content: Inline[] }
  | { type: 'list'; items: Inline[][] };

/** Splits `text` into blocks: a blank line ends a paragraph or a list; each `- ` line is one item. */
export function parseMarkdownSubset(text: string): Block[] {
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  let items: string[] = [];
  const flush = () => {
    if (paragraph.length) blocks.push({ type: 'paragraph', content: parseInline(paragraph.join(' ')) });
    if (items.length) blocks.push({ type: 'list', items: items.map(parseInline) });
    paragraph = [];
    items = [];
  };
  for (const raw of text.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trim();
    const heading = /^(#{1,3}) (.+)$/.exec(line);
    if (line === '') {
      flush();
    } else if (heading?.[1] && heading[2]) {
      flush();
      blocks.push({ type: 'heading', level: heading[1].length as 1 | 2 | 3, content: parseInline(heading[2]) });
    } else if (line.startsWith('- ')) {
      if (paragraph.length) flush();
      items.push(line.slice(2));
    } else if (items.length) {
      // A wrapped list item continues on the next line.
      items[items.length - 1] = `${items[items.length - 1] ?? ''} ${line}`;
    } else {
      paragraph.push(line);
    }
  }
  flush();
  return blocks;
}

/** `` `code` `` and `**strong**` runs; an unclosed marker is text. */
export function parseInline(text: string): Inline[] {
  const result: Inline[] = [];
  const pattern = /`([^`]+)`|\*\*([^*]+)\*\*/g;
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    if (match.index > last) result.push({ type: 'text', text: text.slice(last, match.index) });
    if (match[1] !== undefined) result.push({ type: 'code', text: match[1] });
    else result.push({ type: 'strong', text: match[2] ?? '' });
    last = match.index + match[0].length;
  }
  if (last < text.length) result.push({ type: 'text', text: text.slice(last) });
  return result;
}
