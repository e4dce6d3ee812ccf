import { actionButton } from './action-button';

/** Makers of the full gallery's controls, each with the class its stylesheet (gallery.css) expects. */
export interface GalleryControls {
  doc: Document;
  el: <K extends keyof HTMLElementTagNameMap>(tag: K, className: string) => HTMLElementTagNameMap[K];
  /** An action button (`data-action`) styled as the gallery's. */
  button: (action: string, label: string) => HTMLButtonElement;
  /** A filter `<select name>` named for screen readers by `label`. */
  select: (name: string, label: string) => HTMLSelectElement;
  /** A day picker `<input type="date" name>` named for screen readers by `label`. */
  dayInput: (name: string, label: string) => HTMLInputElement;
}

export function galleryControls(doc: Document): GalleryControls {
  const el = <K extends keyof HTMLElementTagNameMap>(tag: K, className: string): HTMLElementTagNameMap[K] => {
    const result = doc.createElement(tag);
    result.className = className;
    return result;
  };
  return {
    doc,
    el,
    button: (action, label) => {
      const result = actionButton(doc, action, label);
      result.className = 'gallery-button';
      return result;
    },
    select: (name, label) => {
      const result = el('select', 'gallery-filter');
      result.name = name;
      result.setAttribute('aria-label', label);
      return result;
    },
    dayInput: (name, label) => {
      const result = el('input', 'gallery-filter gallery-day');
      result.type = 'date';
      result.name = name;
      result.setAttribute('aria-label', label);
      return result;
    },
  };
}
