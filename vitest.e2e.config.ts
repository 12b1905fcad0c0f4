import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

// Browser tests: `npm run test:e2e`, with Debian's chromium (installed by .ci/run).
export default defineConfig({
  resolve: base.resolve,
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    testTimeout: 120_000,
    reporters: ['default', ['json', { outputFile: 'test-results/e2e.json' }]],
  },
});
