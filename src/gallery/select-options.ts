/** Replaces the options of `target` with `values`, each `[value, text]`; the text never as HTML. */
export function fillOptions(target: HTMLSelectElement, values: ReadonlyArray<readonly [string, string]>): void {
  const doc = target.ownerDocument;
  target.replaceChildren(
    ...values.map(([value, text]) => {
      const option = doc.createElement('option');
      option.value = value;
      option.textContent = text;
      return option;
    }),
  );
}

/**
 * Selects the option of `target` whose value is `value`, if there is one.
 *
 * Through the options, not `select.value =`, which some DOMs (linkedom in the tests) lack.
 * Only the match is set: selecting one option of a single select deselects the rest, while
 * linkedom's `selected = false` would deselect whichever option holds the selection.
 */
export function chooseOption(target: HTMLSelectElement, value: string): void {
  const match = Array.from(target.options).find((option) => option.value === value);
  if (match) match.selected = true;
}
