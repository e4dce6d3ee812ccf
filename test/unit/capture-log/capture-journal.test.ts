import { describe, expect, it } from 'vitest';
import { createCaptureJournal, JOURNAL_LIMIT, parseJournalRecords, pathOf, type JournalRecord } from '@/src/capture-log/capture-journal';

const open = { at: 1, site: 'https://jimeng.jianying.com', method: 'POST', endpointUrl: 'https://u:p@jimeng.jianying.com/mweb/v1/get_history_by_ids?aid=513695&sign=SECRET#x', contentType: 'application/json; charset=utf-8' };

describe('capture journal', () => {
  it('keeps metadata only: host and path without query, credentials or fragment; the bare content type', () => {
    const journal = createCaptureJournal();
    journal.opened('s1', open);
    journal.progressed('s1', 1234, { handledBy: 'jimeng/history-by-ids', found: 2 });
    journal.closed('s1', 'complete', { handledBy: 'jimeng/history-by-ids', found: 2 });
    const [record] = journal.records();
    expect(record).toEqual({
      at: 1,
      site: 'https://jimeng.jianying.com',
      path: 'jimeng.jianying.com/mweb/v1/get_history_by_ids',
      method: 'POST',
      type: 'application/json',
      size: 1234,
      handledBy: 'jimeng/history-by-ids',
      found: 2,
      outcome: 'found',
      ended: 'complete',
      issues: [],
    });
    expect(JSON.stringify(journal.records())).not.toContain('SECRET');
  });

  it('tells found, nothing found and skipped (with why) apart, and keeps each issue type once', () => {
    const journal = createCaptureJournal();
    journal.opened('read', open);
    journal.closed('read', 'complete', { handledBy: 'openai-chat', found: 0 });
    journal.opened('unknown', open);
    journal.issue('unknown', 'unknown-shape');
    journal.issue('unknown', 'unknown-shape');
    journal.closed('unknown', 'complete', { found: 0 });
    journal.opened('live', open);
    expect(journal.records().map((record) => [record.outcome, record.issues])).toEqual([
      ['open', []],
      ['skipped', ['unknown-shape']],
      ['nothing', []],
    ]);
  });

  it(`keeps the newest ${JOURNAL_LIMIT}, persists each change, and restores only well-formed records`, () => {
    let saved: JournalRecord[] = [];
    const journal = createCaptureJournal({ onChange: (records) => (saved = [...records]) });
    for (let index = 0; index < JOURNAL_LIMIT + 5; index += 1) journal.opened(`s${index}`, { ...open, at: index });
    expect(journal.records()).toHaveLength(JOURNAL_LIMIT);
    expect(journal.records()[0]?.at).toBe(JOURNAL_LIMIT + 4);
    expect(journal.records().at(-1)?.at).toBe(5);
    expect(saved).toHaveLength(JOURNAL_LIMIT);
    const restored = createCaptureJournal({ initial: parseJournalRecords([...saved, { at: 'x' }, null, 'junk']) });
    expect(restored.records()).toHaveLength(JOURNAL_LIMIT);
    restored.clear();
    expect(restored.records()).toEqual([]);
  });

  it('reads paths safely', () => {
    expect(pathOf('not a url')).toBe('');
    expect(pathOf(`https://a.test/${'x'.repeat(500)}`)).toHaveLength(300);
  });
});
