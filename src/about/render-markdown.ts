import type { Block, Inline } from './markdown-subset';

/** Builds `blocks` as DOM from elements and text nodes only (no `innerHTML`), ready to append. */
export function renderMarkdownBlocks(doc: Document, blocks: readonly Block[]): DocumentFragment {
  const fragment = doc.createDocumentFragment();
  for (const block of blocks) {
    if (block.type === 'heading') {
      fragment.append(withInlines(doc.createElement(`h${block.level}`), block.content));
    } else if (block.type === 'paragraph') {
      fragment.append(withInlines(doc.createElement('p'), block.content));
    } else {
      const list = doc.createElement('ul');
      for (const item of block.items) list.append(withInlines(doc.createElement('li'), item));
      fragment.append(list);
    }
  }
  return fragment;

  function withInlines(element: HTMLElement, inlines: readonly Inline[]): HTMLElement {
    for (const inline of inlines) {
      if (inline.type === 'text') {
        element.append(doc.createTextNode(inline.text));
      } else {
        const child = doc.createElement(inline.type);
        child.textContent = inline.text;
        element.append(child);
      }
    }
    return element;
  }
}
