import js from '@eslint/js';
import regexp from 'eslint-plugin-regexp';
import tseslint from 'typescript-eslint';
import folderLayers from './scripts/folder-layers.json' with { type: 'json' };

/** An import of any module of these folders of src/, however it is written (`../x/`, `../../x/`, `@/src/x/`). */
const inFolders = (folders) => folders.map((folder) => `**/${folder}/*`);
const BROWSER_API = { group: ['wxt/browser', 'webextension-polyfill'], message: 'Nothing in src/ imports the browser API: entrypoints/ pass what a module needs.' };
const STORE_WRITERS = {
  group: ['**/store/video-store', '**/library/library-writes'],
  allowTypeImports: true,
  message: 'Only the background writes the library (through its write queue): ask it with a request (src/protocol/messages.ts).',
};

/**
 * Per folder of src/: no import of a folder of the same or a higher layer (scripts/folder-layers.json,
 * checked also by test/unit/architecture/folder-graph.test.ts), and what CONTRIBUTING.md says of it.
 */
function folderRules() {
  const { layers } = folderLayers;
  const extra = {
    // The page world imports only the protocol (its size is the page's cost: docs/benchmarks.md).
    capture: [{ group: ['../*', '!../protocol', '!../protocol/*', '@/*'], message: 'The page world (src/capture/) imports only src/protocol/.' }],
    // Pure readers over plain data.
    decode: [{ group: inFolders(['store', 'background']), message: 'Decoders import no store, background or browser API.' }],
    extract: [{ group: inFolders(['store', 'background']), message: 'src/extract/ imports no store, background or browser API.' }],
  };
  return layers.flatMap((folders, layer) =>
    folders.map((folder) => {
      const above = layers.slice(layer).flat().filter((other) => other !== folder);
      const patterns = [
        ...(above.length > 0 ? [{ group: inFolders(above), message: `src/${folder}/ imports only folders of lower layers (scripts/folder-layers.json).` }] : []),
        BROWSER_API,
        ...(folder === 'background' || folder === 'store' ? [] : [STORE_WRITERS]),
        ...(extra[folder] ?? []),
      ];
      return { files: [`src/${folder}/**/*.ts`], rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns }] } };
    }),
  );
}

export default tseslint.config(
  { ignores: ['.output/', '.wxt/', 'node_modules/', 'artifacts/'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Template literals with numbers are clear enough here.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-confusing-void-expression': 'off',
      '@typescript-eslint/no-unnecessary-condition': 'off',
    },
  },
  {
    // The page's text is hostile: no pattern over it may backtrack or rescan super-linearly.
    files: ['src/**/*.ts'],
    plugins: { regexp },
    rules: {
      'regexp/no-super-linear-backtracking': ['error', { report: 'potential' }],
      'regexp/no-super-linear-move': ['error', { report: 'potential', ignorePartial: false, ignoreSticky: false }],
      'regexp/no-misleading-capturing-group': ['error', { reportBacktrackingEnds: true }],
      'regexp/no-misleading-unicode-character': 'error',
      'regexp/no-empty-capturing-group': 'error',
      'regexp/no-contradiction-with-assertion': 'error',
    },
  },
  {
    // Tests index into fixtures they just built; a failed assertion says more than a guard.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/require-await': 'off',
    },
  },
  ...folderRules(),
  {
    // Site extractors are pure: the folder's own rules, and no store, background or browser API.
    files: ['src/sites/extractors/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: inFolders(folderLayers.layers.slice(3).flat().filter((folder) => folder !== 'sites')), message: 'src/sites/ imports only folders of lower layers (scripts/folder-layers.json).' },
            { group: inFolders(['store', 'background']), message: 'Site extractors import no store, background or browser API.' },
            BROWSER_API,
          ],
        },
      ],
      'no-restricted-globals': ['error', 'browser', 'chrome', 'indexedDB', 'document'],
    },
  },
  {
    files: ['src/decode/**/*.ts', 'src/extract/**/*.ts'],
    rules: { 'no-restricted-globals': ['error', 'browser', 'chrome', 'indexedDB'] },
  },
  {
    // The extension's pages read the library; only the background writes it.
    files: ['entrypoints/**/*.ts'],
    ignores: ['entrypoints/background.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [STORE_WRITERS] }] },
  },
  {
    files: ['eslint.config.js'],
    extends: [tseslint.configs.disableTypeChecked],
  },
);
