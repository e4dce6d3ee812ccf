import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import { justificationProblems, manifestAccess, parseJustifications } from '../../../scripts/store-listing';
import { releaseFiles } from '../../../scripts/release-checks';

// What AMO reviewers do with the sources zip, and what the stores read from the built manifests.
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
const FIREFOX_OUTPUT = join(ROOT, '.output', 'firefox-mv3');
const WXT = join(ROOT, 'node_modules', '.bin', 'wxt');
let workDir: string | undefined;

afterAll(async () => {
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

/** Every file under `dir`, relative to it, sorted. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
    .sort();
}

function wxt(cwd: string, args: string[]): void {
  const result = spawnSync(WXT, args, { cwd, encoding: 'utf8', env: { ...process.env, CI: '1' } });
  expect(result.status, `wxt ${args.join(' ')} in ${cwd}\n${result.stdout}\n${result.stderr}`).toBe(0);
}

describe('the built manifests', () => {
  it.each(['chrome', 'firefox'])('%s: carries package.json\'s version and a justification for every permission and host', (browser) => {
    const manifest = JSON.parse(readFileSync(join(ROOT, '.output', `${browser}-mv3`, 'manifest.json'), 'utf8')) as { version: string };
    expect(manifest.version).toBe(pkg.version);
    const table = parseJustifications(JSON.parse(readFileSync(join(ROOT, 'store', 'permissions.json'), 'utf8')));
    expect(justificationProblems(manifestAccess(manifest), table)).toEqual([]);
  });
});

describe('the sources zip', () => {
  it('rebuilds to byte-identical Firefox output', async () => {
    // `wxt zip` builds first, so .output/firefox-mv3 and the sources zip come from the same tree.
    wxt(ROOT, ['zip', '-b', 'firefox', '--mv3']);
    const sourcesZip = join(ROOT, '.output', releaseFiles(pkg.name, pkg.version).sources);
    expect(existsSync(sourcesZip), sourcesZip).toBe(true);

    workDir = await mkdtemp(join(tmpdir(), 'video-keeper-sources-'));
    const zip = await JSZip.loadAsync(await readFile(sourcesZip));
    const names = Object.keys(zip.files).filter((name) => !zip.files[name]!.dir);
    // The reviewer's tree holds what a build needs, and no build output or dependencies.
    expect(names).toEqual(expect.arrayContaining(['package.json', 'package-lock.json', 'wxt.config.ts', 'PRIVACY.md', 'CHANGELOG.md']));
    expect(names.filter((name) => /^(node_modules|\.output|\.wxt|artifacts)\//.test(name))).toEqual([]);
    for (const name of names) {
      const target = join(workDir, name);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, await zip.files[name]!.async('nodebuffer'));
    }
    // `npm ci` stands in for a symlink to the same installed packages: the lock file pins them.
    await symlink(join(ROOT, 'node_modules'), join(workDir, 'node_modules'), 'dir');
    wxt(workDir, ['build', '-b', 'firefox', '--mv3']);

    const rebuilt = join(workDir, '.output', 'firefox-mv3');
    const files = filesUnder(FIREFOX_OUTPUT);
    expect(files).toContain('manifest.json');
    expect(filesUnder(rebuilt)).toEqual(files);
    const differing = files.filter((file) => !readFileSync(join(rebuilt, file)).equals(readFileSync(join(FIREFOX_OUTPUT, file))));
    expect(differing).toEqual([]);
  }, 90_000);
});
