import type { SiteStatus } from '../protocol/messages';
import { t } from '../i18n/t';

type ToggleResult = { ok: true } | { ok: false; error: string };

/** What the panel needs from the browser; the popup entrypoint supplies the real ones. */
export interface SitePanelDeps {
  /** Where the current tab stands (the background's `site-status`). */
  status(): Promise<SiteStatus>;
  /**
   * `permissions.request({ origins: [pattern] })`. Called synchronously inside the click
   * handler: browsers honour it only during a user gesture, which ends at the first await.
   */
  requestPermission(pattern: string): Promise<boolean>;
  enable(origin: string): Promise<ToggleResult>;
  disable(origin: string): Promise<ToggleResult>;
  /** Reloads the current tab, so the newly registered scripts run at its `document_start`. */
  reloadTab(): Promise<void>;
}

/**
 * The popup's line about the current tab's site: captured by default, enabled by the user (with
 * a button to turn it off) or not captured (with a button to turn it on). Draws into `panel`.
 */
export async function renderSitePanel(panel: HTMLElement, deps: SitePanelDeps, message?: string): Promise<void> {
  let status: SiteStatus;
  try {
    status = await deps.status();
  } catch (error) {
    draw(panel, 'error', t('siteStatusError', errorText(error)));
    return;
  }
  const host = status.state === 'unsupported' ? '' : hostOf(status.origin);
  switch (status.state) {
    case 'unsupported':
      draw(panel, 'unsupported', t('siteUnsupported'));
      return;
    case 'default':
      draw(panel, 'default', t('siteDefault', host));
      return;
    case 'switched-off':
      draw(panel, 'switched-off', t('siteSwitchedOff', status.app));
      return;
    case 'enabled': {
      const off = actionButton(panel, 'disable-site', t('siteDisable'));
      off.addEventListener('click', () => {
        void toggle(panel, deps, () => deps.disable(status.origin), t('siteStopped', host));
      });
      draw(panel, 'enabled', message ?? t('siteEnabled', host), off, ...(message ? [reloadButton(panel, deps)] : []));
      return;
    }
    case 'disabled': {
      const on = actionButton(panel, 'enable-site', t('siteEnable'));
      on.addEventListener('click', () => {
        // Before any await: the permission prompt needs the click's user gesture.
        const asking = deps.requestPermission(status.pattern);
        void toggle(
          panel,
          deps,
          async () => {
            if (!(await asking)) return { ok: false, error: t('sitePermissionRefused', host) };
            return deps.enable(status.origin);
          },
          t('siteEnabledReload', host),
        );
      });
      draw(panel, 'disabled', t('siteDisabled', host), on);
      return;
    }
  }
}

async function toggle(panel: HTMLElement, deps: SitePanelDeps, run: () => Promise<ToggleResult>, done: string): Promise<void> {
  let result: ToggleResult;
  try {
    result = await run();
  } catch (error) {
    result = { ok: false, error: errorText(error) };
  }
  if (result.ok) {
    await renderSitePanel(panel, deps, done);
  } else {
    await renderSitePanel(panel, deps);
    const line = panel.ownerDocument.createElement('p');
    line.className = 'site-error';
    line.setAttribute('role', 'alert');
    line.textContent = result.error;
    panel.append(line);
  }
}

function draw(panel: HTMLElement, state: string, text: string, ...buttons: HTMLElement[]): void {
  panel.dataset.siteState = state;
  const line = panel.ownerDocument.createElement('p');
  line.className = 'site-text';
  line.setAttribute('role', 'status');
  line.textContent = text;
  panel.replaceChildren(line, ...buttons);
}

function actionButton(panel: HTMLElement, action: string, label: string): HTMLButtonElement {
  const button = panel.ownerDocument.createElement('button');
  button.type = 'button';
  button.className = 'site-button';
  button.dataset.action = action;
  button.textContent = label;
  return button;
}

function reloadButton(panel: HTMLElement, deps: SitePanelDeps): HTMLButtonElement {
  const button = actionButton(panel, 'reload-tab', t('siteReload'));
  button.addEventListener('click', () => {
    deps.reloadTab().catch((error: unknown) => console.error('[video-keeper] could not reload the tab', error));
  });
  return button;
}

function hostOf(origin: string): string {
  try {
    return new URL(origin).host;
  } catch {
    return origin;
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
