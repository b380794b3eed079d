/**
 * Secrets decided by their value. Every importer runs what it keeps through here (directly, or through the
 * scrub pass in scrub.ts): known token shapes, JWTs, PEM private keys, Azure SAS signatures, bearer / basic
 * header values, URL userinfo and secret query / fragment values, `--token X` / `NAME=value` assignments and
 * long high-entropy words are cut out of a string, and only those spans: the rest of the string (an id, a
 * name, a path) stays as it was. A name that sounds secret (`token`, `password`) decides only together with
 * its value: a date, an enum word, a principal, a list of names or a placeholder under such a name is kept.
 * No DOM, no Node APIs.
 */
import { fingerprint } from './fingerprint.ts';

export interface SecretSpan {
  readonly start: number;
  readonly end: number;
  /** What kind of secret it is, for the warning (never the value). */
  readonly reason: string;
}

// ---------------------------------------------------------------------------------------------------------
// Names

/** Splits `credentialName`, `token_last_used_at`, `X-Api-Key`, `PGPASSWORD` into lowercase words. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w !== '')
    .map((w) => w.toLowerCase());
}

const SECRET_LAST = /^(password|passwd|pwd|passphrase|passcode|secret|token|apikey|accesskey|privatekey|clientsecret|authtoken|pat|sas|sig|signature|dsn|connectionstring|connstr|cookie|bearer|authorization|auth|credential|creds|otp|mnemonic|pgpassword|mysqlpwd)$/;
const SECRET_SUFFIX = /(password|passwd|secret|token|apikey|accesskey|privatekey)$/;
const KEY_QUALIFIER = /^(api|access|private|secret|signing|account|master|encryption|shared|subscription|license|service|client|app|auth|storage|primary|secondary|admin|deploy|ssh|gpg|pgp|hmac|webhook|write|read|x)$/;

/**
 * True when a variable, header, property or flag name says it holds a secret. Decided on the last word, so
 * `credentialName`, `authMethod`, `token_last_used_at`, `authorizedPrincipals` and `tokenType` are metadata,
 * while `GITHUB_TOKEN`, `x-api-key`, `DB_PASSWORD`, `clientSecret` and `AWS_SECRET_ACCESS_KEY` are not.
 */
export function isSecretName(name: string): boolean {
  const words = nameWords(name);
  if (words.length === 0) return false;
  // KEY2, API_KEY_1, tokens, passwords: the word without digits and plural s
  const bare = (w: string) => w.replace(/\d+$/, '').replace(/(?<=(password|secret|token|key|credential|passphrase|cookie))s$/, '');
  let lastRaw = words[words.length - 1]!;
  if (/^\d+$/.test(lastRaw) && words.length > 1) {
    words.pop();
    lastRaw = words[words.length - 1]!;
  }
  const last = bare(lastRaw);
  const prev = words[words.length - 2];
  if (SECRET_LAST.test(last)) return true;
  if (last === 'key') return words.length === 1 || (prev !== undefined && KEY_QUALIFIER.test(bare(prev)));
  if (last === 'string' && prev === 'connection') return true;
  // one run-together word: PGPASSWORD, MYAPITOKEN, apikey
  if (words.length === 1 && SECRET_SUFFIX.test(last)) return true;
  return false;
}

// ---------------------------------------------------------------------------------------------------------
// Values that are not secrets

/** Placeholders people leave in sample configs: `<YOUR_TOKEN>`, `your-api-key`, `xxx`, `changeme`, `…`. */
export function isPlaceholder(value: string): boolean {
  const v = value.trim();
  if (v === '') return true;
  if (/^<[^<>]*>$/.test(v) || /^\{\{?[^{}]*\}?\}$/.test(v) || /^\[[^[\]]*\]$/.test(v)) return true;
  if (/(^|[^a-z])your[-_ ]?[a-z]/i.test(v) || /^your/i.test(v)) return true;
  if (/(x{3,}|\*{3,}|\.{3,}|…|0{8,}|<redacted)/i.test(v)) return true;
  if (/^(changeme|change[-_]me|placeholder|dummy|example|sample|test|todo|tbd|none|null|secret|token|password|value\d*|api[-_]?key|xxx+|redacted|\[redacted\]|replace[-_]?me|insert[-_].*|enter[-_].*)$/i.test(v)) return true;
  if (/^(Bearer|Basic|token)\s+(<.*>|your.*|x+|\.+)$/i.test(v)) return true;
  return false;
}

