/** The icons of a card's secondary buttons: 16×16 outlines, drawn with `currentColor`. */
const ICONS = {
  // Two sheets: copy the prompt.
  'copy-prompt': ['M5.5 5.5h7.5v8.5h-7.5z', 'M3 10.5v-8h7', 'M7.5 8.5h3.5', 'M7.5 11h3.5'],
  // A chain link: copy the video's link.
  copy: ['M6.5 9.5l3-3', 'M7 4.5l1-1a2.5 2.5 0 0 1 3.5 3.5l-1 1', 'M9 11.5l-1 1a2.5 2.5 0 0 1-3.5-3.5l1-1'],
  // An arrow out of a box: open the video in a tab.
  open: ['M9 2h5v5', 'M14 2l-6.5 6.5', 'M12 10v3.5h-10v-10h3.5'],
  // A speech bubble: open the chat page.
  'open-page': ['M2.5 3h11v8h-6l-3 2.5v-2.5h-2z'],
  // A circled i: the details of the video.
  details: ['M8 1.75a6.25 6.25 0 1 1 0 12.5a6.25 6.25 0 1 1 0-12.5z', 'M8 7v4.5', 'M8 4.6v.1'],
} as const;

/** The name of one icon of `entryIcon`. */
export type EntryIconName = keyof typeof ICONS;

const SVG = 'http://www.w3.org/2000/svg';

/** An inline SVG icon, hidden from assistive technology (its button carries the name). */
export function entryIcon(doc: Document, name: EntryIconName): SVGSVGElement {
  const svg = doc.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('width', '16');
  svg.setAttribute('height', '16');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  svg.setAttribute('class', 'entry-icon');
  for (const d of ICONS[name]) {
    const path = doc.createElementNS(SVG, 'path');
    path.setAttribute('d', d);
    svg.append(path);
  }
  return svg;
}
