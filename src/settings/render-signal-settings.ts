import { t } from '../i18n/t';
import { toggle } from './render-toggle';
import type { SettingsStore } from './settings';

/** The optional permission the done notification needs. */
export const NOTIFY_PERMISSION: { permissions: ['notifications'] } = { permissions: ['notifications'] };

/** The part of `browser.permissions` the section uses. */
export interface PermissionsApi {
  contains(permissions: typeof NOTIFY_PERMISSION): Promise<boolean>;
  request(permissions: typeof NOTIFY_PERMISSION): Promise<boolean>;
}

/** What the section needs; the options entrypoint supplies `storage.local` and `browser.permissions`. */
export interface SignalSettingsDeps extends SettingsStore {
  permissions: PermissionsApi;
}

/**
 * Two switches for new videos: download each one when it is done, and notify when one is done.
 * Switching notifications on asks for the `notifications` permission first, from the click
 * itself (the browser wants the user's gesture); refused, the switch goes back off and says so.
 */
export async function mountSignalSettings(root: HTMLElement, deps: SignalSettingsDeps): Promise<void> {
  const doc = root.ownerDocument;
  const [settings, canNotify] = await Promise.all([
    deps.load(),
    deps.permissions.contains(NOTIFY_PERMISSION).catch(() => false),
  ]);

  const status = doc.createElement('p');
  status.className = 'signal-status hint';
  status.setAttribute('role', 'status');
  const say = (message: string, tone: 'info' | 'error' = 'info'): void => {
    status.textContent = message;
    status.dataset.tone = tone;
  };
  const save = (patch: Parameters<SettingsStore['save']>[0], undo: () => void): void => {
    deps.save(patch).then(
      () => say(t('signalsSaved')),
      (error: unknown) => {
        undo();
        say(t('signalsSaveError', errorMessage(error)), 'error');
      },
    );
  };

  const autoDownload = toggle(doc, 'auto-download', 'autoDownloadLabel', 'autoDownloadHint', settings.autoDownload);
  autoDownload.input.addEventListener('change', () => {
    const on = autoDownload.input.checked;
    save({ autoDownload: on }, () => (autoDownload.input.checked = !on));
  });

  // Switched on but the permission is gone (removed in the browser's own settings): it cannot notify.
  const notify = toggle(doc, 'notify-done', 'notifyDoneLabel', 'notifyDoneHint', settings.notifyDone && canNotify);
  if (settings.notifyDone && !canNotify) say(t('notifyPermissionMissing'), 'error');
  notify.input.addEventListener('change', () => {
    if (!notify.input.checked) {
      save({ notifyDone: false }, () => (notify.input.checked = true));
      return;
    }
    // Before any await: the request must run within the click's user activation.
    let asked: Promise<boolean>;
    try {
      asked = deps.permissions.request(NOTIFY_PERMISSION);
    } catch (error) {
      asked = Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    asked.then(
      (granted) => {
        if (granted) {
          save({ notifyDone: true }, () => (notify.input.checked = false));
          return;
        }
        notify.input.checked = false;
        say(t('notifyRefused'), 'error');
      },
      (error: unknown) => {
        notify.input.checked = false;
        say(t('notifyRequestError', errorMessage(error)), 'error');
      },
    );
  });

  root.replaceChildren(autoDownload.row, notify.row, status);
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
