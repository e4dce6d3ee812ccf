import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtExtensionDir } from '../../../browser/built-extension';

/**
 * A copy of the built extension whose manifest already holds `hostPermissions`. Chromium shows
 * `permissions.request` as a prompt that automation cannot answer (headless, it stays pending
 * for good: checked on Chromium 14x), so a test grants the site the way an install would; the
 * popup's request then resolves `true` at once and everything after it is the real code path.
 */
export async function extensionWithHosts(hostPermissions: string[]): Promise<string> {
  const dir = join(await mkdtemp(join(tmpdir(), 'video-keeper-ext-')), 'chrome-mv3');
  await cp(builtExtensionDir(), dir, { recursive: true });
  const manifestPath = join(dir, 'manifest.json');
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as Record<string, unknown>;
  manifest.host_permissions = hostPermissions;
  await writeFile(manifestPath, JSON.stringify(manifest));
  return dir;
}
