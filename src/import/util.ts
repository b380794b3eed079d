/**
 * Small pure helpers shared by the importers: safe reading of untrusted JSON, JSON pointers, and secret /
 * placeholder recognition (secrets.ts decides by value; fingerprint.ts keys the fingerprints). No DOM, no
 * Node APIs.
 */
import { ISSUE_CODES } from '../model/issues.ts';
import type { IssueCode } from '../model/issues.ts';

import { fingerprint } from './fingerprint.ts';
import { isPlaceholder, isSecretName } from './secrets.ts';

/** A plain JSON object (never an array or null). */
export type Obj = Record<string, unknown>;

export function isObj(value: unknown): value is Obj {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Own property only: `__proto__`, `constructor` and friends on hostile input never reach the prototype. */
export function own(obj: unknown, key: string): unknown {
  if (!isObj(obj)) return undefined;
  return Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function arr(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

/** A string or a list of strings (IAM's `Action: "x"` vs `Action: ["x"]`) as a list. */
export function strList(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return arr(value).filter((v): v is string => typeof v === 'string');
}

/** Own string keys of an object. */
export function keysOf(obj: unknown): string[] {
  return isObj(obj) ? Object.keys(obj) : [];
}

/** Escapes one JSON pointer segment (RFC 6901). */
export function ptr(...segments: readonly (string | number)[]): string {
  return segments.map((s) => `/${String(s).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

export { fingerprint, sha256Hex, setFingerprintKey } from './fingerprint.ts';
export { isPlaceholder, isSecretName } from './secrets.ts';

/** Null-prototype record for building node and edge objects that may get attacker-chosen keys. */
export function rec(): Record<string, unknown> {
  return Object.create(null) as Record<string, unknown>;
}

/** Last path segment of a file name (works for `/` and `\`). */
export function baseName(file: string): string {
  const parts = file.split(/[\\/]/);
  return parts[parts.length - 1] ?? file;
}

// ---------------------------------------------------------------------------------------------------------
// Secrets and placeholders

/** Value shapes of well-known credentials, recognised whatever the variable is called. */
const TOKEN_PATTERNS: readonly RegExp[] = [
  /^gh[pousr]_[A-Za-z0-9]{20,}$/,
  /^github_pat_[A-Za-z0-9_]{20,}$/,
  /^glpat-[A-Za-z0-9_-]{16,}$/,
  /^sk-(proj-|ant-)?[A-Za-z0-9_-]{16,}$/,
  /^xox[abposr]-[A-Za-z0-9-]{10,}$/,
  /^(AKIA|ASIA)[A-Z0-9]{16}$/,
  /^AIza[0-9A-Za-z_-]{30,}$/,
  /^eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]*$/,
  /^(pk|rk|sk)_(live|test)_[A-Za-z0-9]{16,}$/,
  /^npm_[A-Za-z0-9]{30,}$/,
  /^hf_[A-Za-z0-9]{30,}$/,
  /^SG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}$/,
  /^-----BEGIN [A-Z ]*PRIVATE KEY-----/,
];

export function looksLikeToken(value: string): boolean {
  const v = value.trim();
  if (TOKEN_PATTERNS.some((p) => p.test(v))) return true;
  // Long, dense, mixed strings without path or URL structure: likely a key.
  if (v.length >= 24 && v.length <= 4096 && /^[A-Za-z0-9_+=\-.~]+$/.test(v) && /[0-9]/.test(v) && /[A-Za-z]/.test(v)) {
    const classes = [/[a-z]/, /[A-Z]/, /[0-9]/].filter((r) => r.test(v)).length;
    if (classes >= 2 && !/^[0-9a-f-]{36}$/i.test(v)) return true;
  }
  return false;
}

/** A reference that is resolved at run time (`${VAR}`, `${env:VAR}`, `$VAR`, `${input:id}`, `%VAR%`). */
export interface SecretRef {
  readonly kind: 'env_ref' | 'input_prompt';
  readonly name: string;
}

export function parseRef(value: string): SecretRef | undefined {
  const v = value.trim().replace(/^(Bearer|Basic|token)\s+/i, '');
  let m = /^\$\{input:([^}]+)\}$/.exec(v);
  if (m) return { kind: 'input_prompt', name: m[1]! };
  m = /^\$\{(?:env:)?([A-Za-z_][A-Za-z0-9_]*)(?::-[^}]*)?\}$/.exec(v);
  if (m) return { kind: 'env_ref', name: m[1]! };
  m = /^\$([A-Za-z_][A-Za-z0-9_]*)$/.exec(v);
  if (m) return { kind: 'env_ref', name: m[1]! };
  m = /^%([A-Za-z_][A-Za-z0-9_]*)%$/.exec(v);
  if (m) return { kind: 'env_ref', name: m[1]! };
  return undefined;
}

/** All `${…}` references inside a longer string (e.g. `https://x/?key=${KEY}`). */
export function refsIn(value: string): SecretRef[] {
  const out: SecretRef[] = [];
  for (const m of value.matchAll(/\$\{(input:)?([^}:]+)(?::-[^}]*)?\}/g)) {
    const name = m[2]!.replace(/^env:/, '');
    out.push({ kind: m[1] ? 'input_prompt' : 'env_ref', name });
  }
  return out;
}

/**
 * Redacts credentials from a URL: userinfo, secret-named or token-like query parameters, and token-like
 * path segments (`https://hooks.example.com/s/<token>/sse`). `onSecret` returns the replacement text.
 */
export function redactUrl(url: string, onSecret: (name: string, value: string) => string): string {
  let out = url.replace(/^([a-z][a-z0-9+.-]*:\/\/)([^/@\s]*)@/i, (all, scheme: string, userinfo: string) => {
    const colon = userinfo.indexOf(':');
    const user = colon >= 0 ? userinfo.slice(0, colon) : userinfo;
    const pass = colon >= 0 ? userinfo.slice(colon + 1) : undefined;
    if (pass === undefined) return looksLikeToken(decodeSafe(user)) ? `${scheme}${onSecret('url-userinfo', decodeSafe(user))}@` : all;
    if (pass === '' || parseRef(decodeSafe(pass)) !== undefined) return all;
    return `${scheme}${user}:${onSecret('url-password', decodeSafe(pass))}@`;
  });
  out = out.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/?#\s]*)([^?#\s]*)/i, (all, origin: string, path: string) => {
    const segs = path.split('/').map((seg) => (seg !== '' && parseRef(decodeSafe(seg)) === undefined && looksLikeToken(decodeSafe(seg)) ? onSecret('url-path', decodeSafe(seg)) : seg));
    return `${origin}${segs.join('/')}`;
  });
  out = out.replace(/([?&#;])([^=&#;]+)=([^&#;]*)/g, (all, sep: string, key: string, value: string) => {
    if (value === '' || parseRef(decodeSafe(value)) !== undefined) return all;
    if (isSecretName(key) || looksLikeToken(decodeSafe(value))) return `${sep}${key}=${onSecret(key, decodeSafe(value))}`;
    return all;
  });
  return out;
}

const AUTH_HEADER = /^(authorization|proxy-authorization|x-api-key|api-key|apikey|x-auth-token|x-access-token|cookie|private-token)$/i;

export function isAuthHeader(name: string): boolean {
  return AUTH_HEADER.test(name) || isSecretName(name);
}

/**
 * Redacts secrets inside free text (a launch argument, a working directory): `Header: value` pairs with an
 * auth header name, `NAME=value` with a secret name, and any token-like word.
 */
export function redactText(text: string, onSecret: (name: string, value: string) => string): string {
  const header = /^(\s*)([A-Za-z0-9_-]+)(\s*:\s*)(.+)$/.exec(text);
  if (header && isAuthHeader(header[2]!) && !/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    const value = header[4]!.trim();
    const bare = value.replace(/^(Bearer|Basic|token|Token)\s+/, '');
    if (parseRef(value) === undefined && refsIn(value).length === 0 && !isPlaceholder(bare)) {
      return `${header[1]}${header[2]}${header[3]}${value.slice(0, value.length - bare.length)}${onSecret(header[2]!, bare)}`;
    }
    return text;
  }
  const assign = /^([A-Za-z_][A-Za-z0-9_]*)=(.+)$/.exec(text);
  if (assign && isSecretName(assign[1]!) && parseRef(assign[2]!) === undefined && !isPlaceholder(assign[2]!)) {
    return `${assign[1]}=${onSecret(assign[1]!, assign[2]!)}`;
  }
  let out = text;
  for (const piece of text.split(/[\s,;="'`]+/)) {
    const clean = piece.replace(/^(Bearer|Basic)$/i, '');
    if (clean.length >= 16 && looksLikeToken(clean) && !/^[@./~]/.test(clean) && !clean.includes('/')) out = out.split(clean).join(onSecret('inline', clean));
  }
  return out;
}

function decodeSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** Host of a URL, lowercased, or undefined when it is not an absolute http(s)/ws(s) URL. */
export function hostOf(url: string): string | undefined {
  const m = /^(?:https?|wss?):\/\/(?:[^/@\s]*@)?(\[[^\]]+\]|[^/:?#\s]+)/i.exec(url.trim());
  return m ? m[1]!.toLowerCase() : undefined;
}

/** True for hosts that are clearly not on the public internet. */
export function isPrivateHost(host: string): boolean {
  return (
    host === 'localhost' ||
    host.endsWith('.local') ||
    host.endsWith('.internal') ||
    host.endsWith('.localhost') ||
    /^127\./.test(host) ||
    /^10\./.test(host) ||
    /^192\.168\./.test(host) ||
    /^172\.(1[6-9]|2[0-9]|3[01])\./.test(host) ||
    host === '[::1]' ||
    host === '0.0.0.0'
  );
}

/** A stable join key for a URL: scheme + host + path, lowercased host, no query, no trailing slash. */
export function urlKey(url: string): string | undefined {
  const m = /^([a-z][a-z0-9+.-]*):\/\/(?:[^/@\s]*@)?([^/?#\s]+)([^?#\s]*)/i.exec(url.trim());
  if (!m) return undefined;
  return `url:${m[1]!.toLowerCase()}://${m[2]!.toLowerCase()}${m[3]!.replace(/\/+$/, '')}`;
}

/**
 * A join key for an account by its email / UPN / login, scoped by the system the account lives in
 * (`okta`, `az`, `ad`, `gh`, `snow`…): the same login seen twice in one system is one account; accounts of
 * one person in two systems are two.
 */
export function emailKey(value: string, system: string): string | undefined {
  const v = value.trim().toLowerCase();
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v) ? `email:${system.toLowerCase()}:${v}` : undefined;
}

/** A table lookup that ignores inherited keys (`constructor`, `__proto__` from hostile input). */
export function lookup<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}

/**
 * A URL with any credential in it replaced by `<redacted:…>` (its fingerprint); the values go to
 * `sink.secrets`, and when the sink can warn, each redaction is a located warning at `at` naming the part.
 */
export function safeUrl(sink: { secrets: Set<string>; warn?: (code: IssueCode, at: string, message: string) => void }, url: string, at = '$'): string {
  return redactUrl(url, (name, value) => {
    sink.secrets.add(value);
    sink.warn?.(ISSUE_CODES.SECRET_REDACTED, at, `URL part ${JSON.stringify(name.slice(0, 40))} holds a secret; redacted (only that part)`);
    return `<redacted:${fingerprint(value)}>`;
  });
}

/**
 * JSON with comments (VS Code's `mcp.json` and `settings.json`, Cursor, Zed): `//` and `/* *\/` comments and
 * trailing commas removed outside strings, so `JSON.parse` can read it. Positions of what remains are kept
 * (comments become spaces), so error places still point at the original text.
 */
export function stripJsonComments(text: string): string {
  const out: string[] = [];
  let i = 0;
  const n = text.length;
  let inString = false;
  while (i < n) {
    const c = text[i]!;
    if (inString) {
      out.push(c);
      if (c === '\\' && i + 1 < n) {
        out.push(text[i + 1]!);
        i += 2;
        continue;
      }
      if (c === '"') inString = false;
      i++;
      continue;
    }
    if (c === '"') {
      inString = true;
      out.push(c);
      i++;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < n && text[i] !== '\n') {
        out.push(' ');
        i++;
      }
    } else if (c === '/' && text[i + 1] === '*') {
      out.push('  ');
      i += 2;
      while (i < n && !(text[i] === '*' && text[i + 1] === '/')) {
        out.push(text[i] === '\n' ? '\n' : ' ');
        i++;
      }
      if (i < n) {
        out.push('  ');
        i += 2;
      }
    } else {
      out.push(c);
      i++;
    }
  }
  // trailing commas: a comma followed only by whitespace before } or ] (outside strings)
  const joined = out.join('');
  const res: string[] = [];
  inString = false;
  for (let j = 0; j < joined.length; j++) {
    const c = joined[j]!;
    if (inString) {
      res.push(c);
      if (c === '\\') {
        res.push(joined[j + 1] ?? '');
        j++;
      } else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    if (c === ',') {
      let k = j + 1;
      while (k < joined.length && /\s/.test(joined[k]!)) k++;
      if (joined[k] === '}' || joined[k] === ']') {
        res.push(' ');
        continue;
      }
    }
    res.push(c);
  }
  return res.join('');
}
