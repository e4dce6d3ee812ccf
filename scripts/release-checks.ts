/**
 * What `npm run release` checks before it builds, as pure functions of what git and the files
 * say, so each refusal is unit-tested and its message tells the user what to do.
 */

/** A reason not to release, with the words to show. */
export interface ReleaseRefusal {
  type: 'dirty-tree' | 'bad-version' | 'no-changelog-entry' | 'empty-changelog-entry';
  message: string;
}

/** The `## [x.y.z] - YYYY-MM-DD` section of `version` in a Keep a Changelog text, or undefined. */
export function changelogEntry(changelog: string, version: string): { date: string; body: string } | undefined {
  const lines = changelog.replace(/\r\n?/g, '\n').split('\n');
  const heading = new RegExp(`^## \\[${version.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\] - (\\d{4}-\\d{2}-\\d{2})\\s*$`);
  const start = lines.findIndex((line) => heading.test(line));
  if (start < 0) return undefined;
  const end = lines.findIndex((line, index) => index > start && /^## /.test(line));
  const body = lines.slice(start + 1, end < 0 ? undefined : end).join('\n').trim();
  return { date: heading.exec(lines[start] ?? '')?.[1] ?? '', body };
}

/**
 * Every reason not to release `version`: `gitStatus` is `git status --porcelain` (empty on a
 * clean tree; ignored files such as .output/ are not listed), `changelog` the text of CHANGELOG.md.
 */
export function releaseRefusals(input: { version: string; gitStatus: string; changelog: string }): ReleaseRefusal[] {
  const refusals: ReleaseRefusal[] = [];
  const changed = input.gitStatus.split('\n').filter((line) => line.trim() !== '');
  if (changed.length > 0) {
    const shown = changed.slice(0, 10).map((line) => `  ${line}`);
    if (changed.length > shown.length) shown.push(`  … and ${changed.length - shown.length} more`);
    refusals.push({
      type: 'dirty-tree',
      message:
        `The working tree has uncommitted changes:\n${shown.join('\n')}\n` +
        'A release is built from a commit, so its sources zip rebuilds to the same files: commit or stash them first.',
    });
  }
  if (!/^\d+\.\d+\.\d+$/.test(input.version)) {
    refusals.push({
      type: 'bad-version',
      message: `package.json's version "${input.version}" is not x.y.z: the stores take three numbers only.`,
    });
    return refusals;
  }
  const entry = changelogEntry(input.changelog, input.version);
  if (!entry) {
    refusals.push({
      type: 'no-changelog-entry',
      message:
        `CHANGELOG.md has no entry for ${input.version}: add a "## [${input.version}] - YYYY-MM-DD" section ` +
        '(move the lines under [Unreleased] into it), or set package.json\'s version to the one you mean to release.',
    });
  } else if (!/^[-*] \S/m.test(entry.body)) {
    refusals.push({
      type: 'empty-changelog-entry',
      message: `CHANGELOG.md's entry for ${input.version} lists no change: add at least one "- …" line under it.`,
    });
  }
  return refusals;
}

/** The files a release writes into `.output/`, named as `wxt zip` names them. */
export function releaseFiles(name: string, version: string): { chrome: string; firefox: string; sources: string } {
  return {
    chrome: `${name}-${version}-chrome.zip`,
    firefox: `${name}-${version}-firefox.zip`,
    sources: `${name}-${version}-sources.zip`,
  };
}

/** `SHA256SUMS` in the form `sha256sum -c` reads: `<hex>  <file name>`, one line each. */
export function sha256sums(digests: ReadonlyArray<{ file: string; sha256: string }>): string {
  return digests.map(({ file, sha256 }) => `${sha256}  ${file}\n`).join('');
}
