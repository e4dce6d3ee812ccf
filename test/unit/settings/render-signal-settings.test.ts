import { parseHTML } from 'linkedom';
import { describe, expect, it, vi } from 'vitest';
import { mountSignalSettings, NOTIFY_PERMISSION } from '../../../src/settings/render-signal-settings';
import { DEFAULT_SETTINGS, type Settings } from '../../../src/settings/settings';

function setup(stored: Partial<Settings> = {}, granted = false) {
  const { document } = parseHTML('<!doctype html><html><body><div id="signals"></div></body></html>');
  const root = document.getElementById('signals')!;
  const deps = {
    load: vi.fn(async () => ({ ...DEFAULT_SETTINGS, ...stored })),
    save: vi.fn<(patch: Partial<Settings>) => Promise<void>>(async () => {}),
    permissions: {
      contains: vi.fn(async () => granted),
      request: vi.fn(async () => true),
    },
  };
  const checkbox = (label: string) => {
    const labelElement = Array.from(root.querySelectorAll('label')).find((item) => item.textContent === label);
    return root.querySelector<HTMLInputElement>(`#${labelElement?.getAttribute('for') ?? 'none'}`)!;
  };
  const click = (input: HTMLInputElement) => {
    input.checked = !input.checked;
    input.dispatchEvent(new document.defaultView!.Event('change'));
  };
  const status = () => root.querySelector('[role="status"]')?.textContent;
  return { root, deps, checkbox, click, status };
}

describe('mountSignalSettings', () => {
  it('shows two labelled switches, off by default, each with its hint', async () => {
    const { root, deps, checkbox } = setup();
    await mountSignalSettings(root, deps);
    const download = checkbox('Download each new video when it is done');
    const notify = checkbox('Notify me when a video is done');
    expect([download.checked, notify.checked]).toEqual([false, false]);
    expect(root.querySelector(`#${download.getAttribute('aria-describedby')!}`)?.textContent).toContain('Videos already in the library');
    expect(root.querySelector(`#${notify.getAttribute('aria-describedby')!}`)?.textContent).toContain('click it to open the gallery');
  });

  it('saves auto-download as it is switched, only its own field', async () => {
    const { root, deps, checkbox, click, status } = setup();
    await mountSignalSettings(root, deps);
    const download = checkbox('Download each new video when it is done');
    click(download);
    await vi.waitFor(() => expect(status()).toBe('Saved.'));
    expect(deps.save).toHaveBeenLastCalledWith({ autoDownload: true });
    click(download);
    await vi.waitFor(() => expect(deps.save).toHaveBeenLastCalledWith({ autoDownload: false }));
    expect(deps.permissions.request).not.toHaveBeenCalled();
  });

  it('asks for the notifications permission in the click itself, and saves once it is given', async () => {
    const { root, deps, checkbox, click, status } = setup();
    await mountSignalSettings(root, deps);
    const notify = checkbox('Notify me when a video is done');
    click(notify);
    // Synchronously, within the user's gesture: no await before the request.
    expect(deps.permissions.request).toHaveBeenCalledWith(NOTIFY_PERMISSION);
    await vi.waitFor(() => expect(deps.save).toHaveBeenCalledWith({ notifyDone: true }));
    expect(notify.checked).toBe(true);
    expect(status()).toBe('Saved.');
    click(notify);
    await vi.waitFor(() => expect(deps.save).toHaveBeenLastCalledWith({ notifyDone: false }));
    expect(deps.permissions.request).toHaveBeenCalledTimes(1);
  });

  it('switches back off and says why when the permission is refused or cannot be asked', async () => {
    const { root, deps, checkbox, click, status } = setup();
    deps.permissions.request.mockResolvedValueOnce(false);
    await mountSignalSettings(root, deps);
    const notify = checkbox('Notify me when a video is done');
    click(notify);
    await vi.waitFor(() => expect(notify.checked).toBe(false));
    expect(status()).toBe('Notifications were not allowed, so this stays off. Switch it on again and choose Allow.');
    expect(root.querySelector('[role="status"]')?.getAttribute('data-tone')).toBe('error');

    deps.permissions.request.mockImplementationOnce(() => {
      throw new Error('permissions.request may only be called from a user input handler');
    });
    click(notify);
    await vi.waitFor(() => expect(status()).toBe('Could not ask for permission to notify: permissions.request may only be called from a user input handler'));
    expect(notify.checked).toBe(false);
    expect(deps.save).not.toHaveBeenCalled();
  });

  it('shows notifications off, with the reason, when the setting is on but the permission was removed', async () => {
    const withPermission = setup({ notifyDone: true, autoDownload: true }, true);
    await mountSignalSettings(withPermission.root, withPermission.deps);
    expect(withPermission.checkbox('Notify me when a video is done').checked).toBe(true);
    expect(withPermission.checkbox('Download each new video when it is done').checked).toBe(true);

    const removed = setup({ notifyDone: true }, false);
    await mountSignalSettings(removed.root, removed.deps);
    expect(removed.checkbox('Notify me when a video is done').checked).toBe(false);
    expect(removed.status()).toContain('their permission was removed in the browser');
  });

  it('puts a switch back when its setting could not be saved', async () => {
    const { root, deps, checkbox, click, status } = setup();
    deps.save.mockRejectedValueOnce(new Error('QUOTA_BYTES quota exceeded'));
    await mountSignalSettings(root, deps);
    const download = checkbox('Download each new video when it is done');
    click(download);
    await vi.waitFor(() => expect(status()).toBe('Could not save: QUOTA_BYTES quota exceeded'));
    expect(download.checked).toBe(false);
  });
});