/** A reference resolved at run time (`${VAR}`, `${env:VAR}`, `$VAR`, `${input:id}`, `%VAR%`, `{{ secrets.X }}`). */
export function isReference(value: string): boolean {
  const v = value.trim().replace(/^(Bearer|Basic|token)\s+/i, '');
  return /^\$\{[^}]+\}$/.test(v) || /^\$[A-Za-z_][A-Za-z0-9_]*$/.test(v) || /^%[A-Za-z_][A-Za-z0-9_]*%$/.test(v) || /^\{\{[^{}]+\}\}$/.test(v);
}

const ENUM_WORDS = new Set([
  'none', 'null', 'nil', 'n/a', 'na', 'true', 'false', 'yes', 'no', 'on', 'off', 'enabled', 'disabled', 'required', 'optional', 'unknown', 'default',
  'oauth', 'oauth2', 'oidc', 'saml', 'sso', 'mfa', 'totp', 'basic', 'bearer', 'digest', 'apikey', 'api_key', 'token', 'password', 'jwt', 'hmac', 'rsa',
  'static', 'dynamic', 'managed', 'manual', 'automatic', 'auto', 'never', 'always', 'federated', 'local', 'remote', 'internal', 'external', 'public',
  'private', 'active', 'inactive', 'expired', 'revoked', 'valid', 'invalid', 'pending', 'set', 'unset', 'present', 'absent', 'env', 'vault', 'keychain',
  'plaintext', 'encrypted', 'hashed', 'ntlm', 'kerberos', 'certificate', 'key', 'secret', 'user', 'service', 'app', 'read', 'write', 'admin',
]);

/** ISO 8601 / RFC 2822 dates, epoch seconds or milliseconds. */
function isDateLike(v: string): boolean {
  return (
    /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(v) ||
    /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun),? \d{1,2} [A-Z][a-z]{2} \d{4}/.test(v) ||
    /^\d{10}(\d{3})?$/.test(v)
  );
}

/** Principals and ids: SIDs, ARNs, GUIDs, emails, `DOMAIN\user`, `name@DOMAIN`. */
function isPrincipalLike(v: string): boolean {
  return (
    /^S-1-\d+(-\d+)+$/.test(v) ||
    /^arn:[a-z0-9-]*:/.test(v) ||
    /^\{?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}?$/i.test(v) ||
    /^[^\s@]+@[^\s@]+$/.test(v) ||
    /^[A-Za-z0-9.-]+\\[A-Za-z0-9._$-]+$/.test(v)
  );
}

/** One enum-like word (`none`, `oauth`, `CLIENT_SECRET_BASIC`, `private_key_jwt`): no digits, one case. */
function isEnumLike(v: string): boolean {
  const low = v.toLowerCase();
  if (ENUM_WORDS.has(low)) return true;
  return /^[a-z]+([_-][a-z]+)+$/.test(v) || /^[A-Z]+([_-][A-Z]+)*$/.test(v);
}

/** Text with spaces and no token-like word: a name or a sentence (`GitHub Actions token`). */
function isProse(v: string): boolean {
  return /\s/.test(v.trim()) && findShapeSpans(v).length === 0;
}

/**
 * True when `value`, found under the secret-sounding `name`, is itself a secret. `strict` is for env vars,
 * headers and flags, whose values are secrets unless they are placeholders or references; for properties of
 * exported objects (`auth`, `credentialIdentity`…), a date, enum word, principal, name or URL is kept too.
 */
export function isSecretValueFor(name: string, value: string, strict: boolean): boolean {
  if (!isSecretName(name)) return false;
  const v = value.trim();
  if (v === '' || isPlaceholder(v) || isReference(v)) return false;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(v)) return false; // a URL: only the secrets inside it (findSecretSpans)
  if (/^(true|false|null|none|\d{1,6})$/i.test(v)) return false;
  if (strict) return true;
  return !(isDateLike(v) || isPrincipalLike(v) || isEnumLike(v) || isProse(v) || /^[/~.]|^[A-Za-z]:[\\/]/.test(v));
}

