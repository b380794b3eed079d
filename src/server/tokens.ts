/**
 * API tokens: random, shown once, stored only as a SHA-256 hash (they carry 256 bits of entropy, so a fast
 * hash is enough: there is nothing to brute-force). Roles are ordered viewer < editor < admin.
 */
import { createHash, randomBytes } from 'node:crypto';

import type { Sql } from './db.ts';

export const ROLES = ['viewer', 'editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const ROLE_RANK: Readonly<Record<Role, number>> = { viewer: 1, editor: 2, admin: 3 };

export interface TokenInfo {
  readonly id: string;
  readonly role: Role;
  readonly name: string;
  readonly createdAt: string;
  readonly revokedAt: string | null;
}

export const TOKEN_PREFIX = 'plt_';

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** A token name (shown as the author of decisions): printable, at most 64 characters. */
export function cleanName(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u001f\u007f-\u009f]/g, '').trim().slice(0, 64);
}

export function iso(value: unknown): string {
  return (value instanceof Date ? value : new Date(String(value))).toISOString();
}

interface TokenRow {
  id: string;
  role: Role;
  name: string;
  created_at: unknown;
  revoked_at: unknown;
}

function toInfo(r: TokenRow): TokenInfo {
  return { id: r.id, role: r.role, name: r.name, createdAt: iso(r.created_at), revokedAt: r.revoked_at == null ? null : iso(r.revoked_at) };
}

/** Creates a token; the secret is returned here and never again. */
export async function createToken(sql: Sql, role: Role, name?: string): Promise<{ token: string; info: TokenInfo }> {
  const id = randomBytes(6).toString('hex');
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  const label = cleanName(name ?? '') || `${role}-${id.slice(0, 6)}`;
  const rows = await sql.query<TokenRow>(
    'INSERT INTO tokens (id, hash, role, name, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id, role, name, created_at, revoked_at',
    [id, hashToken(token), role, label, new Date()],
  );
  return { token, info: toInfo(rows[0]!) };
}

export async function findToken(sql: Sql, token: string): Promise<TokenInfo | undefined> {
  const rows = await sql.query<TokenRow>('SELECT id, role, name, created_at, revoked_at FROM tokens WHERE hash = $1 AND revoked_at IS NULL', [hashToken(token)]);
  return rows[0] ? toInfo(rows[0]) : undefined;
}

export async function listTokens(sql: Sql): Promise<TokenInfo[]> {
  const rows = await sql.query<TokenRow>('SELECT id, role, name, created_at, revoked_at FROM tokens ORDER BY created_at, id');
  return rows.map(toInfo);
}

export async function revokeToken(sql: Sql, id: string): Promise<boolean> {
  const rows = await sql.query('UPDATE tokens SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL RETURNING id', [id, new Date()]);
  return rows.length > 0;
}
