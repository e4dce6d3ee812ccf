/** The page scan's one status line (`role="status"`): what the scan found or kept, or why it failed. */
export interface PageScanStatus {
  element: HTMLParagraphElement;
  /** Drops the error tone; the text stays until `say` replaces it. */
  reset(): void;
  /** Shows `text`, in the tone the line has. */
  say(text: string): void;
  /** Shows `text` as an error. */
  fail(text: string): void;
}

export function createPageScanStatus(doc: Document): PageScanStatus {
  const element = doc.createElement('p');
  element.className = 'page-scan-status';
  element.setAttribute('role', 'status');
  return {
    element,
    reset() {
      element.removeAttribute('data-tone');
    },
    say(text) {
      element.textContent = text;
    },
    fail(text) {
      element.dataset.tone = 'error';
      element.textContent = text;
    },
  };
}
