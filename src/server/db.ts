/**
 * One database interface over the two PostgreSQL back ends: the embedded default (PGlite: PostgreSQL compiled
 * to WASM, data in a folder) and a real server (`pg`). Both run exactly the same SQL (`$1` parameters,
 * standard types), so the schema, the migrations and every query are shared.
 */
import { mkdir, open, readFile, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';

export interface Sql {
  query<T = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<T[]>;
}

export interface Db extends Sql {
  readonly kind: 'embedded' | 'postgres';
  /** Where the data is, for messages (the folder, or the URL without its password). */
  readonly where: string;
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export type DbTarget = { readonly data: string } | { readonly url: string };

export class DatabaseError extends Error {}

/** The URL with its password replaced, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://…';
  }
}

export async function openDatabase(target: DbTarget): Promise<Db> {
  if ('url' in target) return openPostgres(target.url);
  return openEmbedded(target.data);
}

async function openPostgres(url: string): Promise<Db> {
  if (!/^postgres(ql)?:\/\//i.test(url)) throw new DatabaseError(`--database ${redactUrl(url)}: expected a postgres:// or postgresql:// URL`);
  const { default: pg } = await import('pg');
  // int8 (counts) as numbers; ids are int4 anyway.
  pg.types.setTypeParser(20, (v: string) => Number(v));
  const pool = new pg.Pool({ connectionString: url, max: 8, connectionTimeoutMillis: 10_000, idleTimeoutMillis: 30_000 });
  pool.on('error', () => {
    // An idle client lost its connection; the next query gets a new one.
  });
  try {
    const client = await pool.connect();
    client.release();
  } catch (err) {
    await pool.end().catch(() => {});
    throw new DatabaseError(`cannot connect to ${redactUrl(url)}: ${(err as Error).message}`);
  }
  const where = redactUrl(url);
  return {
    kind: 'postgres',
    where,
    async query<T>(text: string, params: readonly unknown[] = []) {
      return (await pool.query(text, params as unknown[])).rows as T[];
    },
    async transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const tx: Sql = {
          async query<R>(text: string, params: readonly unknown[] = []) {
            return (await client.query(text, params as unknown[])).rows as R[];
          },
        };
        const result = await fn(tx);
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    },
    async close() {
      await pool.end();
    },
  };
}

const LOCK_FILE = 'pathlight.lock';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the folder's lock (one process at a time may open an embedded database: PGlite is single-user).
 * A lock left by a process that no longer runs (killed) is taken over.
 */
async function lockFolder(dir: string): Promise<() => Promise<void>> {
  const path = join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(path, 'wx');
      await handle.writeFile(`${process.pid}\n`);
      await handle.close();
      return async () => {
        await rm(path, { force: true });
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number.parseInt(await readFile(path, 'utf8').catch(() => ''), 10);
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) {
        throw new DatabaseError(`${dir} is in use by another Pathlight process (pid ${pid})`);
      }
      await rm(path, { force: true });
    }
  }
  throw new DatabaseError(`${dir}: cannot take the folder's lock`);
}

async function openEmbedded(data: string): Promise<Db> {
  const dir = resolve(data);
  const info = await stat(dir).catch(() => undefined);
  if (info && !info.isDirectory()) throw new DatabaseError(`--data ${data}: not a directory`);
  await mkdir(join(dir, 'pgdata'), { recursive: true });
  const unlock = await lockFolder(dir);
  let db;
  try {
    const { PGlite } = await import('@electric-sql/pglite');
    db = await PGlite.create(join(dir, 'pgdata'));
  } catch (err) {
    await unlock();
    throw new DatabaseError(`cannot open the embedded database in ${dir}: ${(err as Error).message}`);
  }
  const pglite = db;
  // PGlite runs one statement at a time; queue them so a transaction is never interleaved with other work.
  let tail: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = tail.then(fn, fn);
    tail = next.catch(() => {});
    return next;
  };
  return {
    kind: 'embedded',
    where: dir,
    query<T>(text: string, params: readonly unknown[] = []) {
      return serial(async () => (await pglite.query<T>(text, params as unknown[])).rows);
    },
    transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
      return serial(() =>
        pglite.transaction(async (t) =>
          fn({
            async query<R>(text: string, params: readonly unknown[] = []) {
              return (await t.query<R>(text, params as unknown[])).rows;
            },
          }),
        ),
      );
    },
    async close() {
      await serial(() => pglite.close());
      await unlock();
    },
  };
}
