/**
 * `npm run release`: refuses a dirty tree or a version without a CHANGELOG.md entry, then builds
 * both browsers and writes the Chrome zip, the Firefox zip, the sources zip (`wxt zip`) and
 * `SHA256SUMS` into `.output/`.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { releaseFiles, releaseRefusals, sha256sums } from './release-checks';

const ROOT = join(import.meta.dirname, '..');
const OUTPUT = join(ROOT, '.output');

function run(command: string, args: string[]): string {
  const result = spawnSync(command, args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (result.status !== 0) {
    process.stderr.write(result.stdout ?? '');
    throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
  }
  return result.stdout;
}

function main(): void {
  const { name, version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
  const refusals = releaseRefusals({
    version,
    gitStatus: run('git', ['status', '--porcelain']),
    changelog: existsSync(join(ROOT, 'CHANGELOG.md')) ? readFileSync(join(ROOT, 'CHANGELOG.md'), 'utf8') : '',
  });
  if (refusals.length > 0) {
    for (const refusal of refusals) console.error(`release: ${refusal.message}`);
    process.exitCode = 1;
    return;
  }

  console.log(`release: ${name} ${version} at ${run('git', ['rev-parse', '--short', 'HEAD']).trim()}`);
  const wxt = join(ROOT, 'node_modules', '.bin', 'wxt');
  // `wxt zip` builds first; the Firefox one also writes the sources zip AMO reviewers rebuild from.
  process.stdout.write(run(wxt, ['zip']));
  process.stdout.write(run(wxt, ['zip', '-b', 'firefox', '--mv3']));

  const files = Object.values(releaseFiles(name, version));
  const digests = files.map((file) => {
    const path = join(OUTPUT, file);
    if (!existsSync(path)) throw new Error(`wxt zip did not write ${path}`);
    return { file, sha256: createHash('sha256').update(readFileSync(path)).digest('hex') };
  });
  writeFileSync(join(OUTPUT, 'SHA256SUMS'), sha256sums(digests));
  console.log(`release: wrote\n${[...files, 'SHA256SUMS'].map((file) => `  .output/${file}`).join('\n')}`);
}

main();
