import { parseHTML } from 'linkedom';
import { describe, expect, it, vi } from 'vitest';
import { placeSpaceNotice } from '@/src/offline/render-space-notice';
import type { OfflineSpace } from '@/src/offline/offline-space';

describe('the space-full notice', () => {
  it('hidden while everything fit; says how many were not copied and offers both ways out when full; redraws on change', async () => {
    const { document } = parseHTML('<!doctype html><html><body><main id="a"></main></body></html>');
    const anchor = document.getElementById('a')!;
    let space: OfflineSpace = { bytes: 1_000_000, capBytes: 2_000_000_000, notCopied: 0 };
    let changed: () => void = () => {};
    const openSettings = vi.fn();
    placeSpaceNotice(anchor, { read: async () => space, openSettings, onChange: (listener) => (changed = listener) });
    await vi.waitFor(() => expect(document.querySelector('.offline-full')).not.toBeNull());
    const notice = document.querySelector<HTMLElement>('.offline-full')!;
    expect(notice.nextElementSibling).toBe(anchor);
    expect(notice.hidden).toBe(true);

    space = { bytes: 1_990_000_000, capBytes: 2_000_000_000, notCopied: 3 };
    changed();
    await vi.waitFor(() => expect(notice.hidden).toBe(false));
    expect(notice.textContent).toContain('3 videos were not copied');
    expect(notice.getAttribute('role')).toBe('status');
    for (const action of ['raise-offline-cap', 'free-offline-space']) {
      notice.querySelector<HTMLButtonElement>(`[data-action="${action}"]`)!.click();
    }
    expect(openSettings).toHaveBeenCalledTimes(2);

    space = { ...space, notCopied: 0 };
    changed();
    await vi.waitFor(() => expect(notice.hidden).toBe(true));
  });
});
