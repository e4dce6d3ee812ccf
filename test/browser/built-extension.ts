import { fileURLToPath } from 'node:url';

/**
 * The unpacked extension the browser tests load: `VIDEO_KEEPER_EXTENSION_DIR` when set (e.g. a
 * copy of a known-good build), else this repo's `.output/chrome-mv3` from `npm run build`.
 */
export function builtExtensionDir(): string {
  return process.env.VIDEO_KEEPER_EXTENSION_DIR || fileURLToPath(new URL('../../.output/chrome-mv3', import.meta.url));
}
