/**
 * A `<button type="button">` that names what it does in `data-action` (the pages' click handlers
 * dispatch on it) and shows `label` as text, never as HTML.
 */
export function actionButton(doc: Document, action: string, label: string): HTMLButtonElement {
  const button = doc.createElement('button');
  button.type = 'button';
  button.dataset.action = action;
  button.textContent = label;
  return button;
}
