import type { GalleryControls } from './gallery-controls';

/** How long a deletion can be undone. */
export const UNDO_MS = 10_000;

export interface UndoToast {
  /** The toast, `role="status"`, hidden until shown. */
  element: HTMLElement;
  /** Shows `text` (and `action`, the undo button) for `UNDO_MS`, in place of what it showed. */
  show(text: string, action?: HTMLElement): void;
  hide(): void;
}

/** The full gallery's toast: "Deleted 3 videos · Undo", or why a deletion or its undo failed. */
export function createUndoToast(controls: GalleryControls): UndoToast {
  const toast = controls.el('div', 'undo-toast');
  toast.setAttribute('role', 'status');
  toast.hidden = true;
  let timer: ReturnType<typeof setTimeout> | undefined;
  return {
    element: toast,
    show(text, action) {
      clearTimeout(timer);
      toast.replaceChildren(text, ...(action ? [' ', action] : []));
      toast.hidden = false;
      timer = setTimeout(() => {
        toast.hidden = true;
      }, UNDO_MS);
    },
    hide() {
      clearTimeout(timer);
      toast.hidden = true;
    },
  };
}
