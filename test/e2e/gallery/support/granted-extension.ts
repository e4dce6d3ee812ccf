import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtExtensionDir } from '../../../browser/built-extension';

/**
 * A copy of the built extension whose manifest already grants `permissions` (optional ones of
 * the real manifest, e.g. `notifications`). Headless Chromium leaves `permissions.request`
 * pending for good behind a prompt automation cannot answer; with the permission granted at
 * install, the options page's request resolves `true` at once and the rest is the real path.
 */
export async function extensionWithPermissions(permissions: string[]): Promise<string> {
  const dir = join(await mkdtemp(join(tmpdir(), 'video-keeper-ext-')), 'chrome-mv3');
  await cp(builtExtensionDir(), dir, { recursive: true });
  const manifestPath = join(dir, 'manifest.json');
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as { permissions?: string[] };
  manifest.permissions = [...(manifest.permissions ?? []), ...permissions];
  await writeFile(manifestPath, JSON.stringify(manifest));
  return dir;
}
