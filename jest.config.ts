/** @jest-config-loader esbuild-register */
// One jest configuration with a project per workspace; PostgreSQL comes from DATABASE_URL or an embedded server.
import path from 'node:path';
import type { Config } from 'jest';

// swc strips types fast but, unlike esbuild or tsx, also emits the decorator metadata type-graphql and TypeORM read.
const transform: Config['transform'] = {
  '^.+\\.tsx?$': [
    '@swc/jest',
    {
      jsc: {
        parser: { syntax: 'typescript', decorators: true, tsx: true },
        transform: { legacyDecorator: true, decoratorMetadata: true, react: { runtime: 'automatic' } },
        target: 'es2022',
        keepClassNames: true,
      },
      module: { type: 'commonjs' },
      sourceMaps: 'inline',
    },
  ],
};

// Absolute paths: projects live at different depths (services/* and admin-ui).
const moduleNameMapper = {
  '^@ess/kit$': path.join(__dirname, 'services/kit/src/index.ts'),
  '^@ess/kit/testing$': path.join(__dirname, 'services/kit/src/testing/index.ts'),
  '^@ess/kit/identifiers$': path.join(__dirname, 'services/kit/src/identifiers.ts'),
  '^@ess/(actors|procurement|commons|plans|access|gateway)$': path.join(__dirname, 'services/$1/src/index.ts'),
};

// openid-client (gateway) and oauth2-mock-server (its tests) ship only ES modules. Node loads them natively (import());
// Jest's CommonJS registry cannot, so for the gateway swc compiles them and their ESM-only dependencies to CommonJS.
const ESM_ONLY_PACKAGES = ['openid-client', 'oauth4webapi', 'jose', 'oauth2-mock-server', 'is-plain-obj'];
const esmPackages: Partial<Config> = {
  transform: {
    ...transform,
    '^.+\\.m?js$': ['@swc/jest', { jsc: { parser: { syntax: 'ecmascript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_ONLY_PACKAGES.join('|')})/)`],
};

function project(name: string, rootDir: string, extra: Partial<Config> = {}): Config {
  return {
    displayName: name,
    rootDir,
    testEnvironment: 'node',
    testMatch: ['<rootDir>/test/**/*.test.ts'],
    transform,
    moduleNameMapper,
    setupFiles: ['reflect-metadata'],
    ...extra,
  };
}

const config: Config = {
  globalSetup: '<rootDir>/services/kit/src/testing/global-setup.ts',
  globalTeardown: '<rootDir>/services/kit/src/testing/global-teardown.ts',
  testTimeout: 60_000,
  maxWorkers: 2,
  projects: [
    project('kit', '<rootDir>/services/kit'),
    project('actors', '<rootDir>/services/actors'),
    project('procurement', '<rootDir>/services/procurement'),
    project('commons', '<rootDir>/services/commons'),
    project('plans', '<rootDir>/services/plans'),
    project('access', '<rootDir>/services/access'),
    project('gateway', '<rootDir>/services/gateway', esmPackages),
    project('platform', '<rootDir>/services/platform'),
    project('bench', '<rootDir>/services/bench'),
    project('admin-ui', '<rootDir>/admin-ui'),
  ],
};

export default config;
