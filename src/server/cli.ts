/**
 * `pathlight serve`, `pathlight token create` and `pathlight push`: the server's commands. Loaded by
 * src/cli/main.ts only for these commands (the database drivers and the HTTP framework are not loaded for
 * `analyze`).
 */
import { chmod, rm } from 'node:fs/promises';
import { createServer, request } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Server } from 'node:http';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { toPathlightDocument } from '../import/export-pathlight.ts';
import { UsageError, parseArgs } from '../cli/args.ts';
import type { ParsedArgs } from '../cli/args.ts';
import { ImportInputError, importFiles, readImportInputs } from '../cli/convert.ts';

import { startServer } from './app.ts';
import type { RunningServer } from './app.ts';
import { DatabaseError, openDatabase } from './db.ts';
import type { Db, DbTarget } from './db.ts';
import { migrate } from './migrations.ts';
import { audit } from './snapshots.ts';
import { createToken, isRole } from './tokens.ts';
import type { Role } from './tokens.ts';

export interface ServerCliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Resolves when the process is asked to stop (SIGINT/SIGTERM); `serve` then closes and returns. */
  readonly stopSignal?: Promise<void>;
}

export const SERVER_HELP = `Usage:
  pathlight serve [--port N] [--host 127.0.0.1] [--data DIR | --database URL]
                  [--allow-origin ORIGIN[,ORIGIN...]] [--max-push-mb N] [--rate-limit N]
                  [--require-token]
  pathlight token create --role viewer|editor|admin [--name NAME] [--data DIR | --database URL]
  pathlight push FILE... --to URL --token T [--source TEXT]

serve        Start the Pathlight server: the API (docs/server-api.md), the live inventory at
             /inventory (docs/live-api.md) and the built app (npm run build) at /.
             Data: an embedded PostgreSQL in DIR (default ./.pathlight-data), or a PostgreSQL
             server at URL (--database, or DATABASE_URL). Listens on 127.0.0.1:8080 by default.
token create Print one new API token (and nothing else) on stdout. Keep it: it is stored hashed.
push         Store FILE... (any format the importers know, merged) as a new snapshot.
             Exit 0 stored, 2 bad input or refused (401/403 named).
`;

const DEFAULT_DATA = '.pathlight-data';
const CONTROL_SOCKET = 'control.sock';

function target(args: ParsedArgs, env: Readonly<Record<string, string | undefined>>): DbTarget {
  const data = args.options.get('data');
  const url = args.options.get('database');
  if (data === true || url === true) throw new UsageError(`--${data === true ? 'data' : 'database'} needs a value`);
  if (data !== undefined && url !== undefined) throw new UsageError('--data and --database exclude each other: the data is either in a folder or in a PostgreSQL server');
  if (url !== undefined) return { url };
  if (data !== undefined) return { data };
  if (env.DATABASE_URL) return { url: env.DATABASE_URL };
  return { data: DEFAULT_DATA };
}

function intOption(args: ParsedArgs, name: string, min: number, max: number): number | undefined {
  const v = args.options.get(name);
  if (v === undefined) return undefined;
  if (v === true || !/^\d+$/.test(v) || Number(v) < min || Number(v) > max) throw new UsageError(`--${name} must be a whole number from ${min} to ${max} (got ${JSON.stringify(v === true ? '' : v)})`);
  return Number(v);
}

/**
 * POSTs a body with node:http(s): no client-side deadline (a large estate's analysis on the server may take
 * minutes; fetch would give up after five).
 */
function post(url: URL, headers: Record<string, string>, body: Uint8Array): Promise<{ status: number; statusText: string; text: string }> {
  return new Promise((done, fail) => {
    const send = url.protocol === 'https:' ? httpsRequest : request;
    const req = send(url, { method: 'POST', headers: { ...headers, 'Content-Length': String(body.byteLength) } }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size <= 4 * 1024 * 1024) chunks.push(c);
      });
      res.on('end', () => done({ status: res.statusCode ?? 0, statusText: res.statusMessage ?? '', text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', fail);
    });
    req.on('error', fail);
    req.end(body);
  });
}

