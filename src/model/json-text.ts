/**
 * The text layer under every JSON input: bytes to text (BOMs, UTF-16LE/BE, invalid UTF-8 reported), and one
 * linear, iterative scan of the parsed text for what `JSON.parse` changes or hides without a word: duplicate
 * keys (last wins), numbers out of range (`1e999` becomes Infinity, written back as null) or past 2^53
 * (rounded), lone UTF-16 surrogates (replaced by U+FFFD, so no encoder or export can throw on them), and
 * nesting deeper than {@link MAX_JSON_DEPTH} (refused with its place, before anything recursive sees it).
 */
import { locateJsonError } from './json-error.ts';
import { wellFormed } from './well-formed.ts';

/** Deepest nesting accepted. Real inventories and exports nest a few dozen levels at most. */
export const MAX_JSON_DEPTH = 1000;

/** Most warnings of one kind listed per document; the rest are counted in one line. */
const MAX_LISTED = 50;

export type TextWarningCode = 'INVALID_ENCODING' | 'DUPLICATE_KEY' | 'NUMBER_CHANGED' | 'INVALID_STRING';

/** Something the reading changed, with its place (`nodes[3].name`, or `$`). */
export interface TextWarning {
  readonly code: TextWarningCode;
  readonly at: string;
  readonly message: string;
}

export interface DecodedText {
  readonly text: string;
  readonly encoding: 'utf-8' | 'utf-16le' | 'utf-16be';
  /** Offsets (in `text`) of U+FFFD that replaced invalid byte sequences; empty when the bytes were valid. */
  readonly replaced: readonly number[];
}

/**
 * Decodes a file's bytes: UTF-8 by default, UTF-16LE/BE when a byte-order mark (or the zero bytes of
 * ASCII JSON in UTF-16) says so; a BOM is dropped. Invalid sequences become U+FFFD and are listed, never
 * dropped silently.
 */
export function decodeBytes(bytes: Uint8Array): DecodedText {
  let encoding: DecodedText['encoding'] = 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) encoding = 'utf-16le';
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) encoding = 'utf-16be';
  else if (bytes.length >= 4 && bytes[0] !== 0 && bytes[1] === 0 && bytes[2] !== 0 && bytes[3] === 0) encoding = 'utf-16le';
  else if (bytes.length >= 4 && bytes[0] === 0 && bytes[1] !== 0 && bytes[2] === 0 && bytes[3] !== 0) encoding = 'utf-16be';
  let text: string;
  let replaced: number[] = [];
  try {
    text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder(encoding).decode(bytes);
    replaced = replacementsNotInSource(text, bytes, encoding);
  }
  if (text.charCodeAt(0) === 0xfeff) {
    text = text.slice(1);
    replaced = replaced.map((o) => o - 1);
  }
  return { text, encoding, replaced };
}

/** Offsets of the U+FFFD the decoder made (a U+FFFD spelled out in the file is not one of them). */
function replacementsNotInSource(text: string, bytes: Uint8Array, encoding: DecodedText['encoding']): number[] {
  let genuine = 0;
  if (encoding === 'utf-8') {
    for (let i = bytes.indexOf(0xef); i >= 0 && i + 2 < bytes.length; i = bytes.indexOf(0xef, i + 1)) {
      if (bytes[i + 1] === 0xbf && bytes[i + 2] === 0xbd) genuine++;
    }
  }
  const out: number[] = [];
  for (let i = text.indexOf('\ufffd'); i >= 0; i = text.indexOf('\ufffd', i + 1)) out.push(i);
  // Without offsets into the bytes we cannot tell which are genuine; the decoder's are reported, counted
  // exactly, located from the first one that can be told apart.
  return genuine === 0 ? out : out.slice(Math.min(genuine, out.length - 1));
}

/** A path in the house style: `nodes[3].fields.name`, `$` for the root. */
function renderPath(all: readonly (string | number)[]): string {
  // A path through hostile nesting stays readable: its first and last steps, and how deep it is.
  const keys = all.length > 16 ? [...all.slice(0, 8), ...all.slice(-4)] : all;
  let out = '';
  for (const [i, k] of keys.entries()) {
    if (keys !== all && i === 8) out += `…(${all.length - 12} more levels)…`;
    if (typeof k === 'number') out += `[${k}]`;
    else out += /^[A-Za-z_$][\w$-]*$/.test(k) ? `${out === '' ? '' : '.'}${k}` : `[${JSON.stringify(k)}]`;
  }
  return out === '' ? '$' : out;
}

function lineColumn(text: string, offset: number): string {
  let line = 1;
  let last = -1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    last = i;
  }
  return `line ${line}, column ${offset - last}`;
}

export type ScanResult =
  | { readonly ok: true; readonly warnings: TextWarning[]; readonly loneSurrogates: readonly number[] }
  | { readonly ok: false; readonly message: string; readonly at: string };

