import { t, type MessageName } from '../i18n/t';

/** A labelled checkbox with its hint below, described by it. */
export function toggle(
  doc: Document,
  id: string,
  label: MessageName,
  hint: MessageName,
  checked: boolean,
): { input: HTMLInputElement; row: HTMLDivElement } {
  const input = doc.createElement('input');
  input.type = 'checkbox';
  input.id = id;
  input.checked = checked;
  input.setAttribute('aria-describedby', `${id}-hint`);
  const text = doc.createElement('label');
  text.setAttribute('for', id);
  text.textContent = t(label);
  const line = doc.createElement('div');
  line.className = 'toggle';
  line.append(input, text);
  const help = doc.createElement('p');
  help.id = `${id}-hint`;
  help.className = 'hint';
  help.textContent = t(hint);
  const row = doc.createElement('div');
  row.className = 'toggle-row';
  row.append(line, help);
  return { input, row };
}
