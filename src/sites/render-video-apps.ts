import { t } from '../i18n/t';

type AppLine = { name: string; label: string; hosts: readonly string[]; on: boolean };

export interface VideoAppsDeps {
  list(): Promise<AppLine[]>;
  set(name: string, on: boolean): Promise<{ ok: true } | { ok: false; error: string }>;
}

/**
 * The options page's list of video apps captured out of the box, one switch each: switched
 * off, the app's pages run none of the capture scripts (from their next load).
 */
export async function renderVideoApps(container: HTMLElement, deps: VideoAppsDeps): Promise<void> {
  const doc = container.ownerDocument;
  let apps: AppLine[];
  try {
    apps = await deps.list();
  } catch (error) {
    container.replaceChildren(status(doc, t('videoAppsError', errorText(error))));
    return;
  }
  const list = doc.createElement('ul');
  list.className = 'video-apps';
  const message = status(doc, '');
  for (const app of apps) {
    const input = doc.createElement('input');
    input.type = 'checkbox';
    input.id = `video-app-${app.name}`;
    input.checked = app.on;
    input.dataset.app = app.name;
    const label = doc.createElement('label');
    label.setAttribute('for', input.id);
    label.textContent = app.label;
    const hosts = doc.createElement('span');
    hosts.className = 'hint';
    hosts.textContent = app.hosts.join(', ');
    input.addEventListener('change', () => {
      const on = input.checked;
      input.disabled = true;
      void deps
        .set(app.name, on)
        .then((result) => {
          if (!result.ok) {
            input.checked = !on;
            message.textContent = t('videoAppsError', result.error);
          } else {
            message.textContent = t(on ? 'videoAppOn' : 'videoAppOff', app.label);
          }
        })
        .catch((error: unknown) => {
          input.checked = !on;
          message.textContent = t('videoAppsError', errorText(error));
        })
        .finally(() => {
          input.disabled = false;
        });
    });
    const item = doc.createElement('li');
    item.className = 'toggle';
    item.append(input, label, hosts);
    list.append(item);
  }
  container.replaceChildren(list, message);
}

function status(doc: Document, text: string): HTMLParagraphElement {
  const line = doc.createElement('p');
  line.className = 'status';
  line.setAttribute('role', 'status');
  line.textContent = text;
  return line;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