export async function runServerCommand(argv: readonly string[], io: ServerCliIo): Promise<number> {
  const env = io.env ?? process.env;
  try {
    if (argv[0] === 'serve') return await serve(argv, io, env);
    if (argv[0] === 'token') return await token(argv, io, env);
    if (argv[0] === 'push') return await push(argv, io, env);
    throw new UsageError(`unknown command ${JSON.stringify(argv[0] ?? '')}`);
  } catch (err) {
    if (err instanceof UsageError || err instanceof DatabaseError || err instanceof ImportInputError) {
      io.stderr(`pathlight: ${err.message}\n`);
      return 2;
    }
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      io.stderr(`pathlight: the port is in use (choose another with --port, or --port 0 for a free one)\n`);
      return 2;
    }
    io.stderr(`pathlight: ${err instanceof Error ? err.message : String(err)}\n`);
    return 2;
  }
}

async function openAndMigrate(t: DbTarget): Promise<Db> {
  const db = await openDatabase(t);
  try {
    await migrate(db);
  } catch (err) {
    await db.close().catch(() => {});
    throw new DatabaseError(`cannot prepare the database at ${db.where}: ${(err as Error).message}`);
  }
  return db;
}

function appDir(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '../../dist');
}

async function serve(argv: readonly string[], io: ServerCliIo, env: Readonly<Record<string, string | undefined>>): Promise<number> {
  const args = parseArgs(argv, new Set(['port', 'host', 'data', 'database', 'allow-origin', 'max-push-mb', 'rate-limit', 'focus-threshold']), new Set(['help', 'require-token']));
  if (args.options.has('help')) {
    io.stdout(SERVER_HELP);
    return 0;
  }
  if (args.positionals.length > 0) throw new UsageError(`serve takes no file (got ${JSON.stringify(args.positionals[0])}); push files with pathlight push`);
  const port = intOption(args, 'port', 0, 65535) ?? 8080;
  const hostOpt = args.options.get('host');
  if (hostOpt === true) throw new UsageError('--host needs an address');
  const host = hostOpt ?? '127.0.0.1';
  const maxPushMb = intOption(args, 'max-push-mb', 1, 2048) ?? 256;
  const rateLimit = intOption(args, 'rate-limit', 1, 1_000_000);
  const focusThreshold = intOption(args, 'focus-threshold', 0, 100_000_000);
  const origins = args.options.get('allow-origin');
  if (origins === true) throw new UsageError('--allow-origin needs an origin');
  const allowOrigins = origins?.split(',').map((o) => o.trim()).filter((o) => o !== '');
  const t = target(args, env);
  const db = await openAndMigrate(t);
  let server: RunningServer;
  let control: Server | undefined;
  try {
    const hold = env.PATHLIGHT_TEST_HOLD_PUSH === '1';
    server = await startServer({
      db,
      port,
      host,
      maxPushBytes: maxPushMb * 1024 * 1024,
      ...(rateLimit !== undefined ? { rateLimit } : {}),
      ...(focusThreshold !== undefined ? { focusThreshold } : {}),
      ...(allowOrigins && allowOrigins.length > 0 ? { allowOrigins } : {}),
      requireTokenForInventory: args.options.has('require-token'),
      appDir: env.PATHLIGHT_APP_DIR ?? appDir(),
      log: env.PATHLIGHT_LOG === '1' ? (line) => io.stderr(`${line}\n`) : () => {},
      ...(hold
        ? {
            // Fault-test hook: the push is written but not committed, and waits here until the process is killed.
            hooks: {
              beforeCommit: () => {
                io.stderr('pathlight: test hook: push held before commit\n');
                return new Promise<void>(() => {});
              },
            },
          }
        : {}),
    });
    if ('data' in t) control = await startControlSocket(join(resolve(t.data), CONTROL_SOCKET), db);
  } catch (err) {
    await db.close().catch(() => {});
    throw err;
  }
  io.stdout(`Pathlight server at ${server.url}/ (data: ${db.where})\n`);
  await (io.stopSignal ??
    new Promise<void>((done) => {
      process.once('SIGINT', () => done());
      process.once('SIGTERM', () => done());
    }));
  if (control) await new Promise<void>((done) => control.close(() => done()));
  await server.close();
  await db.close();
  return 0;
}

