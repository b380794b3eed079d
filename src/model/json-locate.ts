/**
 * Maps JSON pointers (RFC 6901) to the line and column where each pointed-to element starts in the source
 * text: one iterative pass, whatever the nesting, for any number of pointers. An object member is placed at
 * its key (`"github": {` of an MCP server entry), an array element or the root at its first character.
 * Lines and columns are 1-based; columns count UTF-16 code units (SARIF's default `columnKind`).
 *
 * The text should be JSON the importers already parsed (comments blanked to spaces keep places); on text
 * that is not, the pass stops where it goes wrong and returns what it found before.
 */

export interface SourcePlace {
  readonly line: number;
  readonly column: number;
  readonly offset: number;
}

interface Trie {
  readonly children: Map<string, Trie>;
  pointer?: string;
}

function unescapeToken(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

const WS = new Set([0x20, 0x0a, 0x0d, 0x09]);

/** @returns pointer → place, for the pointers found in the text (others are absent). */
export function locateJsonPointers(text: string, pointers: Iterable<string>): Map<string, SourcePlace> {
  const root: Trie = { children: new Map() };
  let wanted = 0;
  for (const p of pointers) {
    if (p !== '' && !p.startsWith('/')) continue;
    let t = root;
    if (p !== '') {
      for (const token of p.slice(1).split('/').map(unescapeToken)) {
        let next = t.children.get(token);
        if (!next) t.children.set(token, (next = { children: new Map() }));
        t = next;
      }
    }
    if (t.pointer === undefined) wanted++;
    t.pointer = p;
  }
  const offsets = new Map<string, number>();
  if (wanted > 0) scan(text, root, offsets);
  return toPlaces(text, offsets);
}

function scan(text: string, root: Trie, offsets: Map<string, number>): void {
  const n = text.length;
  let i = 0;
  const skip = () => {
    while (i < n && WS.has(text.charCodeAt(i))) i++;
  };
  /** Moves past a string starting at i; returns false on an unterminated one. */
  const skipString = (): boolean => {
    let j = i + 1;
    for (;;) {
      const q = text.indexOf('"', j);
      if (q < 0) return false;
      let k = q - 1;
      let backslashes = 0;
      while (k > i && text.charCodeAt(k) === 0x5c) {
        backslashes++;
        k--;
      }
      if (backslashes % 2 === 0) {
        i = q + 1;
        return true;
      }
      j = q + 1;
    }
  };
  const frames: { trie: Trie | null; array: boolean; index: number }[] = [];
  let pending: Trie | null = root;
  let pendingAt = -1;
  // states: 0 expect value, 1 first member or '}', 2 first element or ']', 3 after a value, 4 member after ','
  let state = 0;
  for (let guard = 0; guard <= 4 * n + 8; guard++) {
    skip();
    if (state === 0) {
      if (pending?.pointer !== undefined && !offsets.has(pending.pointer)) offsets.set(pending.pointer, pendingAt >= 0 ? pendingAt : i);
      const c = text.charCodeAt(i);
      if (c === 0x7b) {
        i++;
        frames.push({ trie: pending && pending.children.size > 0 ? pending : null, array: false, index: 0 });
        state = 1;
      } else if (c === 0x5b) {
        i++;
        frames.push({ trie: pending && pending.children.size > 0 ? pending : null, array: true, index: 0 });
        state = 2;
      } else if (c === 0x22) {
        if (!skipString()) return;
        state = 3;
      } else {
        const start = i;
        while (i < n) {
          const d = text.charCodeAt(i);
          if (d === 0x2c || d === 0x7d || d === 0x5d || WS.has(d)) break;
          i++;
        }
        if (i === start) return;
        state = 3;
      }
      continue;
    }
    const top = frames[frames.length - 1];
    if (state === 1 || state === 4) {
      if (!top) return;
      if (state === 1 && text.charCodeAt(i) === 0x7d) {
        i++;
        frames.pop();
        state = 3;
        continue;
      }
      if (text.charCodeAt(i) !== 0x22) return;
      const keyStart = i;
      if (!skipString()) return;
      let child: Trie | null = null;
      if (top.trie) {
        const raw = text.slice(keyStart + 1, i - 1);
        let key = raw;
        if (raw.includes('\\')) {
          try {
            key = JSON.parse(text.slice(keyStart, i)) as string;
          } catch {
            return;
          }
        }
        child = top.trie.children.get(key) ?? null;
      }
      skip();
      if (text.charCodeAt(i) !== 0x3a) return;
      i++;
      pending = child;
      pendingAt = keyStart;
      state = 0;
      continue;
    }
    if (state === 2) {
      if (!top) return;
      if (text.charCodeAt(i) === 0x5d) {
        i++;
        frames.pop();
        state = 3;
        continue;
      }
      pending = top.trie?.children.get(String(top.index)) ?? null;
      pendingAt = -1;
      state = 0;
      continue;
    }
    // state 3: after a value
    if (!top) return;
    const c = text.charCodeAt(i);
    if (c === 0x2c) {
      i++;
      if (top.array) {
        top.index++;
        state = 2;
        skip();
        if (text.charCodeAt(i) === 0x5d) return; // trailing comma: not JSON
      } else state = 4;
    } else if ((c === 0x7d && !top.array) || (c === 0x5d && top.array)) {
      i++;
      frames.pop();
    } else return;
  }
}

function toPlaces(text: string, offsets: ReadonlyMap<string, number>): Map<string, SourcePlace> {
  const sorted = [...offsets.entries()].sort((a, b) => a[1] - b[1]);
  const out = new Map<string, SourcePlace>();
  let line = 1;
  let lineStart = 0;
  // The next newline is found once and kept until an offset passes it: searching again for every place
  // would scan to the end of a one-line (minified) file each time, O(places × length).
  let nl = text.indexOf('\n');
  for (const [pointer, offset] of sorted) {
    while (nl >= 0 && nl < offset) {
      line++;
      lineStart = nl + 1;
      nl = text.indexOf('\n', nl + 1);
    }
    out.set(pointer, { line, column: offset - lineStart + 1, offset });
  }
  return out;
}