// ---------------------------------------------------------------------------------------------------------
// Spans

/** Well-known credential shapes, recognised inside any text. */
const SHAPES: readonly [RegExp, string][] = [
  [/-----BEGIN ([A-Z0-9]+ )*PRIVATE KEY( BLOCK)?-----[\s\S]*?(-----END ([A-Z0-9]+ )*PRIVATE KEY( BLOCK)?-----|$)/g, 'private key'],
  [/(?<![A-Za-z0-9_])gh[pousr]_[A-Za-z0-9]{20,}/g, 'GitHub token'],
  [/(?<![A-Za-z0-9_])github_pat_[A-Za-z0-9_]{20,}/g, 'GitHub token'],
  [/(?<![A-Za-z0-9_])glpat-[A-Za-z0-9_-]{16,}/g, 'GitLab token'],
  [/(?<![A-Za-z0-9_-])sk-ant-[A-Za-z0-9_-]{16,}/g, 'Anthropic key'],
  [/(?<![A-Za-z0-9_-])sk-(proj-|svcacct-|admin-)?(?=[A-Za-z0-9_-]*[0-9])[A-Za-z0-9_-]{16,}/g, 'OpenAI-style key'],
  [/(?<![A-Za-z0-9_-])xox[a-z]-[A-Za-z0-9-]{10,}/g, 'Slack token'],
  [/(?<![A-Za-z0-9_-])xapp-[A-Za-z0-9-]{10,}/g, 'Slack token'],
  [/(?<![A-Z0-9])(AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])/g, 'AWS access key'],
  [/(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{30,}/g, 'Google API key'],
  [/(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g, 'JWT'],
  [/(?<![A-Za-z0-9_])(sk|rk)_(live|test)_[A-Za-z0-9]{16,}/g, 'Stripe key'],
  [/(?<![A-Za-z0-9_])npm_[A-Za-z0-9]{30,}/g, 'npm token'],
  [/(?<![A-Za-z0-9_])hf_[A-Za-z0-9]{30,}/g, 'Hugging Face token'],
  [/(?<![A-Za-z0-9_])SG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}/g, 'SendGrid key'],
  [/(?<![A-Za-z0-9_])(AccountKey|SharedAccessKey|SharedSecret)=[A-Za-z0-9+/=]{16,}/g, 'Azure key'],
];

/** Known credential shapes only (no names, no entropy): safe on ids and names. */
export function findShapeSpans(text: string): SecretSpan[] {
  const out: SecretSpan[] = [];
  for (const [re, reason] of SHAPES) {
    re.lastIndex = 0;
    for (const m of text.matchAll(re)) {
      let start = m.index;
      let end = start + m[0].length;
      if (reason === 'Azure key') start += m[0].indexOf('=') + 1;
      const value = text.slice(start, end);
      if (isPlaceholder(value)) continue;
      // AKIA…EXAMPLE and friends are documentation values
      if (/EXAMPLE|PLACEHOL|ZZZZ/i.test(value)) continue;
      end = Math.min(end, text.length);
      out.push({ start, end, reason });
    }
  }
  return out;
}

