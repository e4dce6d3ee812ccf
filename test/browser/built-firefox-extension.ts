import { fileURLToPath } from 'node:url';

/**
 * The unpacked Firefox build the Firefox tests install: `VIDEO_KEEPER_FIREFOX_EXTENSION_DIR` when
 * set, else this repo's `.output/firefox-mv3` from `npm run build:firefox`.
 */
export function builtFirefoxExtensionDir(): string {
  return (
    process.env.VIDEO_KEEPER_FIREFOX_EXTENSION_DIR ||
    fileURLToPath(new URL('../../.output/firefox-mv3', import.meta.url))
  );
}
