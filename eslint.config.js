// @ts-check
import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';
import { debt } from './scripts/eslint/debt.js';
import local from './scripts/eslint/rules.js';

/**
 * The code gates of `npm run lint` (also run by `.ci/run` before the tests). Each limit is a gate, not a taste:
 * raising one for a file needs a line in docs/architecture.md (« Known debt »).
 */

/** The zone's name, spelt so that this file does not contain it: only `common/time/` may name it. */
const ZONE = ['Europe', 'Paris'].join('\\/');
const zoneMessage = 'Le fuseau se nomme seulement dans common/time/ : importer PARIS_TIME_ZONE, PARIS_SQL, parisFormat…';
const ZONE_RULES = [
  { selector: `Literal[value=/${ZONE}/]`, message: zoneMessage },
  { selector: `TemplateElement[value.raw=/${ZONE}/]`, message: zoneMessage },
];
const poolMessage = 'Les modules lisent et écrivent par les gabarits sql de Drizzle et les aides de server/src/db/query.ts (ADR 0007), pas par le pool.';

export default defineConfig(
  {
    ignores: [
      '**/node_modules/**', '**/dist/**', 'build/**', 'server/src/db/migrations/**', 'web/public/**',
      'data/**', 'uploads/**', 'backups/**', 'coverage/**', 'test-results/**',
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    plugins: { 'import-x': importX, local },
    settings: {
      ...importX.flatConfigs.typescript.settings,
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Size: a file over 300 lines or a function over 80 does several things; split it by responsibility.
      'max-lines': ['error', { max: 300, skipBlankLines: true, skipComments: true }],
      // (local/: less a module's route registration and a test's describe block, lists whose items are measured)
      'local/max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true, IIFEs: true }],
      // Modules depend on each other in one direction; a loop means a responsibility sits on the wrong side.
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-self-import': 'error',
      'import-x/no-duplicates': 'error',
      'no-restricted-syntax': ['error', ...ZONE_RULES],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      // A callback may read a variable that is assigned after it is created (a server handler set once ready).
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      // French typography puts no-break spaces in texts, comments and JSX (« », before : ; ? !).
      'no-irregular-whitespace': ['error', { skipStrings: true, skipComments: true, skipTemplates: true, skipJSXText: true }],
    },
  },
  {
    // Tests read untyped JSON answers and drive third-party fakes: `any` is the honest type there.
    files: ['**/*.test.ts', '**/*.test.tsx', 'server/test/**', 'e2e/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // A browser journey is one scenario whose steps read in order; each file still stays under 300 lines.
    files: ['e2e/**'],
    rules: { 'local/max-lines-per-function': 'off' },
  },
  {
    // One line per route of the API, grouped by who may call it: the table grows with the API by design.
    files: ['server/test/security/authz-policy.ts'],
    rules: { 'max-lines': ['error', { max: 400, skipBlankLines: true, skipComments: true }] },
  },
  {
    files: ['common/time/**'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    // Modules reach PostgreSQL through db/ (the pool, Drizzle, the typed query helpers), never through the driver.
    files: ['server/src/modules/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'pg', message: 'Les modules passent par server/src/db/ (pool, Drizzle), jamais par le pilote pg.' }] },
      ],
    },
  },
  {
    // One data-access style (ADR 0007): no raw query on the pool (`pool.query`, `app.pool.query`, `pool.connect`)
    // nor the pool handed around (`app.pool`, `request.readPool`). Tests and their fixtures set up state through it.
    files: ['server/src/modules/**'],
    ignores: ['**/*.test.ts', '**/*fixtures.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...ZONE_RULES,
        { selector: "CallExpression[callee.object.name='pool']", message: poolMessage },
        { selector: "MemberExpression[property.name=/^(pool|readPool)$/]", message: poolMessage },
      ],
    },
  },
  {
    files: ['web/src/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/common/time/sql*'], message: 'common/time/sql est pour le serveur (drizzle-orm).' },
            { group: ['drizzle-orm', 'drizzle-orm/*', 'pg', '**/server/**'], message: 'Le client web ne charge pas de code serveur.' },
          ],
        },
      ],
      // The API's schemas (common/api/) are read for their types only, so that TypeBox stays out of the bundle.
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['typebox', 'typebox/*', '**/common/api/*'],
              allowTypeImports: true,
              message: 'Le client web lit les schémas de l’API pour leurs types seulement : import type.',
            },
          ],
        },
      ],
    },
  },
  ...debt,
);
