// Jest runs the TypeScript tests with ts-jest; the office time zone is pinned so that
// wall-clock assertions behave the same on any machine (Apps Script runs in the script's zone).
process.env.TZ = 'Asia/Shanghai';
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  transform: { '^.+\\.hbs$': '<rootDir>/scripts/jest-hbs.cjs', '^.+\\.ts$': ['ts-jest', { diagnostics: { warnOnly: false } }] },
  moduleFileExtensions: ['ts', 'js', 'json', 'hbs'],
  testTimeout: 120000,
};
