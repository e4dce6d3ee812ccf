import { t } from '../i18n/t';

type ToggleResult = { ok: true } | { ok: false; error: string };

/** What the options page's site list needs; the entrypoint supplies the background-backed ones. */
export interface SiteListDeps {
  list(): Promise<string[]>;
  disable(origin: string): Promise<ToggleResult>;
}

/**
 * The sites the user enabled, each with a Remove button (which unregisters its scripts and
 * gives the permission back), or a line saying there are none. Draws into `root`.
 */
export async function renderSiteList(root: HTMLElement, deps: SiteListDeps, error?: string): Promise<void> {
  const doc = root.ownerDocument;
  let origins: string[];
  try {
    origins = await deps.list();
  } catch (listError) {
    root.replaceChildren(alert(doc, t('sitesListError', errorText(listError))));
    return;
  }
  const parts: HTMLElement[] = [];
  if (origins.length === 0) {
    const none = doc.createElement('p');
    none.className = 'site-list-empty';
    none.textContent = t('sitesNone');
    parts.push(none);
  } else {
    const list = doc.createElement('ul');
    list.className = 'site-list';
    for (const origin of origins) {
      const item = doc.createElement('li');
      item.dataset.origin = origin;
      const name = doc.createElement('span');
      name.className = 'site-origin';
      name.textContent = origin;
      const remove = doc.createElement('button');
      remove.type = 'button';
      remove.dataset.action = 'remove-site';
      remove.textContent = t('sitesRemove');
      remove.setAttribute('aria-label', t('sitesRemoveLabel', origin));
      remove.addEventListener('click', () => {
        remove.disabled = true;
        void deps.disable(origin).then(
          (result) => renderSiteList(root, deps, result.ok ? undefined : result.error),
          (removeError: unknown) => renderSiteList(root, deps, errorText(removeError)),
        );
      });
      item.append(name, ' ', remove);
      list.append(item);
    }
    parts.push(list);
  }
  if (error) parts.push(alert(doc, error));
  root.replaceChildren(...parts);
}

function alert(doc: Document, text: string): HTMLElement {
  const line = doc.createElement('p');
  line.className = 'site-error';
  line.setAttribute('role', 'alert');
  line.textContent = text;
  return line;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
