/**
 * The back ends the server's API suite runs against: always the embedded database in a fresh folder, and a
 * real PostgreSQL when PATHLIGHT_TEST_DATABASE_URL names one (scripts/with-postgres.sh starts a throwaway
 * PostgreSQL 15 cluster and sets it; `npm test` always does). Each suite gets its own fresh database.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';

import type { DbTarget } from './db.ts';

export interface TestBackend {
  readonly name: 'embedded' | 'postgres';
  /** A fresh, empty place for data, and how to remove it. */
  fresh(): Promise<{ target: DbTarget; cleanup(): Promise<void> }>;
}

const embedded: TestBackend = {
  name: 'embedded',
  async fresh() {
    const dir = await mkdtemp(join(tmpdir(), 'pathlight-test-'));
    return { target: { data: dir }, cleanup: () => rm(dir, { recursive: true, force: true }) };
  },
};

function postgres(adminUrl: string): TestBackend {
  return {
    name: 'postgres',
    async fresh() {
      const { default: pg } = await import('pg');
      const name = `pathlight_test_${randomBytes(6).toString('hex')}`;
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.end();
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      return {
        target: { url: url.toString() },
        async cleanup() {
          const c = new pg.Client({ connectionString: adminUrl });
          await c.connect();
          await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
          await c.end();
        },
      };
    },
  };
}

export function testBackends(): TestBackend[] {
  const url = process.env.PATHLIGHT_TEST_DATABASE_URL;
  if (!url && process.env.CI) throw new Error('CI: PATHLIGHT_TEST_DATABASE_URL is not set; run the tests through scripts/with-postgres.sh (npm test does)');
  return url ? [embedded, postgres(url)] : [embedded];
}
