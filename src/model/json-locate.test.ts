import { describe, expect, it } from 'vitest';

import { locateJsonPointers } from './json-locate.ts';

const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;

describe('locateJsonPointers', () => {
  const text = `{
  "mcpServers": {
    "files": { "command": "npx" },
    "git~hub/x": {
      "command": "uvx",
      "args": ["a", "b\\"]", { "k": 1 }]
    },
    "esc\\u0061ped": true
  },
  "list": [ [], {}, 3 ]
}`;

  it('places object members at their key and array elements at their first character', () => {
    const places = locateJsonPointers(text, ['', '/mcpServers/files', '/mcpServers/git~0hub~1x', '/mcpServers/git~0hub~1x/args/2/k', '/list/2', '/escaped', '/mcpServers/escaped']);
    expect(places.get('')).toEqual({ line: 1, column: 1, offset: 0 });
    expect(places.get('/mcpServers/files')).toMatchObject({ line: 3, column: 5 });
    expect(places.get('/mcpServers/git~0hub~1x')).toMatchObject({ line: lineOf(text, '"git~hub/x"'), column: 5 });
    expect(places.get('/mcpServers/git~0hub~1x/args/2/k')).toMatchObject({ line: 6, column: text.split('\n')[5]!.indexOf('"k"') + 1 });
    expect(places.get('/list/2')).toMatchObject({ line: 10, column: text.split('\n')[9]!.indexOf('3') + 1 });
    expect(places.get('/mcpServers/escaped')).toMatchObject({ line: 8 });
    expect(places.has('/escaped')).toBe(false);
  });

  it('leaves out pointers that are not in the text and stops quietly on broken text', () => {
    expect(locateJsonPointers(text, ['/nope', '/list/9']).size).toBe(0);
    const broken = locateJsonPointers('{"a": 1, "b": [1, 2', ['/a', '/b/1', '/c']);
    expect(broken.get('/a')).toMatchObject({ line: 1, column: 2 });
    expect(broken.get('/b/1')).toMatchObject({ line: 1 });
    expect(broken.has('/c')).toBe(false);
  });

  it('handles deep nesting without recursion', () => {
    const depth = 20_000;
    const deep = `${'['.repeat(depth)}1${']'.repeat(depth)}`;
    const pointer = `/${Array.from({ length: depth }, () => '0').join('/')}`;
    expect(locateJsonPointers(deep, [pointer]).get(pointer)).toMatchObject({ line: 1, column: depth + 1 });
  });
});
