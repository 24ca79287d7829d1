// Test tiers by file suffix; each tier is a Jest project and can run alone with --selectProjects.
// jose and content-disposition (via @fastify/static) ship ECMAScript modules only; Jest runs CommonJS, so its files are transformed like ours.
const transform = {
  '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: false }],
  '^.+/node_modules/(jose|content-disposition)/.+\\.js$': ['ts-jest', { tsconfig: { allowJs: true, module: 'commonjs' }, diagnostics: false }],
};
const common = { transform, transformIgnorePatterns: ['/node_modules/(?!(jose|content-disposition)/)'], testEnvironment: 'node', moduleFileExtensions: ['ts', 'js', 'json'] };

module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/test/**/*.unit.test.ts'] },
    { ...common, displayName: 'workflow', testMatch: ['<rootDir>/test/**/*.workflow.test.ts'], setupFiles: ['<rootDir>/test/support/quiet-temporal.ts'] },
    { ...common, displayName: 'integration', testMatch: ['<rootDir>/test/**/*.int.test.ts'], setupFiles: ['<rootDir>/test/support/quiet-temporal.ts'] },
    { ...common, displayName: 'api', testMatch: ['<rootDir>/test/**/*.api.test.ts'], setupFiles: ['<rootDir>/test/support/quiet-temporal.ts'] },
    // against the cluster profile only (`npm run test:cluster`, or `npm test -- --profile cluster`): the walking skeleton, then the scale-out scenario
    ...(process.env.MOTCUA_STACK_PROFILE === 'cluster'
      ? [{ ...common, displayName: 'cluster', testMatch: ['<rootDir>/test/integration/walking-skeleton.int.test.ts', '<rootDir>/test/**/*.cluster.test.ts'], setupFiles: ['<rootDir>/test/support/quiet-temporal.ts'] }]
      : []),
  ],
};