/**
 * The embedded database can be open in one process only, so while `serve` runs, `token create --data DIR`
 * asks it through a Unix socket in DIR (owner-only, like the data itself).
 */
async function startControlSocket(path: string, db: Db): Promise<Server | undefined> {
  if (path.length > 100) return undefined;
  await rm(path, { force: true });
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > 4096) req.destroy();
      else chunks.push(c);
    });
    req.on('end', () => {
      void (async () => {
        try {
          if (req.method !== 'POST' || req.url !== '/tokens') throw new Error('POST /tokens only');
          const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { role?: unknown; name?: unknown };
          if (!isRole(body.role)) throw new Error('role must be one of viewer, editor, admin');
          const created = await db.transaction(async (tx) => {
            const c = await createToken(tx, body.role as Role, typeof body.name === 'string' ? body.name : undefined);
            await audit(tx, 'local', 'token.create', `token:${c.info.id}`, { role: c.info.role, name: c.info.name });
            return c;
          });
          res.writeHead(201, { 'Content-Type': 'application/json' }).end(JSON.stringify({ token: created.token }));
        } catch (err) {
          res.writeHead(400, { 'Content-Type': 'application/json' }).end(JSON.stringify({ error: (err as Error).message }));
        }
      })();
    });
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(path, () => done());
  });
  await chmod(path, 0o600).catch(() => {});
  server.unref();
  return server;
}

function viaControlSocket(path: string, role: Role, name: string | undefined): Promise<string | undefined> {
  return new Promise((done, fail) => {
    const req = request({ socketPath: path, path: '/tokens', method: 'POST', headers: { 'Content-Type': 'application/json' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { token?: string; error?: string };
        if (res.statusCode === 201 && body.token) done(body.token);
        else fail(new DatabaseError(body.error ?? `the running server refused (${res.statusCode})`));
      });
    });
    req.on('error', (err: NodeJS.ErrnoException) => (err.code === 'ECONNREFUSED' || err.code === 'ENOENT' ? done(undefined) : fail(err)));
    req.end(JSON.stringify({ role, ...(name !== undefined ? { name } : {}) }));
  });
}

async function token(argv: readonly string[], io: ServerCliIo, env: Readonly<Record<string, string | undefined>>): Promise<number> {
  const args = parseArgs(argv, new Set(['role', 'name', 'data', 'database']), new Set(['help']));
  if (args.options.has('help')) {
    io.stdout(SERVER_HELP);
    return 0;
  }
  if (args.positionals[0] !== 'create' || args.positionals.length > 1) throw new UsageError('usage: pathlight token create --role viewer|editor|admin [--data DIR | --database URL]');
  const role = args.options.get('role');
  if (!isRole(role)) throw new UsageError(`--role must be one of viewer, editor, admin${typeof role === 'string' ? ` (got ${JSON.stringify(role)})` : ''}`);
  const name = args.options.get('name');
  if (name === true) throw new UsageError('--name needs a value');
  const t = target(args, env);
  if ('data' in t) {
    const viaServer = await viaControlSocket(join(resolve(t.data), CONTROL_SOCKET), role, name);
    if (viaServer) {
      io.stdout(`${viaServer}\n`);
      return 0;
    }
  }
  const db = await openAndMigrate(t);
  try {
    const created = await db.transaction(async (tx) => {
      const c = await createToken(tx, role, name);
      await audit(tx, 'local', 'token.create', `token:${c.info.id}`, { role: c.info.role, name: c.info.name });
      return c;
    });
    io.stdout(`${created.token}\n`);
    io.stderr(`pathlight: created ${created.info.role} token ${created.info.id} (${created.info.name}); it is shown only once\n`);
  } finally {
    await db.close();
  }
  return 0;
}

