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
    // the web pages in Debian's Chromium (playwright-core) against the engine in-process
    { ...common, displayName: 'browser', testMatch: ['<rootDir>/test/**/*.browser.test.ts'], setupFiles: ['<rootDir>/test/support/quiet-temporal.ts'] },
  ],
};
