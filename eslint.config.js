// Lint rules: strict TypeScript (no `any`) and the one-way import direction of docs/ARCHITECTURE.md:
// domain <- services <- http / scim / jobs / cli. The web app never imports server code.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const restrict = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: patterns.map((group) => ({ group: [group], message })) }],
});

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'web/dist', 'data', 'test-results', 'coverage', '.tmp'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: restrict(
      ['**/services/**', '**/http/**', '**/db/**', '**/jobs/**', '**/cli/**', '**/scim/**'],
      'domain is pure: it imports nothing with I/O',
    ),
  },
  {
    files: ['src/services/**/*.ts'],
    rules: restrict(['**/http/**', '**/cli/**', '**/scim/**'], 'services never import an edge'),
  },
  {
    files: ['web/**/*.{ts,tsx}'],
    rules: restrict(['**/src/**'], 'the web app talks to the server only over HTTP'),
  },
  {
    files: ['bin/**', 'eslint.config.js', '.ci/**'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
