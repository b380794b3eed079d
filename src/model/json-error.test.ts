import { describe, expect, it } from 'vitest';

import { locateJsonError } from './json-error.ts';

describe('locateJsonError', () => {
  it('returns null for valid JSON of every shape', () => {
    for (const text of ['{}', '[]', ' {"a": [1, -2.5e3, true, false, null, "x\\n\\u00e9"], "b": {}} ', '"s"', '0']) {
      expect(locateJsonError(text), text).toBeNull();
    }
  });

  it('names the line and column of the first error', () => {
    expect(locateJsonError('{\n  "a": [,]\n}')).toMatchObject({ line: 2, column: 9, reason: 'unexpected ",", expected a value' });
    expect(locateJsonError('{"a": 1,}')).toMatchObject({ line: 1, column: 9 });
    expect(locateJsonError('{"a": 1')).toMatchObject({ reason: 'unexpected end of input, expected "," or "}"' });
    expect(locateJsonError('{"a": 1} x')).toMatchObject({ reason: 'unexpected "x" after the end of the document' });
    expect(locateJsonError("{'a': 1}")).toMatchObject({ column: 2 });
  });

  it('survives hostile nesting without overflowing the stack', () => {
    const deep = '['.repeat(200_000);
    expect(locateJsonError(deep)).toMatchObject({ reason: 'unexpected end of input, expected a value' });
  });
});
