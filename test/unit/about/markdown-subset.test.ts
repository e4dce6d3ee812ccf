import { readFileSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { parseInline, parseMarkdownSubset, type Block } from '@/src/about/markdown-subset';
import { privacyText } from '@/src/about/privacy-text';
import { renderMarkdownBlocks } from '@/src/about/render-markdown';

const read = (path: string) => readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8');

function render(markdown: string): Document {
  const { document } = parseHTML('<!doctype html><html><body><article></article></body></html>');
  document.querySelector('article')!.append(renderMarkdownBlocks(document, parseMarkdownSubset(markdown)));
  return document;
}

/** The outline of a document: block types, heading levels and list lengths. */
const outline = (blocks: Block[]) =>
  blocks.map((block) => (block.type === 'heading' ? `h${block.level}` : block.type === 'list' ? `list${block.items.length}` : 'p'));

describe('the Markdown subset of PRIVACY.md', () => {
  it('reads headings, paragraphs, lists (with wrapped items), code and strong runs', () => {
    const blocks = parseMarkdownSubset('# Title\n\nOne\nparagraph with `code`.\n\n- **A** item\n  continued\n- second\n\n## Next');
    expect(blocks).toEqual([
      { type: 'heading', level: 1, content: [{ type: 'text', text: 'Title' }] },
      { type: 'paragraph', content: [{ type: 'text', text: 'One paragraph with ' }, { type: 'code', text: 'code' }, { type: 'text', text: '.' }] },
      { type: 'list', items: [[{ type: 'strong', text: 'A' }, { type: 'text', text: ' item continued' }], [{ type: 'text', text: 'second' }]] },
      { type: 'heading', level: 2, content: [{ type: 'text', text: 'Next' }] },
    ]);
    expect(parseInline('an unclosed `tick and **star')).toEqual([{ type: 'text', text: 'an unclosed `tick and **star' }]);
  });

  it('renders markup in the text as text, never as elements', () => {
    const doc = render('<img src=x onerror="alert(1)"> **<b>bold</b>** `<script>`');
    expect(doc.querySelector('img, b, script')).toBeNull();
    expect(doc.querySelector('p')!.textContent).toBe('<img src=x onerror="alert(1)"> <b>bold</b> <script>');
    expect(doc.querySelector('strong')!.textContent).toBe('<b>bold</b>');
  });

  it('renders the shipped policy: its sections, and how to delete everything', () => {
    const doc = render(read('PRIVACY.md'));
    const headings = [...doc.querySelectorAll('h2')].map((heading) => heading.textContent);
    expect(headings).toEqual([
      'What is read, and on which sites',
      'What is stored, and where',
      'What is fetched, and when',
      'Sharing',
      'How to delete everything',
    ]);
    expect(doc.querySelector('article')!.textContent).toContain('IndexedDB');
    expect(doc.querySelectorAll('code').length).toBeGreaterThan(3);
  });

  it('has the same outline in English and Chinese, and picks the text by the catalog language', () => {
    const english = parseMarkdownSubset(read('PRIVACY.md'));
    const chinese = parseMarkdownSubset(read('PRIVACY.zh_CN.md'));
    expect(outline(chinese)).toEqual(outline(english));
    expect(privacyText('zh-CN')).toBe(read('PRIVACY.zh_CN.md'));
    expect(privacyText('en')).toBe(read('PRIVACY.md'));
  });
});
