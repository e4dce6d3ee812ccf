import { t, uiLocale } from '../i18n/t';
import type { CaptureLogRecord } from '../protocol/messages';

export interface CaptureLogDeps {
  records(): Promise<CaptureLogRecord[]>;
  clear(): Promise<unknown>;
  /** Saves a file the user downloads (the bug report). */
  saveFile(name: string, text: string): void;
  now(): number;
}

/** The bug report "Export report" writes: the records, when, and by which version. */
export function captureReport(records: readonly CaptureLogRecord[], version: string, now: number): string {
  return `${JSON.stringify({ kind: 'video-keeper-capture-log', version, exportedAt: new Date(now).toISOString(), records }, null, 2)}\n`;
}

/**
 * The capture log page: the last responses the extension looked at (newest first), what read
 * each and what it found, or why it was skipped. Text only: every cell is `textContent`.
 */
export async function renderCaptureLog(root: HTMLElement, deps: CaptureLogDeps, version: string): Promise<void> {
  const doc = root.ownerDocument;
  const table = doc.createElement('table');
  table.className = 'capture-log';
  const head = doc.createElement('tr');
  for (const name of ['logTime', 'logSite', 'logPath', 'logType', 'logSize', 'logReadBy', 'logOutcome'] as const) {
    const cell = doc.createElement('th');
    cell.scope = 'col';
    cell.textContent = t(name);
    head.append(cell);
  }
  const body = doc.createElement('tbody');
  table.append(Object.assign(doc.createElement('thead'), {}), body);
  table.tHead?.append(head);
  const summary = doc.createElement('p');
  summary.setAttribute('role', 'status');

  const exportButton = doc.createElement('button');
  exportButton.type = 'button';
  exportButton.textContent = t('logExport');
  const refreshButton = doc.createElement('button');
  refreshButton.type = 'button';
  refreshButton.textContent = t('logRefresh');
  const clearButton = doc.createElement('button');
  clearButton.type = 'button';
  clearButton.textContent = t('logClear');
  const bar = doc.createElement('div');
  bar.className = 'log-actions';
  bar.append(refreshButton, exportButton, clearButton);

  let records: CaptureLogRecord[] = [];
  const time = new Intl.DateTimeFormat(uiLocale(), { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  const draw = async (): Promise<void> => {
    try {
      records = await deps.records();
    } catch (error) {
      summary.textContent = t('logError', error instanceof Error ? error.message : String(error));
      return;
    }
    body.replaceChildren(
      ...records.map((record) => {
        const row = doc.createElement('tr');
        row.dataset.outcome = record.outcome;
        const cells = [
          time.format(record.at),
          record.site,
          `${record.method} ${record.path}`,
          record.type,
          String(record.size),
          record.handledBy ?? '—',
          outcomeText(record),
        ];
        for (const text of cells) {
          const cell = doc.createElement('td');
          cell.textContent = text;
          row.append(cell);
        }
        return row;
      }),
    );
    summary.textContent = records.length === 0 ? t('logEmpty') : t('logCount', records.length);
  };
  refreshButton.addEventListener('click', () => void draw());
  exportButton.addEventListener('click', () => {
    deps.saveFile(`video-keeper-capture-log-${deps.now()}.json`, captureReport(records, version, deps.now()));
  });
  clearButton.addEventListener('click', () => {
    void deps.clear().then(draw);
  });
  root.replaceChildren(bar, summary, table);
  await draw();
}

/** What became of a response, in words: found N, nothing found, or skipped and why. */
export function outcomeText(record: CaptureLogRecord): string {
  const why = record.issues.length > 0 ? ` (${record.issues.join(', ')})` : '';
  switch (record.outcome) {
    case 'open':
      return t('logOpen');
    case 'found':
      // A site that changed: say what the generic reader kept, so the change is visible and nothing is lost.
      if (record.generic) {
        return (record.issues.includes('unknown-shape') ? t('logGenericUnknownShape', record.generic) : t('logGenericKept', record.generic)) + why;
      }
      return t('logFound', record.found) + why;
    case 'nothing':
      return t('logNothing') + why;
    case 'skipped':
      return t('logSkipped') + why;
  }
}
