import { formatBytes } from '../ui/format-bytes';
import { MB, OFFLINE_CAP_CHOICES_MB, type SettingsStore } from '../settings/settings';
import { t } from '../i18n/t';
import { toggle as toggleRowOf } from '../settings/render-toggle';

/** What the offline section needs; the options entrypoint supplies the browser-backed ones. */
export interface OfflineSettingsDeps extends SettingsStore {
  usage(): Promise<{ count: number; bytes: number }>;
  /**
   * Asks for the host permission the copies are fetched with. Called synchronously inside the
   * click (the browser only asks the user during a gesture).
   */
  requestAccess(): Promise<boolean>;
  /** Gives that permission back when the option goes off. */
  releaseAccess(): Promise<unknown>;
  /** Deletes every copy; returns how many there were. */
  clearCopies(): Promise<number>;
  confirm(question: string): boolean;
}

/**
 * The offline-copy option: a switch (asking for the permission it needs as it turns on), the
 * cap, what the copies take now, and a way to turn it off and free the space.
 */
export async function mountOfflineSettings(root: HTMLElement, deps: OfflineSettingsDeps): Promise<void> {
  const doc = root.ownerDocument;
  const settings = await deps.load();

  const { input: appToggle, row: appRow } = toggleRowOf(doc, 'keep-app-copies', 'offlineKeepApps', 'offlineKeepAppsHint', settings.keepAppCopies);
  const { input: toggle, row: toggleRow } = toggleRowOf(doc, 'keep-offline', 'offlineKeep', 'offlineHint', settings.keepOffline);
  const { input: embed, row: embedRow } = toggleRowOf(doc, 'embed-story', 'storyEmbed', 'storyEmbedHint', settings.embedStory);
  const { input: sidecar, row: sidecarRow } = toggleRowOf(doc, 'sidecar-json', 'storySidecar', 'storySidecarHint', settings.sidecarJson);

  const cap = doc.createElement('select');
  cap.id = 'offline-cap';
  const choices = new Set<number>([...OFFLINE_CAP_CHOICES_MB, settings.offlineCapMb]);
  for (const mb of [...choices].sort((a, b) => a - b)) {
    const option = doc.createElement('option');
    option.value = String(mb);
    option.textContent = formatBytes(mb * MB);
    option.selected = mb === settings.offlineCapMb;
    cap.append(option);
  }
  const capLabel = doc.createElement('label');
  capLabel.htmlFor = 'offline-cap';
  capLabel.textContent = `${t('offlineCapLabel')} `;
  const capRow = doc.createElement('p');
  capRow.append(capLabel, cap);

  const usage = doc.createElement('p');
  usage.className = 'offline-usage hint';
  const status = doc.createElement('p');
  status.className = 'offline-status';
  status.setAttribute('role', 'status');

  const clear = doc.createElement('button');
  clear.type = 'button';
  clear.dataset.action = 'clear-offline';
  clear.textContent = t('offlineClear');

  // Read from the options, not `select.value`: the same in every DOM.
  const capMb = (): number => Number(Array.from(cap.options).find((option) => option.selected)?.value ?? settings.offlineCapMb);
  const showUsage = async (): Promise<void> => {
    try {
      const { count, bytes } = await deps.usage();
      usage.textContent = t('offlineUsage', count, formatBytes(bytes), formatBytes(capMb() * MB));
    } catch {
      usage.textContent = '';
    }
  };
  const save = (patch: Parameters<SettingsStore['save']>[0]): Promise<void> =>
    deps.save(patch).catch((error: unknown) => {
      status.textContent = t('offlineSaveError', error instanceof Error ? error.message : String(error));
    });

  toggle.addEventListener('change', () => {
    status.textContent = '';
    if (!toggle.checked) {
      void save({ keepOffline: false });
      void deps.releaseAccess().catch(() => {});
      return;
    }
    // No await before this call: the permission prompt needs the click's user gesture.
    void deps.requestAccess().then(
      async (granted) => {
        if (granted) return save({ keepOffline: true });
        toggle.checked = false;
        status.textContent = t('offlineRefused');
      },
      () => {
        toggle.checked = false;
        status.textContent = t('offlineRefused');
      },
    );
  });
  appToggle.addEventListener('change', () => void save({ keepAppCopies: appToggle.checked }));
  embed.addEventListener('change', () => void save({ embedStory: embed.checked }));
  sidecar.addEventListener('change', () => void save({ sidecarJson: sidecar.checked }));
  cap.addEventListener('change', () => {
    void save({ offlineCapMb: capMb() }).then(showUsage);
  });
  clear.addEventListener('click', () => {
    if (!deps.confirm(t('offlineClearConfirm'))) return;
    toggle.checked = false;
    appToggle.checked = false;
    void (async () => {
      // Off first, so nothing copies the library again behind the user's back.
      await save({ keepOffline: false, keepAppCopies: false });
      const removed = await deps.clearCopies();
      status.textContent = t('offlineCleared', removed);
      await showUsage();
    })();
  });

  root.replaceChildren(appRow, toggleRow, capRow, usage, clear, status, embedRow, sidecarRow);
  await showUsage();
}
