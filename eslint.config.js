// Lint rules that guard the shape of the project, not just style.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

// electron/policy holds the desktop's pure decisions (tray template, notify policy): plain code, tested without Electron.
const noElectron = {
  paths: [
    {
      name: 'electron',
      message:
        'electron/core, electron/policy and shared/ are plain Node: only the glue in electron/app, ipc, preload and main may import electron.',
    },
  ],
  patterns: [
    {
      group: ['electron/*', 'electron/**'],
      message: 'electron/core, electron/policy and shared/ must not import electron.',
    },
    {
      group: [
        '**/electron/app/**',
        '**/electron/ipc/**',
        '**/electron/preload/**',
        '../app/**',
        '../ipc/**',
        '../preload/**',
      ],
      message: 'the core and the policies must not depend on the Electron glue.',
    },
  ],
};

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'dist/', 'test-results/', 'coverage/', 'bench/tmp/', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'off',
    },
  },
  {
    files: ['electron/core/**/*.ts', 'electron/policy/**/*.ts', 'shared/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', noElectron] },
  },
  {
    // The renderer talks to the main process only through window.api.
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'the renderer talks only to window.api.' }],
          patterns: [
            {
              group: ['**/electron/**', 'node:*'],
              message: 'the renderer must not import main-process code or Node modules.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.cjs', 'bin/**', 'scripts/**/*.mjs'],
    languageOptions: {
      globals: {
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
        process: 'readonly',
        console: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  // Formatting is prettier's (npm run lint checks it); no lint rule argues with it.
  prettier,
);