function entropy(s: string): number {
  const counts = new Map<string, number>();
  for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

/**
 * A long, dense word that is most likely a key: 24+ characters of token alphabet with letters and digits,
 * two cases or symbols, high entropy; not a UUID, a hex digest, a dotted host name, a path or an identifier.
 */
export function isHighEntropy(word: string): boolean {
  const v = word.replace(/^["'`(]+|["'`),.;:]+$/g, '');
  if (v.length < 24 || v.length > 8192) return false;
  if (!/^[A-Za-z0-9_+/=\-.~]+$/.test(v)) return false;
  if (!/[0-9]/.test(v) || !/[A-Za-z]/.test(v)) return false;
  if (/^[0-9a-f-]+$/i.test(v)) return false; // UUIDs, hex digests, commit ids
  if (/^[A-Z][A-Za-z]{0,7}_k[A-Za-z]D[O-P]/.test(v)) return false; // GitHub GraphQL node ids (REF_kwDO…, U_kgDO…)
  if (/^[0-9A-Z_-]+$/.test(v) && /[_-]/.test(v)) return false; // CONSTANT_NAMES_123
  if (/\//.test(v) && !/[+=]/.test(v)) return false; // a path
  if (/^[a-z0-9-]+(\.[a-z0-9-]+){2,}$/i.test(v)) return false; // host names, dotted versions
  if (/^[A-Za-z]+([-_.][A-Za-z]+)*[-_.]?v?\d+(\.\d+)*$/.test(v)) return false; // package-1.2.3
  // compound identifiers (`GH_PAT_O_kgDOCoV2OQ_1250276`, `exploit-vuln-001-1760103740`): judged by their
  // longest part, which a key has and a name does not
  const parts = v.split(/[-_.~]+/);
  if (parts.length > 1) {
    const longest = parts.reduce((a, p) => (p.length > a.length ? p : a), '');
    if (longest.length < 20) return false;
    if (longest !== v) return isHighEntropy(longest);
  }
  // a key mixes both cases and digits; an upper-cased or lower-cased text does not
  if (!/[a-z]/.test(v) || !/[A-Z]/.test(v)) return false;
  if (isBase64Text(v)) return false; // base64 of readable text (GitHub's legacy node ids): an encoding, not a key
  return entropy(v) >= (v.length >= 40 ? 4.0 : 3.6);
}

/** Base64 that decodes to readable ASCII text (`MDEyOk9yZ2FuaXphdGlvbjE=` is `012:Organization1`). */
function isBase64Text(v: string): boolean {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(v) || v.length % 4 !== 0) return false;
  const decode64 = (globalThis as { atob?: (s: string) => string }).atob;
  if (!decode64) return false;
  let text: string;
  try {
    text = decode64(v);
  } catch {
    return false;
  }
  return text.length > 0 && /^[\x20-\x7e]+$/.test(text) && /[A-Za-z]{3,}/.test(text);
}

const SECRET_PARAM = /^(sig|signature|code|key|token|access_token|id_token|refresh_token|auth|apikey|api_key|api-key|password|passwd|pwd|secret|client_secret|session|sessionid|x-amz-signature|x-amz-security-token|x-goog-signature|sas|pat)$/i;

function decodeSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** Spans of credentials inside one URL starting at `base` in the text. */
function urlSpans(url: string, base: number, out: SecretSpan[]): void {
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(url);
  if (!scheme) return;
  let i = scheme[0].length;
  const authorityEnd = (() => {
    const m = /[/?#]/.exec(url.slice(i));
    return m ? i + m.index : url.length;
  })();
  const at = url.lastIndexOf('@', authorityEnd);
  if (at >= i) {
    const userinfo = url.slice(i, at);
    const colon = userinfo.indexOf(':');
    if (colon >= 0) {
      const pass = userinfo.slice(colon + 1);
      if (pass !== '' && !isReference(decodeSafe(pass)) && !isPlaceholder(decodeSafe(pass))) out.push({ start: base + i + colon + 1, end: base + at, reason: 'URL password' });
    } else if (userinfo !== '' && (findShapeSpans(decodeSafe(userinfo)).length > 0 || isHighEntropy(decodeSafe(userinfo)))) {
      out.push({ start: base + i, end: base + at, reason: 'URL userinfo token' });
    }
  }
  i = authorityEnd;
  // path segments that are tokens (`/hooks/<token>/sse`)
  const pathEnd = (() => {
    const m = /[?#]/.exec(url.slice(i));
    return m ? i + m.index : url.length;
  })();
  let segStart = i;
  for (let j = i; j <= pathEnd; j++) {
    if (j === pathEnd || url[j] === '/') {
      const seg = decodeSafe(url.slice(segStart, j));
      if (seg !== '' && !isReference(seg) && (isHighEntropy(seg) || findShapeSpans(seg).length > 0)) out.push({ start: base + segStart, end: base + j, reason: 'token in URL path' });
      segStart = j + 1;
    }
  }
  // query and fragment parameters
  const rest = url.slice(pathEnd);
  for (const m of rest.matchAll(/([?&#;])([^=&#;]*)(=?)([^&#;]*)/g)) {
    const key = decodeSafe(m[2]!);
    const hasEq = m[3] === '=';
    const raw = hasEq ? m[4]! : m[2]!;
    const value = decodeSafe(raw);
    if (value === '' || isReference(value) || isPlaceholder(value)) continue;
    const valueStart = base + pathEnd + m.index + 1 + (hasEq ? m[2]!.length + 1 : 0);
    const secretKey = hasEq && (SECRET_PARAM.test(key) || isSecretName(key));
    const fragmentToken = !hasEq && m[1] === '#' && (isHighEntropy(value) || findShapeSpans(value).length > 0);
    if (secretKey || fragmentToken || (hasEq && (isHighEntropy(value) || findShapeSpans(value).length > 0))) {
      if (hasEq && !secretKey && /^(v|ver|version|sv|se|st|sp|spr|srt|ss|sr|rscc|rscd)$/i.test(key) && !isHighEntropy(value)) continue;
      out.push({ start: valueStart, end: valueStart + raw.length, reason: m[1] === '#' ? 'secret in URL fragment' : `URL parameter "${key.slice(0, 40)}"` });
    }
  }
}

/** Value after a `Bearer`/`Basic`/`token` scheme word, an auth header, a secret flag or a `NAME=value`. */
function contextSpans(text: string, out: SecretSpan[], strictWords: boolean): void {
  const push = (start: number, value: string, reason: string) => {
    const v = value.replace(/["'`,;)]+$/, '');
    if (v.length < 4 || isPlaceholder(v) || isReference(v) || /^[$%{<]/.test(v)) return;
    out.push({ start, end: start + v.length, reason });
  };
  for (const m of text.matchAll(/\b(Bearer|Basic|Token|Digest)\s+([A-Za-z0-9._~+/=-]{8,})/g)) {
    if (m[1] === 'Token' && !/[0-9]/.test(m[2]!)) continue;
    push(m.index + m[0].length - m[2]!.length, m[2]!, `${m[1]!.toLowerCase()} credential`);
  }
  // Header: value, for auth headers
  for (const m of text.matchAll(/(?<![A-Za-z0-9_-])(authorization|proxy-authorization|x-api-key|api-key|apikey|x-auth-token|x-access-token|private-token|cookie|x-goog-api-key|ocp-apim-subscription-key)\s*:\s*(?!\s*(Bearer|Basic|Token|Digest)\s)([^\s"',;]{6,})/gi)) {
    push(m.index + m[0].length - m[3]!.length, m[3]!, `${m[1]!.toLowerCase()} header`);
  }
  // --flag value, --flag=value, -flag value
  for (const m of text.matchAll(/(?<![A-Za-z0-9_])(--?)([A-Za-z][A-Za-z0-9_-]*)(=|\s+)(?!-)("[^"]*"|'[^']*'|[^\s"']+)/g)) {
    if (!isSecretName(m[2]!)) continue;
    let value = m[4]!;
    let start = m.index + m[0].length - value.length;
    if (/^["']/.test(value)) {
      value = value.slice(1, -1);
      start++;
    }
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) continue;
    push(start, value, `value of ${m[1]}${m[2]!.slice(0, 40)}`);
  }
  // NAME=value (env assignments, connection-string parts)
  for (const m of text.matchAll(/(?<![A-Za-z0-9_-])([A-Za-z_][A-Za-z0-9_.-]*)=("[^"]*"|'[^']*'|[^\s"'&;,]+)/g)) {
    if (!isSecretName(m[1]!)) continue;
    let value = m[2]!;
    let start = m.index + m[0].length - value.length;
    if (/^["']/.test(value)) {
      value = value.slice(1, -1);
      start++;
    }
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) continue;
    if (!strictWords && isEnumLike(value)) continue;
    push(start, value, `value of ${m[1]!.slice(0, 40)}`);
  }
  // name: value in prose ("password: hunter2"), only for clearly secret words and non-word values
  for (const m of text.matchAll(/(?<![A-Za-z0-9_-])(password|passwd|pwd|secret|token|api[-_ ]?key|access[-_ ]?key|client[-_ ]?secret)\s*:\s+([^\s"',;]{6,})/gi)) {
    const v = m[2]!;
    if (isEnumLike(v) || isDateLike(v) || /^[a-z][a-z0-9+.-]*:\/\//i.test(v)) continue;
    // a word or an identifier (`token: GH_PersonalAccessToken` in a query) is not a password
    if (/^[A-Za-z_][A-Za-z_]*$/.test(v)) continue;
    push(m.index + m[0].length - v.length, v, `value of ${m[1]!.toLowerCase()}`);
  }
}

export interface SpanOptions {
  /**
   * `id`: ids and names that must stay as they are unless a known credential shape is in them; `text`: any
   * other string (launch lines, descriptions, URLs, header and property values).
   */
  readonly mode?: 'id' | 'text';
  /** Values of `NAME=value` are secrets even when they look like an enum word (env assignments). */
  readonly strict?: boolean;
}

/** Every secret span in `text`, sorted and without overlaps. */
export function findSecretSpans(text: string, opts: SpanOptions = {}): SecretSpan[] {
  if (text.length < 8) return [];
  const spans: SecretSpan[] = [...findShapeSpans(text)];
  // Public material looks random too: certificates and public keys (PEM, or base64 DER of a certificate)
  const open: [number, number][] = [];
  for (const m of text.matchAll(/-----BEGIN (CERTIFICATE|PUBLIC KEY|RSA PUBLIC KEY|X509 CRL|CERTIFICATE REQUEST|NEW CERTIFICATE REQUEST)-----[\s\S]*?(-----END \1-----|$)/g)) open.push([m.index, m.index + m[0].length]);
  for (const m of text.matchAll(/(?<![A-Za-z0-9+/])MII[A-Za-z0-9+/]{1,12}(AwIBAgI|[A-Za-z0-9+/]{0,20}AQEFAAOC)[A-Za-z0-9+/=\s]*/g)) open.push([m.index, m.index + m[0].length]);
  const isPublic = (start: number, end: number) => open.some(([a, b]) => start >= a && end <= b);
  if (opts.mode !== 'id') {
    for (const m of text.matchAll(/[a-z][a-z0-9+.-]*:\/\/[^\s"'<>`]+/gi)) urlSpans(m[0], m.index, spans);
    contextSpans(text, spans, opts.strict === true);
    for (const m of text.matchAll(/[A-Za-z0-9_+/\-.~]{22,}={0,2}/g)) {
      const word = m[0];
      // inside a URL's host or path the URL rules decide
      const before = text.slice(Math.max(0, m.index - 3), m.index);
      if (/:\/\/$/.test(before)) continue;
      if (isHighEntropy(word) && !isPublic(m.index, m.index + word.length)) spans.push({ start: m.index, end: m.index + word.length, reason: 'high-entropy string' });
    }
  }
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: SecretSpan[] = [];
  for (const s of spans) {
    const last = out[out.length - 1];
    if (last && s.start < last.end) {
      if (s.end > last.end) out[out.length - 1] = { start: last.start, end: s.end, reason: last.reason };
      continue;
    }
    out.push(s);
  }
  return out;
}

/** The marker a redacted span becomes: `<redacted:hmac-sha256:…>` (the fingerprint of the value). */
export function redactionMarker(value: string): string {
  return `<redacted:${fingerprint(value)}>`;
}

export interface Redaction {
  readonly text: string;
  /** Reasons of the spans cut out, in order (never the values). */
  readonly reasons: string[];
  /** The values cut out (for the caller's leak check; never to be printed). */
  readonly values: string[];
}

/** `text` with every secret span replaced by its marker. */
export function redactSecrets(text: string, opts: SpanOptions = {}): Redaction {
  const spans = findSecretSpans(text, opts);
  if (spans.length === 0) return { text, reasons: [], values: [] };
  let out = '';
  let pos = 0;
  const reasons: string[] = [];
  const values: string[] = [];
  for (const s of spans) {
    const value = text.slice(s.start, s.end);
    out += text.slice(pos, s.start) + redactionMarker(value);
    pos = s.end;
    reasons.push(s.reason);
    values.push(value);
  }
  out += text.slice(pos);
  return { text: out, reasons, values };
}
