import { describe, expect, it, vi } from 'vitest';
import { badgeText, createNewVideosBadge } from '../../../src/background/new-videos-badge';

function setup(created: number[], seenAt?: number) {
  let seen = seenAt;
  let now = 1_000;
  const setBadge = vi.fn<(text: string) => Promise<void>>(async () => {});
  const badge = createNewVideosBadge({
    countSince: async (time) => created.filter((at) => at > time).length,
    loadSeenAt: async () => seen,
    saveSeenAt: async (time) => {
      seen = time;
    },
    setBadge,
    now: () => now,
  });
  return { badge, setBadge, created, tick: (to: number) => (now = to) };
}

describe('the new-videos badge', () => {
  it('counts videos created since the popup was last opened, and clears when it opens', async () => {
    const { badge, setBadge, created, tick } = setup([100, 600, 700], 500);
    await badge.refresh();
    expect(setBadge).toHaveBeenLastCalledWith('2');
    tick(800);
    await badge.markSeen();
    expect(setBadge).toHaveBeenLastCalledWith('');
    created.push(900);
    await badge.refresh();
    expect(setBadge).toHaveBeenLastCalledWith('1');
  });

  it('starts at zero on a new install', async () => {
    const { badge, setBadge } = setup([100, 200]);
    await badge.refresh();
    expect(setBadge).toHaveBeenLastCalledWith('');
  });

  it('fits the badge', () => {
    expect([0, 1, 99, 100, 12345].map(badgeText)).toEqual(['', '1', '99', '99+', '99+']);
  });
});
