import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [react()],
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'core',
          environment: 'node',
          include: ['src/model/**/*.test.ts', 'src/graph/**/*.test.ts', 'src/cli/**/*.test.ts', 'src/import/**/*.test.ts', 'src/workers/**/*.test.ts', 'src/server/**/*.test.ts', 'scripts/**/*.test.ts'],
          // A hang guard, not a speed check: property tests over random graphs take seconds on a saturated
          // CPU (the 5 s default failed there). Speed is measured by the benches.
          testTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'ui',
          environment: 'jsdom',
          include: ['src/**/*.test.tsx', 'src/features/**/*.test.ts', 'src/store/**/*.test.ts', 'src/canvas/**/*.test.ts', 'src/lib/**/*.test.ts'],
          setupFiles: ['src/test/setup-dom.ts'],
          // Room for `waitFor` (15 s, src/test/setup-dom.ts) on a busy machine.
          testTimeout: 30_000,
        },
      },
    ],
  },
});