const enum C {
  Quote = 0x22,
  Backslash = 0x5c,
  OpenBrace = 0x7b,
  CloseBrace = 0x7d,
  OpenBracket = 0x5b,
  CloseBracket = 0x5d,
  Comma = 0x2c,
  Colon = 0x3a,
}

/** Keys of one object: a short list scanned linearly, a set once it grows. */
class KeySet {
  private list: string[] = [];
  private set: Set<string> | null = null;
  /** @returns false when the key was there already. */
  add(key: string): boolean {
    if (this.set) {
      if (this.set.has(key)) return false;
      this.set.add(key);
      return true;
    }
    if (this.list.includes(key)) return false;
    this.list.push(key);
    if (this.list.length > 16) this.set = new Set(this.list);
    return true;
  }
}

function isNumberChar(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2b || c === 0x2e || c === 0x65 || c === 0x45;
}

/**
 * Scans JSON text that `JSON.parse` has accepted, in one pass without recursion. With `stopAt`, returns
 * instead the path of the value containing that offset (for locating a decoding problem).
 */
export function scanJsonText(text: string, stopAt?: number): ScanResult & { path?: string } {
  const warnings: TextWarning[] = [];
  const counts = new Map<TextWarningCode, number>();
  const warn = (code: TextWarningCode, at: () => string, message: () => string) => {
    const n = (counts.get(code) ?? 0) + 1;
    counts.set(code, n);
    if (n <= MAX_LISTED) warnings.push({ code, at: at(), message: message() });
  };
  const lone: number[] = [];
  // The path: a key (object) or an index (array) per open container.
  const path: (string | number)[] = [];
  const keys: (KeySet | null)[] = [];
  const n = text.length;
  let i = 0;
  let wellFormedText: boolean | undefined;
  const pathHere = () => renderPath(path);

  // The next backslash at or after the scan position, found once and reused (searching again for every
  // string would cost O(n²) on a text without any).
  let nextBackslash = -2;
  const backslashFrom = (j: number): number => {
    if (nextBackslash === -1 || (nextBackslash >= j && nextBackslash !== -2)) return nextBackslash;
    nextBackslash = text.indexOf('\\', j);
    return nextBackslash;
  };
  const readString = (): { start: number; end: number; escaped: boolean } => {
    const start = i + 1;
    let j = start;
    let escaped = false;
    for (;;) {
      const q = text.indexOf('"', j);
      const b = backslashFrom(j);
      if (b !== -1 && b < q) {
        escaped = true;
        j = b + 2;
        continue;
      }
      i = q + 1;
      return { start, end: q, escaped };
    }
  };
  const checkEscapes = (start: number, end: number) => {
    // \uD800–\uDFFF escapes that do not pair up
    for (let j = text.indexOf('\\', start); j !== -1 && j < end; j = text.indexOf('\\', j + 2)) {
      if (text.charCodeAt(j + 1) !== 0x75) continue;
      const unit = parseInt(text.slice(j + 2, j + 6), 16);
      if (unit >= 0xd800 && unit <= 0xdbff) {
        const next = text.charCodeAt(j + 6) === C.Backslash && text.charCodeAt(j + 7) === 0x75 ? parseInt(text.slice(j + 8, j + 12), 16) : -1;
        if (next >= 0xdc00 && next <= 0xdfff) {
          j += 6;
          continue;
        }
        lone.push(j);
      } else if (unit >= 0xdc00 && unit <= 0xdfff) lone.push(j);
    }
  };
  const stringDone = (start: number, end: number, escaped: boolean) => {
    if (escaped) {
      const before = lone.length;
      checkEscapes(start, end);
      if (lone.length > before) warn('INVALID_STRING', pathHere, () => 'a lone UTF-16 surrogate (an unpaired \\uD800–\\uDFFF escape) is replaced by U+FFFD');
    }
  };

  let expectingKey = false;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (stopAt !== undefined && i >= stopAt) return { ok: true, warnings, loneSurrogates: lone, path: pathHere() };
    if (c === C.Quote) {
      const s = readString();
      if (expectingKey) {
        let key = text.slice(s.start, s.end);
        if (s.escaped) key = JSON.parse(`"${key}"`) as string;
        path[path.length - 1] = key;
        const set = keys[keys.length - 1];
        if (set && !set.add(key)) {
          warn('DUPLICATE_KEY', pathHere, () => `duplicate key ${JSON.stringify(wellFormed(key).slice(0, 80))} (${lineColumn(text, s.start)}); only the last one is read`);
        }
        expectingKey = false;
        if (s.escaped) stringDone(s.start, s.end, true);
      } else stringDone(s.start, s.end, s.escaped);
      continue;
    }
    if (c === C.OpenBrace || c === C.OpenBracket) {
      if (path.length >= MAX_JSON_DEPTH) {
        return { ok: false, at: pathHere(), message: `nested deeper than ${MAX_JSON_DEPTH} levels (${lineColumn(text, i)}); refused` };
      }
      if (c === C.OpenBrace) {
        path.push('');
        keys.push(new KeySet());
        expectingKey = true;
      } else {
        path.push(0);
        keys.push(null);
      }
      i++;
      continue;
    }
    if (c === C.CloseBrace || c === C.CloseBracket) {
      path.pop();
      keys.pop();
      expectingKey = false;
      i++;
      continue;
    }
    if (c === C.Comma) {
      const top = path.length - 1;
      if (keys[top] === null) path[top] = (path[top] as number) + 1;
      else expectingKey = true;
      i++;
      continue;
    }
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      const start = i;
      while (i < n && isNumberChar(text.charCodeAt(i))) i++;
      const token = text.slice(start, i);
      const value = Number(token);
      if (!Number.isFinite(value)) {
        warn('NUMBER_CHANGED', pathHere, () => `${token.slice(0, 40)} is beyond the range of a number; read as ${value > 0 ? '' : '-'}Infinity (written as null)`);
      } else if (token.length > 15 && !/[.eE]/.test(token) && !Number.isSafeInteger(value)) {
        warn('NUMBER_CHANGED', pathHere, () => `${token.slice(0, 40)} is past 2^53; read as ${String(value)}`);
      }
      continue;
    }
    i++;
  }
  if (stopAt !== undefined) return { ok: true, warnings, loneSurrogates: lone, path: pathHere() };
  // Raw lone surrogates (possible only when the input was handed over as a JS string)
  wellFormedText = isWellFormed(text);
  if (!wellFormedText) warn('INVALID_STRING', () => '$', () => 'the text holds lone UTF-16 surrogates; they are replaced by U+FFFD');
  for (const [code, count] of counts) {
    if (count > MAX_LISTED) warnings.push({ code, at: '$', message: `${count - MAX_LISTED} more like this not listed` });
  }
  return { ok: true, warnings, loneSurrogates: wellFormedText ? lone : [...lone, -1] };
}