async function push(argv: readonly string[], io: ServerCliIo, env: Readonly<Record<string, string | undefined>>): Promise<number> {
  const args = parseArgs(argv, new Set(['to', 'token', 'source']), new Set(['help']));
  if (args.options.has('help')) {
    io.stdout(SERVER_HELP);
    return 0;
  }
  const to = args.options.get('to');
  if (to === undefined || to === true) throw new UsageError('--to URL is required (the server, e.g. http://127.0.0.1:8080)');
  const tokenValue = args.options.get('token') ?? env.PATHLIGHT_TOKEN;
  if (tokenValue === undefined || tokenValue === true || tokenValue === '') throw new UsageError('--token T is required (pathlight token create --role editor)');
  const source = args.options.get('source');
  if (source === true) throw new UsageError('--source needs a value');
  if (args.positionals.length === 0) throw new UsageError('push needs at least one FILE');
  let base: URL;
  try {
    base = new URL(to);
    if (base.protocol !== 'http:' && base.protocol !== 'https:') throw new Error('not http');
  } catch {
    throw new UsageError(`--to ${JSON.stringify(to)}: not an http(s) URL`);
  }
  // One file goes as it is (the server imports it); several are merged here first, exactly as analyze does.
  let body: Uint8Array<ArrayBuffer>;
  const files = args.positionals;
  if (files.length === 1) {
    body = new Uint8Array((await readImportInputs(files))[0]!.bytes!);
  } else {
    const { inventory } = await importFiles(files);
    body = new TextEncoder().encode(JSON.stringify(toPathlightDocument(inventory)));
  }
  const endpoint = new URL('api/snapshots', base.href.endsWith('/') ? base.href : `${base.href}/`);
  if (/\/inventory\/?$/.test(base.pathname)) endpoint.pathname = base.pathname.replace(/\/inventory\/?$/, '/api/snapshots');
  if (source !== undefined) endpoint.searchParams.set('source', source);
  let res: { status: number; statusText: string; text: string };
  try {
    res = await post(endpoint, {
      Authorization: `Bearer ${tokenValue}`,
      'Content-Type': 'application/octet-stream',
      'X-Pathlight-Files': files.map((f) => encodeURIComponent(basename(f))).join(','),
    }, body);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw new UsageError(`cannot reach ${endpoint.origin}: ${e.code ?? e.message}`);
  }
  const text = res.text;
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // not JSON: reported by status below
  }
  const why = typeof json.error === 'string' ? json.error : text.slice(0, 200);
  if (res.status === 201) {
    io.stdout(`stored snapshot ${String(json.id)}: ${String(json.nodes)} nodes, ${String(json.edges)} edges, ${String(json.findings)} findings\n`);
    const warnings = Array.isArray(json.warningsList) ? (json.warningsList as { at?: string; message?: string; file?: string }[]) : [];
    for (const w of warnings.slice(0, 20)) io.stderr(`pathlight: warning: ${w.file ? `${w.file}: ` : ''}${w.at && w.at !== '$' ? `${w.at}: ` : ''}${w.message ?? ''}\n`);
    return 0;
  }
  if (res.status === 401) io.stderr(`pathlight: refused: 401 Unauthorized: ${why}\n`);
  else if (res.status === 403) io.stderr(`pathlight: refused: 403 Forbidden: ${why}\n`);
  else if (res.status === 400) io.stderr(`pathlight: refused: 400 Bad Request: ${why}\n`);
  else if (res.status === 413) io.stderr(`pathlight: refused: 413 Payload Too Large: ${why}\n`);
  else io.stderr(`pathlight: refused: ${res.status} ${res.statusText}: ${why}\n`);
  return 2;
}
