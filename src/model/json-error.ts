/**
 * Finds where JSON text first goes wrong, for error messages that name a line and column on every
 * engine (V8 does not always include a position). Iterative, so hostile nesting cannot overflow the stack.
 */

export interface JsonErrorPlace {
  readonly offset: number;
  readonly line: number;
  readonly column: number;
  readonly reason: string;
}

const WS = new Set([0x20, 0x0a, 0x0d, 0x09]);

/** @returns the place of the first syntax error, or null when the text is valid JSON. */
export function locateJsonError(text: string): JsonErrorPlace | null {
  let i = 0;
  const n = text.length;
  const fail = (reason: string): JsonErrorPlace => {
    const before = text.slice(0, i);
    const line = before.split('\n').length;
    return { offset: i, line, column: i - before.lastIndexOf('\n'), reason };
  };
  const skip = () => {
    while (i < n && WS.has(text.charCodeAt(i))) i++;
  };
  const describe = () => (i >= n ? 'unexpected end of input' : `unexpected ${JSON.stringify(text[i])}`);
  // stack of containers: 'a' array, 'o' object
  const stack: ('a' | 'o')[] = [];

  const scanString = (): boolean => {
    i++; // opening quote
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return true;
      }
      if (c < 0x20) return false;
      if (c === 0x5c) {
        const esc = text[i + 1];
        if (esc === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return false;
          i += 6;
        } else if (esc !== undefined && '"\\/bfnrt'.includes(esc)) i += 2;
        else return false;
      } else i++;
    }
    return false;
  };
  const scanScalar = (): boolean => {
    const rest = text.slice(i, i + 5);
    for (const word of ['true', 'false', 'null']) {
      if (rest.startsWith(word)) {
        i += word.length;
        return true;
      }
    }
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m || m[0] === '' || m[0] === '-') return false;
    i += m[0].length;
    return true;
  };

  // expectValue: parse one value; containers push onto the stack and return to the loop.
  let expectValue = true;
  for (;;) {
    skip();
    if (expectValue) {
      const c = text[i];
      if (c === '{') {
        i++;
        skip();
        if (text[i] === '}') {
          i++;
          expectValue = false;
        } else {
          if (text[i] !== '"') return fail(`${describe()}, expected a property name`);
          if (!scanString()) return fail('bad string');
          skip();
          if (text[i] !== ':') return fail(`${describe()}, expected ":"`);
          i++;
          stack.push('o');
          continue;
        }
      } else if (c === '[') {
        i++;
        skip();
        if (text[i] === ']') {
          i++;
          expectValue = false;
        } else {
          stack.push('a');
          continue;
        }
      } else if (c === '"') {
        if (!scanString()) return fail('bad string');
        expectValue = false;
      } else if (!scanScalar()) return fail(`${describe()}, expected a value`);
      else expectValue = false;
      continue;
    }
    // after a value
    const top = stack[stack.length - 1];
    if (top === undefined) {
      return i >= n ? null : fail(`${describe()} after the end of the document`);
    }
    const c = text[i];
    if (c === ',') {
      i++;
      if (top === 'o') {
        skip();
        if (text[i] !== '"') return fail(`${describe()}, expected a property name`);
        if (!scanString()) return fail('bad string');
        skip();
        if (text[i] !== ':') return fail(`${describe()}, expected ":"`);
        i++;
      }
      expectValue = true;
    } else if ((top === 'o' && c === '}') || (top === 'a' && c === ']')) {
      i++;
      stack.pop();
    } else return fail(`${describe()}, expected "," or "${top === 'o' ? '}' : ']'}"`);
  }
}