function isWellFormed(text: string): boolean {
  const f = (text as unknown as { isWellFormed?: () => boolean }).isWellFormed;
  return typeof f === 'function' ? f.call(text) : wellFormed(text) === text;
}

export type JsonReadResult =
  | { readonly ok: true; readonly value: unknown; readonly warnings: TextWarning[] }
  | { readonly ok: false; readonly message: string; readonly at: string };

/**
 * After `JSON.parse` has accepted `text`: the warnings of {@link scanJsonText}, the depth limit, and the value
 * with lone surrogates made well-formed (the text is re-parsed with them replaced, only when there are any).
 */
export function checkParsedJson(text: string, value: unknown, decoded?: DecodedText): JsonReadResult {
  const scan = scanJsonText(text);
  if (!scan.ok) return scan;
  const warnings = [...scan.warnings];
  if (decoded && decoded.replaced.length > 0) {
    const first = decoded.replaced[0]!;
    const at = scanJsonText(text, first).path ?? '$';
    warnings.unshift({
      code: 'INVALID_ENCODING',
      at,
      message: `invalid ${decoded.encoding.toUpperCase()} (${lineColumn(text, first)}${decoded.replaced.length > 1 ? ` and ${decoded.replaced.length - 1} more places` : ''}): replaced by U+FFFD`,
    });
  }
  if (scan.loneSurrogates.length === 0) return { ok: true, value, warnings };
  let fixed = text;
  const escapes = scan.loneSurrogates.filter((o) => o >= 0);
  if (escapes.length > 0) {
    const parts: string[] = [];
    let last = 0;
    for (const o of escapes) {
      parts.push(text.slice(last, o), '\\ufffd');
      last = o + 6;
    }
    parts.push(text.slice(last));
    fixed = parts.join('');
  }
  fixed = wellFormed(fixed);
  return { ok: true, value: JSON.parse(fixed) as unknown, warnings };
}

/**
 * Parses JSON text: a syntax error names its line and column; valid text gets {@link checkParsedJson}.
 * `decoded` (from {@link decodeBytes}) adds a located warning for invalid byte sequences.
 */
export function readJsonText(text: string, decoded?: DecodedText): JsonReadResult {
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (err) {
    const place = locateJsonError(text);
    if (place) return { ok: false, at: '$', message: `not valid JSON at line ${place.line}, column ${place.column}: ${place.reason}` };
    // Valid JSON the engine could not take (nesting beyond its own stack): the scan names the place.
    const scan = scanJsonText(text);
    if (!scan.ok) return scan;
    return { ok: false, at: '$', message: `not valid JSON (${err instanceof Error ? err.message.slice(0, 200) : String(err)})` };
  }
  return checkParsedJson(text, value, decoded);
}
