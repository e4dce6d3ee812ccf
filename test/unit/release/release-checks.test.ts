import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { changelogEntry, releaseFiles, releaseRefusals, sha256sums } from '@/scripts/release-checks';

const read = (path: string) => readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8');
const CHANGELOG = '# Changelog\n\n## [Unreleased]\n- next thing\n\n## [1.2.0] - 2026-12-06\n### Added\n- a feature\n\n## [1.1.0] - 2026-11-27\n- first\n';

describe('release refusals', () => {
  it('lets a clean tree with a changelog entry through', () => {
    expect(releaseRefusals({ version: '1.2.0', gitStatus: '', changelog: CHANGELOG })).toEqual([]);
  });

  it('refuses a dirty tree and names the changed files', () => {
    const refusals = releaseRefusals({ version: '1.2.0', gitStatus: ' M package.json\n?? notes.txt\n', changelog: CHANGELOG });
    expect(refusals.map((refusal) => refusal.type)).toEqual(['dirty-tree']);
    expect(refusals[0]!.message).toContain('  M package.json\n  ?? notes.txt');
    expect(refusals[0]!.message).toMatch(/commit or stash them first/);
  });

  it('refuses a version without its own changelog entry (Unreleased or another version does not count)', () => {
    for (const version of ['1.3.0', '1.2', '1.2.00']) {
      const refusals = releaseRefusals({ version, gitStatus: '', changelog: CHANGELOG });
      expect(refusals, version).toHaveLength(1);
    }
    const [missing] = releaseRefusals({ version: '1.3.0', gitStatus: '', changelog: CHANGELOG });
    expect(missing?.type).toBe('no-changelog-entry');
    expect(missing?.message).toContain('add a "## [1.3.0] - YYYY-MM-DD" section');
    expect(releaseRefusals({ version: '1.2', gitStatus: '', changelog: CHANGELOG })[0]!.type).toBe('bad-version');
    // The dot is a dot: 1x2x0 is not 1.2.0's entry.
    expect(changelogEntry(CHANGELOG.replace('[1.2.0]', '[1x2x0]'), '1.2.0')).toBeUndefined();
  });

  it('refuses an entry with no change listed, and gives both reasons at once', () => {
    const empty = '## [2.0.0] - 2026-12-06\n\n## [1.0.0] - 2026-01-01\n- old\n';
    expect(releaseRefusals({ version: '2.0.0', gitStatus: ' M a', changelog: empty }).map((refusal) => refusal.type)).toEqual([
      'dirty-tree',
      'empty-changelog-entry',
    ]);
  });

  it('finds the entry of the version in the project\'s own CHANGELOG.md', () => {
    const { version } = JSON.parse(read('package.json')) as { version: string };
    expect(changelogEntry(read('CHANGELOG.md'), version)?.body).toMatch(/^### Added\n- /);
    expect(releaseRefusals({ version, gitStatus: '', changelog: read('CHANGELOG.md') })).toEqual([]);
  });
});

describe('release files', () => {
  it('names the zips as wxt zip does and writes SHA256SUMS for sha256sum -c', () => {
    expect(releaseFiles('video-keeper', '0.2.0')).toEqual({
      chrome: 'video-keeper-0.2.0-chrome.zip',
      firefox: 'video-keeper-0.2.0-firefox.zip',
      sources: 'video-keeper-0.2.0-sources.zip',
    });
    expect(sha256sums([{ file: 'a.zip', sha256: 'ab'.repeat(32) }, { file: 'b.zip', sha256: 'cd'.repeat(32) }])).toBe(
      `${'ab'.repeat(32)}  a.zip\n${'cd'.repeat(32)}  b.zip\n`,
    );
  });
});
