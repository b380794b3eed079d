/**
 * Versioned schema migrations, applied in order at start-up, each in its own transaction and recorded in
 * `schema_migrations`. Never edit a released migration: add the next version. The same statements run on
 * the embedded database and on a real PostgreSQL (15 or later).
 */
import type { Db } from './db.ts';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly statements: readonly string[];
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'tokens, snapshots, decisions, audit log',
    statements: [
      `CREATE TABLE tokens (
         id text PRIMARY KEY,
         hash text NOT NULL UNIQUE,
         role text NOT NULL CHECK (role IN ('viewer', 'editor', 'admin')),
         name text NOT NULL,
         created_at timestamptz NOT NULL,
         revoked_at timestamptz
       )`,
      `CREATE TABLE snapshots (
         id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
         created_at timestamptz NOT NULL,
         source text NOT NULL,
         files jsonb NOT NULL,
         pushed_by text NOT NULL,
         etag text NOT NULL,
         nodes integer NOT NULL,
         edges integer NOT NULL,
         findings integer NOT NULL,
         warnings integer NOT NULL,
         severities jsonb NOT NULL,
         headline jsonb NOT NULL,
         bytes bigint NOT NULL,
         inventory_gz bytea NOT NULL,
         findings_gz bytea NOT NULL,
         summary_gz bytea NOT NULL,
         warnings_gz bytea NOT NULL
       )`,
      `CREATE TABLE decisions (
         finding_key text PRIMARY KEY,
         rule text NOT NULL,
         node text NOT NULL,
         status text NOT NULL CHECK (status IN ('accepted', 'mitigated', 'false-positive')),
         reason text NOT NULL,
         author text NOT NULL,
         decided_at timestamptz NOT NULL
       )`,
      `CREATE TABLE audit_log (
         id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
         at timestamptz NOT NULL,
         actor text NOT NULL,
         action text NOT NULL,
         subject text NOT NULL,
         detail jsonb NOT NULL
       )`,
    ],
  },
];

/** Applies the migrations not yet applied; returns the schema version now in force. */
export async function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS): Promise<number> {
  await db.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer PRIMARY KEY,
    name text NOT NULL,
    applied_at timestamptz NOT NULL
  )`);
  for (const m of migrations) {
    await db.transaction(async (tx) => {
      // Two servers starting on one database: the second waits here, then sees the version applied.
      await tx.query('LOCK TABLE schema_migrations IN SHARE ROW EXCLUSIVE MODE');
      const done = await tx.query('SELECT 1 FROM schema_migrations WHERE version = $1', [m.version]);
      if (done.length > 0) return;
      for (const statement of m.statements) await tx.query(statement);
      await tx.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [m.version, m.name, new Date()]);
    });
  }
  const rows = await db.query<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations');
  const version = rows[0]?.v ?? 0;
  const known = migrations.at(-1)?.version ?? 0;
  if (version > known) throw new Error(`the database's schema is version ${version}, newer than this Pathlight knows (${known}); upgrade Pathlight`);
  return version;
}
