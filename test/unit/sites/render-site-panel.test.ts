import { parseHTML } from 'linkedom';
import { describe, expect, it, vi } from 'vitest';
import type { SiteStatus } from '../../../src/protocol/messages';
import { renderSitePanel, type SitePanelDeps } from '../../../src/sites/render-site-panel';

function setup(initial: SiteStatus, granted = true) {
  const { document } = parseHTML('<!doctype html><html><body><section id="site"></section></body></html>');
  const panel = document.getElementById('site')!;
  let status = initial;
  const deps = {
    status: vi.fn(async () => status),
    requestPermission: vi.fn<SitePanelDeps['requestPermission']>(async () => granted),
    enable: vi.fn<SitePanelDeps['enable']>(async (origin) => {
      status = { state: 'enabled', origin };
      return { ok: true };
    }),
    disable: vi.fn<SitePanelDeps['disable']>(async (origin) => {
      status = { state: 'disabled', origin, pattern: `${origin}/*` };
      return { ok: true };
    }),
    reloadTab: vi.fn(async () => {}),
  };
  return { panel, deps };
}

const click = (panel: HTMLElement, action: string) =>
  panel.querySelector<HTMLButtonElement>(`button[data-action="${action}"]`)!.click();

describe('renderSitePanel', () => {
  it('says a default site is captured, with nothing to switch', async () => {
    const { panel, deps } = setup({ state: 'default', origin: 'http://localhost' });
    await renderSitePanel(panel, deps);
    expect(panel.dataset.siteState).toBe('default');
    expect(panel.textContent).toContain('Capturing on localhost');
    expect(panel.querySelector('button')).toBeNull();
  });

  it('asks for the permission in the click itself, then enables and offers a reload', async () => {
    const { panel, deps } = setup({ state: 'disabled', origin: 'https://chat.example', pattern: 'https://chat.example/*' });
    await renderSitePanel(panel, deps);
    expect(panel.textContent).toContain('Not capturing on chat.example');
    click(panel, 'enable-site');
    // Synchronously, inside the user gesture.
    expect(deps.requestPermission).toHaveBeenCalledWith('https://chat.example/*');
    await vi.waitFor(() => expect(panel.dataset.siteState).toBe('enabled'));
    expect(deps.enable).toHaveBeenCalledWith('https://chat.example');
    expect(panel.textContent).toContain('Reload the page to start');
    click(panel, 'reload-tab');
    expect(deps.reloadTab).toHaveBeenCalled();
  });

  it('does not enable when the permission is refused, and says so', async () => {
    const { panel, deps } = setup({ state: 'disabled', origin: 'https://chat.example', pattern: 'https://chat.example/*' }, false);
    await renderSitePanel(panel, deps);
    click(panel, 'enable-site');
    await vi.waitFor(() => expect(panel.querySelector('.site-error')?.textContent).toContain('was not given'));
    expect(deps.enable).not.toHaveBeenCalled();
    expect(panel.dataset.siteState).toBe('disabled');
  });

  it('turns an enabled site off', async () => {
    const { panel, deps } = setup({ state: 'enabled', origin: 'https://chat.example' });
    await renderSitePanel(panel, deps);
    click(panel, 'disable-site');
    await vi.waitFor(() => expect(panel.dataset.siteState).toBe('disabled'));
    expect(deps.disable).toHaveBeenCalledWith('https://chat.example');
  });

  it('shows an error the background reports', async () => {
    const { panel, deps } = setup({ state: 'disabled', origin: 'https://chat.example', pattern: 'https://chat.example/*' });
    deps.enable.mockResolvedValueOnce({ ok: false, error: 'Could not turn on capture' });
    await renderSitePanel(panel, deps);
    click(panel, 'enable-site');
    await vi.waitFor(() => expect(panel.querySelector('[role="alert"]')?.textContent).toBe('Could not turn on capture'));
  });
});
