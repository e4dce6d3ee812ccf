/** One line of the bench's table. Strings, so each figure formats its own unit. */
export interface FigureResult {
  figure: string;
  /** With the extension (or the thing under test). */
  measured: string;
  /** The same without the extension (or the reference it is divided by). */
  baseline: string;
  ratio: string;
  target: string;
  /** undefined: the figure could not be measured (`?`), or has no pass/fail (target `—`). */
  met: boolean | undefined;
  /** How it was measured, spread, diagnosis: printed under the table. */
  notes: string[];
}

const COLUMNS = ['figure', 'measured', 'baseline', 'ratio', 'target', ''] as const;

/** A Markdown table, padded so it also reads well in a terminal. */
export function formatTable(results: readonly FigureResult[]): string {
  const rows = results.map((result) => [
    result.figure,
    result.measured,
    result.baseline,
    result.ratio,
    result.target,
    result.met === undefined ? (result.target === '—' ? '' : '?') : result.met ? '✓' : '✗',
  ]);
  const widths = COLUMNS.map((title, column) =>
    Math.max(width(title), ...rows.map((row) => width(row[column] ?? ''))),
  );
  const line = (cells: readonly string[]): string =>
    `| ${cells.map((cell, column) => cell + ' '.repeat(widths[column]! - width(cell))).join(' | ')} |`;
  return [line(COLUMNS), line(widths.map((size) => '-'.repeat(size))), ...rows.map(line)].join('\n');
}

/** Notes of every figure, one block each. */
export function formatNotes(results: readonly FigureResult[]): string {
  return results
    .filter((result) => result.notes.length > 0)
    .map((result) => [`${result.figure}:`, ...result.notes.map((note) => `  - ${note}`)].join('\n'))
    .join('\n');
}

// CJK and emoji take two terminal columns; the table only needs ✓/✗/÷/≤ to count as one.
const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\u{1f300}-\u{1faff}]/u;

function width(text: string): number {
  let columns = 0;
  for (const char of text) columns += WIDE.test(char) ? 2 : 1;
  return columns;
}
