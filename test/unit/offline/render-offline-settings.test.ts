import { parseHTML } from 'linkedom';
import { describe, expect, it, vi } from 'vitest';
import { mountOfflineSettings, type OfflineSettingsDeps } from '@/src/offline/render-offline-settings';
import { DEFAULT_SETTINGS, type Settings } from '@/src/settings/settings';

async function mount(options: { granted: boolean; stored?: Partial<Settings>; confirm?: boolean }) {
  const { document } = parseHTML('<!doctype html><html><body><div id="o"></div></body></html>');
  const root = document.getElementById('o')!;
  let stored: Settings = { ...DEFAULT_SETTINGS, ...options.stored };
  const spies = {
    requestAccess: vi.fn(async () => options.granted),
    releaseAccess: vi.fn(async () => true),
    clearCopies: vi.fn(async () => 2),
  };
  const deps: OfflineSettingsDeps = {
    ...spies,
    load: async () => stored,
    save: async (patch: Partial<Settings>) => void (stored = { ...stored, ...patch }),
    usage: async () => ({ count: 2, bytes: 3_000_000 }),
    confirm: () => options.confirm ?? true,
  };
  await mountOfflineSettings(root, deps);
  const toggle = root.querySelector<HTMLInputElement>('#keep-offline')!;
  const flip = (checked: boolean) => {
    toggle.checked = checked;
    toggle.dispatchEvent(new document.defaultView!.Event('change'));
  };
  return { root, deps: spies, toggle, flip, stored: () => stored, document };
}

describe('mountOfflineSettings', () => {
  it('turns on only once the browser grants access, asking within the click', async () => {
    const { deps, flip, stored, root } = await mount({ granted: true });
    expect(root.querySelector('.offline-usage')?.textContent).toBe('2 videos kept, 3.0 MB of 2.0 GB.');
    flip(true);
    // Asked synchronously, before any await: a prompt needs the user's gesture.
    expect(deps.requestAccess).toHaveBeenCalledTimes(1);
    await vi.waitFor(() => expect(stored().keepOffline).toBe(true));
  });

  it('stays off, and says why, when the browser refuses', async () => {
    const { flip, toggle, stored, root } = await mount({ granted: false });
    flip(true);
    await vi.waitFor(() => expect(root.querySelector('.offline-status')?.textContent).toBe(
      'Offline copies stay off: the browser did not allow reading video links.',
    ));
    expect(toggle.checked).toBe(false);
    expect(stored().keepOffline).toBe(false);
  });

  it('turning off gives the permission back; the cap saves; clearing turns off first, then deletes', async () => {
    const { deps, flip, stored, root, document } = await mount({ granted: true, stored: { keepOffline: true } });
    const cap = root.querySelector<HTMLSelectElement>('#offline-cap')!;
    // linkedom has no select.value setter; the attribute is what a user's choice amounts to here.
    for (const option of Array.from(cap.options)) option.toggleAttribute('selected', option.value === '250');
    cap.dispatchEvent(new document.defaultView!.Event('change'));
    await vi.waitFor(() => expect(stored().offlineCapMb).toBe(250));
    root.querySelector<HTMLButtonElement>('[data-action="clear-offline"]')!.click();
    await vi.waitFor(() => expect(deps.clearCopies).toHaveBeenCalledTimes(1));
    expect(stored().keepOffline).toBe(false);
    await vi.waitFor(() => expect(root.querySelector('.offline-status')?.textContent).toBe('Deleted 2 offline copies.'));
    flip(false);
    expect(deps.releaseAccess).toHaveBeenCalledTimes(1);
  });

  it('deletes nothing when the user does not confirm', async () => {
    const { deps, root, stored } = await mount({ granted: true, stored: { keepOffline: true }, confirm: false });
    root.querySelector<HTMLButtonElement>('[data-action="clear-offline"]')!.click();
    expect(deps.clearCopies).not.toHaveBeenCalled();
    expect(stored().keepOffline).toBe(true);
  });
});
