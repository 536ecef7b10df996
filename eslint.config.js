// Lint = the layering rules a reviewer should not have to police (after VS Code's
// code-layering rule): only the Electron shell may import electron; core never
// reaches into the shell or the renderer; the renderer reaches core only through
// the types of the contract in src-preload/api.ts.
import tseslint from 'typescript-eslint';

const electronBan = {
  name: 'electron',
  message: 'Only src-main/app/ (and src-preload/index.ts) may import electron: core runs as plain Node and the renderer is a web page.',
};

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.tools/**', 'test-results/**', 'playwright-report/**', 'reports/**', '.tmp-*/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': ['error', { selector: "TSEnumDeclaration", message: 'Use a union of string literals: core runs through Node type stripping, which has no enums.' }],
    },
  },
  {
    files: ['src-main/core/**', 'src-preload/api.ts', 'tests/**', 'scripts/**'],
    // Shell tests import the shell; renderer unit tests import the pure renderer modules they test.
    ignores: ['tests/unit/app/**', 'tests/unit/renderer/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        paths: [electronBan],
        patterns: [
          { group: ['**/src-main/app/**', '**/app/*', '!**/core/**'], message: 'Core must not depend on the Electron shell.' },
          { group: ['**/src-renderer/**'], message: 'Core must not depend on the renderer.' },
        ],
      }],
    },
  },
  {
    files: ['src-main/core/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        paths: [electronBan],
        patterns: [
          { group: ['**/app/**'], message: 'Core must not depend on the Electron shell (src-main/app).' },
          { group: ['**/src-renderer/**'], message: 'Core must not depend on the renderer.' },
        ],
      }],
    },
  },
  {
    files: ['src-renderer/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        paths: [electronBan],
        patterns: [
          { group: ['**/src-main/**'], message: 'The renderer reaches core only through DeskApi.' },
          { group: ['**/src-preload/*', '!**/src-preload/api', '!**/src-preload/api.ts'], message: 'The renderer may import only the contract (src-preload/api.ts).' },
          { group: ['**/src-preload/api', '**/src-preload/api.ts'], allowTypeImports: true, message: 'Import only types from the contract (use `import type`).' },
        ],
      }],
    },
  },
);
