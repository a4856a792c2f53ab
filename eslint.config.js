import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeOnly = ['electron', 'better-sqlite3', 'node:*', 'fs', 'path', 'child_process', 'os'];

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'test-results/', 'playwright-report/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    // Playwright fixtures are named by destructuring; a test that needs none destructures `{}`.
    files: ['e2e/**/*.spec.ts'],
    rules: { 'no-empty-pattern': 'off' },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // Only matters to the React Compiler, which Byline does not use.
      'react-hooks/incompatible-library': 'off',
    },
  },
  {
    // The layers: renderer/ and schema/ run without Node; they never import it or electron.
    files: ['renderer/**/*.{ts,tsx}', 'schema/**/*.ts'],
    ignores: ['**/*.test.ts', 'renderer/vite.config.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: nodeOnly, message: 'renderer/ and schema/ must not use Node or Electron.' },
            { group: ['**/electron/**', '**/e2e/**'], message: 'Import downward only: renderer -> schema.' },
          ],
        },
      ],
    },
  },
  {
    // Only the main-side adapter modules may import 'electron' (anything else would make plain
    // Node try to download the Electron binary).
    files: ['electron/**/*.ts', 'e2e/**/*.ts', 'schema/**/*.ts'],
    ignores: [
      'electron/main.ts',
      'electron/preload.ts',
      'electron/window.ts',
      'electron/dialogs.ts',
      'electron/keychain.ts',
      'electron/menu.ts',
      'electron/protocol.ts',
    ],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'Only main-side adapter modules import electron.', allowTypeImports: true }] },
      ],
    },
  },
);
