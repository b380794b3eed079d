/**
 * A small TOML reader for MCP client configs written in TOML (Codex CLI `~/.codex/config.toml`). It covers
 * what those files use: comments, `[table]` / `[a."b.c"]` headers, `[[array of tables]]`, dotted keys, basic and
 * literal strings (single-line and multi-line), integers, floats, booleans, dates as strings, arrays (across
 * lines) and inline tables. Values go into null-prototype objects.
 */

type Table = Record<string, unknown>;

export class TomlError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`line ${line}: ${message}`);
  }
}

function table(): Table {
  return Object.create(null) as Table;
}

export function parseToml(text: string): Table {
  const root = table();
  let current = root;
  let i = 0;
  const n = text.length;
  let line = 1;

  const err = (m: string): never => {
    throw new TomlError(m, line);
  };
  const skipWs = () => {
    while (i < n && (text[i] === ' ' || text[i] === '\t')) i++;
  };
  const skipWsNl = () => {
    for (;;) {
      skipWs();
      if (text[i] === '#') while (i < n && text[i] !== '\n') i++;
      if (text[i] === '\r') i++;
      if (text[i] === '\n') {
        line++;
        i++;
        continue;
      }
      break;
    }
  };
  const bareKey = () => {
    const start = i;
    while (i < n && /[A-Za-z0-9_-]/.test(text[i]!)) i++;
    if (start === i) err('expected a key');
    return text.slice(start, i);
  };
  const key = (): string[] => {
    const parts: string[] = [];
    for (;;) {
      skipWs();
      if (text[i] === '"') parts.push(basicString());
      else if (text[i] === "'") parts.push(literalString());
      else parts.push(bareKey());
      skipWs();
      if (text[i] === '.') {
        i++;
        continue;
      }
      return parts;
    }
  };
  const basicString = (): string => {
    if (text.startsWith('"""', i)) {
      i += 3;
      if (text[i] === '\n') {
        line++;
        i++;
      }
      let out = '';
      while (i < n && !text.startsWith('"""', i)) {
        if (text[i] === '\\') out += escape();
        else {
          if (text[i] === '\n') line++;
          out += text[i++];
        }
      }
      if (i >= n) err('unterminated string');
      i += 3;
      return out;
    }
    i++;
    let out = '';
    while (i < n && text[i] !== '"') {
      if (text[i] === '\n') err('newline in a string');
      if (text[i] === '\\') out += escape();
      else out += text[i++];
    }
    if (i >= n) err('unterminated string');
    i++;
    return out;
  };
  const escape = (): string => {
    const c = text[i + 1];
    i += 2;
    switch (c) {
      case 'n':
        return '\n';
      case 't':
        return '\t';
      case 'r':
        return '\r';
      case 'b':
        return '\b';
      case 'f':
        return '\f';
      case '"':
        return '"';
      case '\\':
        return '\\';
      case 'u':
      case 'U': {
        const len = c === 'u' ? 4 : 8;
        const hex = text.slice(i, i + len);
        if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== len) err('bad unicode escape');
        i += len;
        return String.fromCodePoint(parseInt(hex, 16));
      }
      case '\n':
      case ' ':
      case '\r': {
        // line-ending backslash in a multi-line string: trim the whitespace that follows
        while (i < n && /\s/.test(text[i]!)) {
          if (text[i] === '\n') line++;
          i++;
        }
        return '';
      }
      default:
        return err(`bad escape \\${c ?? ''}`);
    }
  };
  const literalString = (): string => {
    if (text.startsWith("'''", i)) {
      i += 3;
      if (text[i] === '\n') {
        line++;
        i++;
      }
      const end = text.indexOf("'''", i);
      if (end < 0) err('unterminated string');
      const out = text.slice(i, end);
      line += out.split('\n').length - 1;
      i = end + 3;
      return out;
    }
    i++;
    const end = text.indexOf("'", i);
    if (end < 0 || text.slice(i, end).includes('\n')) err('unterminated string');
    const out = text.slice(i, end);
    i = end + 1;
    return out;
  };
  const value = (): unknown => {
    skipWs();
    const c = text[i];
    if (c === '"') return basicString();
    if (c === "'") return literalString();
    if (c === '[') {
      i++;
      const out: unknown[] = [];
      for (;;) {
        skipWsNl();
        if (text[i] === ']') {
          i++;
          return out;
        }
        out.push(value());
        skipWsNl();
        if (text[i] === ',') {
          i++;
          continue;
        }
        skipWsNl();
        if (text[i] === ']') {
          i++;
          return out;
        }
        err('expected , or ] in an array');
      }
    }
    if (c === '{') {
      i++;
      const out = table();
      skipWs();
      if (text[i] === '}') {
        i++;
        return out;
      }
      for (;;) {
        const k = key();
        skipWs();
        if (text[i] !== '=') err('expected = in an inline table');
        i++;
        assign(out, k, value());
        skipWs();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return out;
        }
        err('expected , or } in an inline table');
      }
    }
    const m = /^(true|false|[+-]?(inf|nan)|[0-9][0-9:TZ.+_-]*[0-9Z]?|[+-]?[0-9][0-9_]*(\.[0-9_]+)?([eE][+-]?[0-9]+)?|0x[0-9a-fA-F_]+|0o[0-7_]+|0b[01_]+)/.exec(text.slice(i, i + 64));
    if (!m) return err('expected a value');
    i += m[0].length;
    const v = m[0];
    if (v === 'true') return true;
    if (v === 'false') return false;
    if (/^\d{4}-\d{2}-\d{2}|^\d{2}:\d{2}/.test(v)) return v;
    const num = Number(v.replace(/_/g, ''));
    return Number.isNaN(num) ? v : num;
  };
  const assign = (into: Table, path: string[], v: unknown) => {
    let t = into;
    for (const p of path.slice(0, -1)) {
      const next = Object.prototype.hasOwnProperty.call(t, p) ? t[p] : undefined;
      if (next === undefined) {
        const created = table();
        t[p] = created;
        t = created;
      } else if (next !== null && typeof next === 'object' && !Array.isArray(next)) t = next as Table;
      else err(`key ${path.join('.')} redefines a value`);
    }
    const last = path[path.length - 1]!;
    if (Object.prototype.hasOwnProperty.call(t, last)) err(`duplicate key ${path.join('.')}`);
    t[last] = v;
  };
  const open = (path: string[], arrayOfTables: boolean): Table => {
    let t = root;
    for (let k = 0; k < path.length; k++) {
      const p = path[k]!;
      const lastPart = k === path.length - 1;
      let next = Object.prototype.hasOwnProperty.call(t, p) ? t[p] : undefined;
      if (lastPart && arrayOfTables) {
        if (next === undefined) {
          next = [];
          t[p] = next;
        }
        if (!Array.isArray(next)) err(`${path.join('.')} is not an array of tables`);
        const created = table();
        (next as unknown[]).push(created);
        return created;
      }
      if (next === undefined) {
        next = table();
        t[p] = next;
      }
      if (Array.isArray(next)) next = next[next.length - 1];
      if (next === null || typeof next !== 'object') err(`${path.join('.')} is not a table`);
      t = next as Table;
    }
    return t;
  };

  for (;;) {
    skipWsNl();
    if (i >= n) break;
    if (text[i] === '[') {
      const aot = text[i + 1] === '[';
      i += aot ? 2 : 1;
      const path = key();
      if (text[i] !== ']' || (aot && text[i + 1] !== ']')) err('expected ] after a table name');
      i += aot ? 2 : 1;
      current = open(path, aot);
    } else {
      const path = key();
      skipWs();
      if (text[i] !== '=') err('expected =');
      i++;
      assign(current, path, value());
    }
    skipWs();
    if (text[i] === '#') while (i < n && text[i] !== '\n') i++;
    if (text[i] === '\r') i++;
    if (i < n && text[i] !== '\n') err('expected the end of the line');
  }
  return root;
}
