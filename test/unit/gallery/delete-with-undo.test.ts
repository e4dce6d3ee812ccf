import { parseHTML } from 'linkedom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { deleteWithUndo, type DeleteWithUndoDeps } from '../../../src/gallery/delete-with-undo';
import { galleryControls } from '../../../src/gallery/gallery-controls';
import { createUndoToast, UNDO_MS } from '../../../src/gallery/undo-toast';
import type { VideoEntry } from '../../../src/store/video-entry';

function setup(overrides: Partial<DeleteWithUndoDeps> = {}) {
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  const controls = galleryControls(document);
  const toast = createUndoToast(controls);
  const removed = [{ id: 'a' }, { id: 'b' }] as VideoEntry[];
  const deps = {
    controls,
    toast,
    deleteEntries: vi.fn(async () => ({ ok: true as const, removed })),
    restoreEntries: vi.fn(async () => ({ ok: true as const, restored: 2 })),
    onDeleted: vi.fn(),
    onRestored: vi.fn(),
    ...overrides,
  };
  return { deps, toast, remove: deleteWithUndo(deps), removed };
}

afterEach(() => vi.useRealTimers());

describe('deleteWithUndo', () => {
  it('deletes, says so with an Undo that restores, and hides the toast after UNDO_MS', async () => {
    vi.useFakeTimers();
    const { deps, toast, remove, removed } = setup();
    await remove(['a', 'b']);
    expect(deps.onDeleted).toHaveBeenCalledWith(['a', 'b'], removed);
    expect(toast.element.hidden).toBe(false);
    expect(toast.element.textContent).toBe('Deleted 2 videos. Undo');
    toast.element.querySelector<HTMLButtonElement>('[data-action="undo"]')!.click();
    expect(toast.element.hidden).toBe(true);
    await vi.waitFor(() => expect(deps.onRestored).toHaveBeenCalled());
    expect(deps.restoreEntries).toHaveBeenCalledWith(removed);

    await remove(['a']);
    vi.advanceTimersByTime(UNDO_MS - 1);
    expect(toast.element.hidden).toBe(false);
    vi.advanceTimersByTime(1);
    expect(toast.element.hidden).toBe(true);
  });

  it('says why a deletion or its undo was refused, and deletes nothing for no ids', async () => {
    const refused = setup({ deleteEntries: vi.fn(async () => ({ ok: false as const, error: 'store locked' })) });
    await refused.remove([]);
    expect(refused.deps.deleteEntries).not.toHaveBeenCalled();
    await refused.remove(['a']);
    expect(refused.deps.onDeleted).not.toHaveBeenCalled();
    expect(refused.toast.element.textContent).toBe('store locked');

    const undoRefused = setup({ restoreEntries: vi.fn(async () => ({ ok: false as const, error: 'no space' })) });
    await undoRefused.remove(['a']);
    undoRefused.toast.element.querySelector<HTMLButtonElement>('[data-action="undo"]')!.click();
    await vi.waitFor(() => expect(undoRefused.toast.element.textContent).toBe('no space'));
    expect(undoRefused.deps.onRestored).not.toHaveBeenCalled();
  });
});
