/**
 * Small pure helpers shared by the importers: safe reading of untrusted JSON, JSON pointers, a SHA-256 for
 * secret fingerprints, and secret / placeholder recognition. No DOM, no Node APIs.
 */

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
// SHA-256 (FIPS 180-4), small and synchronous so it runs in the CLI, the worker and tests alike.

const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01,
  0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc,
  0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
  0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08,
  0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
  0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

/** SHA-256 of the UTF-8 encoding of `text`, as lowercase hex. */
export function sha256Hex(text: string): string {
  const data = new TextEncoder().encode(text);
  const bitLen = data.length * 8;
  const padded = new Uint8Array(((data.length + 9 + 63) >> 6) << 6);
  padded.set(data);
  padded[data.length] = 0x80;
  const view = new DataView(padded.buffer);
  view.setUint32(padded.length - 8, Math.floor(bitLen / 0x100000000));
  view.setUint32(padded.length - 4, bitLen >>> 0);
  const h = new Uint32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
  const w = new Uint32Array(64);
  for (let off = 0; off < padded.length; off += 64) {
    for (let i = 0; i < 16; i++) w[i] = view.getUint32(off + i * 4);
    for (let i = 16; i < 64; i++) {
      const a = w[i - 15]!;
      const b = w[i - 2]!;
      const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
      const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
      w[i] = (w[i - 16]! + s0 + w[i - 7]! + s1) >>> 0;
    }
    let [a, b, c, d, e, f, g, hh] = [h[0]!, h[1]!, h[2]!, h[3]!, h[4]!, h[5]!, h[6]!, h[7]!];
    for (let i = 0; i < 64; i++) {
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const ch = (e & f) ^ (~e & g);
      const t1 = (hh + S1 + ch + K[i]! + w[i]!) >>> 0;
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const maj = (a & b) ^ (a & c) ^ (b & c);
      const t2 = (S0 + maj) >>> 0;
      hh = g;
      g = f;
      f = e;
      e = (d + t1) >>> 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) >>> 0;
    }
    h[0] = (h[0]! + a) >>> 0;
    h[1] = (h[1]! + b) >>> 0;
    h[2] = (h[2]! + c) >>> 0;
    h[3] = (h[3]! + d) >>> 0;
    h[4] = (h[4]! + e) >>> 0;
    h[5] = (h[5]! + f) >>> 0;
    h[6] = (h[6]! + g) >>> 0;
    h[7] = (h[7]! + hh) >>> 0;
  }
  return Array.from(h, (x) => x.toString(16).padStart(8, '0')).join('');
}

/**
 * A short, non-reversible fingerprint of a secret: the first 12 hex digits of SHA-256 over a fixed prefix
 * plus the value. Enough to tell "the same secret used twice" without keeping anything that helps guess it.
 */
export function fingerprint(secret: string): string {
  return `sha256:${sha256Hex(`pathlight-secret-v1\u0000${secret}`).slice(0, 12)}`;
}

// ---------------------------------------------------------------------------------------------------------
// Secrets and placeholders

/** Variable, header, property or flag names that usually hold a secret. */
const SECRET_NAME = /(pass(word|wd|phrase)?|pwd|secret|token|api[-_]?key|apikey|access[-_]?key|private[-_]?key|client[-_]?secret|credential|auth|bearer|session|cookie|signing[-_]?key|(^|[-_])(key|pat|sas|dsn|conn(ection)?[-_]?string)\d*($|[-_]))/i;

/** Names that contain a secret-ish word but are not secrets themselves. */
const NOT_SECRET_NAME = /(^|[-_])(url|uri|host|endpoint|file|path|dir|type|name|id|user(name)?|region|scope|mode|enabled|ttl|expir\w*|timeout|rotation\w*|hint|header|count|length|issuer)$/i;

export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name) && !NOT_SECRET_NAME.test(name);
}

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

/**
 * Placeholders people leave in sample configs: `<YOUR_TOKEN>`, `your-api-key`, `YOUR_GITHUB_TOKEN`, `xxx`,
 * `ghp_xxx`, `changeme`, `...`. They are recorded as credentials that are not live.
 */
export function isPlaceholder(value: string): boolean {
  const v = value.trim();
  if (v === '') return true;
  if (/^<[^<>]*>$/.test(v) || /^\{\{?[^{}]*\}?\}$/.test(v) || /^\[[^[\]]*\]$/.test(v)) return true;
  if (/(^|[^a-z])your[-_ ]?[a-z]/i.test(v) || /^your/i.test(v)) return true;
  if (/(x{3,}|\*{3,}|\.{3,}|…|0{8,})/i.test(v)) return true;
  if (/^(changeme|change[-_]me|placeholder|dummy|example|sample|test|todo|tbd|none|null|secret|token|password|value\d*|api[-_]?key|xxx+|redacted|replace[-_]?me|insert[-_].*|enter[-_].*)$/i.test(v)) return true;
  if (/^(Bearer|Basic|token)\s+(<.*>|your.*|x+|\.+)$/i.test(v)) return true;
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

export function emailKey(value: string): string | undefined {
  const v = value.trim().toLowerCase();
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v) ? `email:${v}` : undefined;
}

/** A table lookup that ignores inherited keys (`constructor`, `__proto__` from hostile input). */
export function lookup<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}

/** A URL with any credential in it replaced by `<redacted:sha256:…>`; the values go to `sink.secrets`. */
export function safeUrl(sink: { secrets: Set<string> }, url: string): string {
  return redactUrl(url, (_name, value) => {
    sink.secrets.add(value);
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
