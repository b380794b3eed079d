/**
 * A small JSON Schema (draft 2020-12 subset) validator for tests: type, enum, const, pattern, properties,
 * required, additionalProperties, items, minItems, maxItems, anyOf, allOf, oneOf, not, if/then/else, and
 * `$ref` to `#/$defs/…` or to a sibling schema by file name. Enough for BloodHound's OpenGraph upload
 * schemas; returns the places that fail.
 */
type Schema = Record<string, unknown> | boolean;

export interface SchemaSet {
  readonly [file: string]: Schema;
}

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function typeMatches(v: unknown, t: string): boolean {
  const actual = typeOf(v);
  return actual === t || (t === 'number' && actual === 'integer');
}

export function validate(value: unknown, file: string, schemas: SchemaSet): string[] {
  const errors: string[] = [];
  const resolve = (ref: string, root: Schema): [Schema, Schema] => {
    const [target, frag] = ref.split('#');
    const doc = target ? schemas[target] : root;
    if (doc === undefined) throw new Error(`unknown $ref ${ref}`);
    if (!frag) return [doc, doc];
    let node: unknown = doc;
    for (const seg of frag.split('/').filter(Boolean)) node = (node as Record<string, unknown>)[seg];
    return [node as Schema, doc];
  };
  const check = (v: unknown, s: Schema, root: Schema, at: string, out: string[]): void => {
    if (s === true) return;
    if (s === false) {
      out.push(`${at}: not allowed`);
      return;
    }
    if (typeof s.$ref === 'string') {
      const [t, r] = resolve(s.$ref, root);
      check(v, t, r, at, out);
    }
    if (s.type !== undefined) {
      const types = Array.isArray(s.type) ? (s.type as string[]) : [s.type as string];
      if (!types.some((t) => typeMatches(v, t))) out.push(`${at}: expected ${types.join('|')}, got ${typeOf(v)}`);
    }
    if (Array.isArray(s.enum) && !s.enum.some((e) => JSON.stringify(e) === JSON.stringify(v))) out.push(`${at}: not one of ${JSON.stringify(s.enum)}`);
    if (s.const !== undefined && JSON.stringify(s.const) !== JSON.stringify(v)) out.push(`${at}: expected ${JSON.stringify(s.const)}`);
    if (typeof s.pattern === 'string' && typeof v === 'string' && !new RegExp(s.pattern, 'u').test(v)) out.push(`${at}: does not match ${s.pattern}`);
    if (typeOf(v) === 'object') {
      const obj = v as Record<string, unknown>;
      const props = (s.properties ?? {}) as Record<string, Schema>;
      for (const r of (s.required as string[] | undefined) ?? []) if (!(r in obj)) out.push(`${at}: missing ${r}`);
      for (const k of Object.keys(obj)) {
        if (k in props) check(obj[k], props[k]!, root, `${at}/${k}`, out);
        else if (s.additionalProperties !== undefined) check(obj[k], s.additionalProperties as Schema, root, `${at}/${k}`, out);
      }
    }
    if (Array.isArray(v)) {
      if (typeof s.minItems === 'number' && v.length < s.minItems) out.push(`${at}: fewer than ${s.minItems} items`);
      if (typeof s.maxItems === 'number' && v.length > s.maxItems) out.push(`${at}: more than ${s.maxItems} items`);
      if (s.items !== undefined) v.forEach((x, i) => check(x, s.items as Schema, root, `${at}/${i}`, out));
    }
    const passes = (sub: Schema) => {
      const o: string[] = [];
      check(v, sub, root, at, o);
      return o.length === 0;
    };
    if (Array.isArray(s.anyOf) && !(s.anyOf as Schema[]).some(passes)) out.push(`${at}: matches none of anyOf`);
    if (Array.isArray(s.oneOf) && (s.oneOf as Schema[]).filter(passes).length !== 1) out.push(`${at}: does not match exactly one of oneOf`);
    if (Array.isArray(s.allOf)) for (const sub of s.allOf as Schema[]) check(v, sub, root, at, out);
    if (s.not !== undefined && passes(s.not as Schema)) out.push(`${at}: matches a schema it must not (${JSON.stringify(s.not).slice(0, 60)})`);
    if (s.if !== undefined) {
      if (passes(s.if as Schema)) {
        if (s.then !== undefined) check(v, s.then as Schema, root, at, out);
      } else if (s.else !== undefined) check(v, s.else as Schema, root, at, out);
    }
  };
  const root = schemas[file];
  if (root === undefined) throw new Error(`unknown schema ${file}`);
  check(value, root, root, '', errors);
  return errors;
}
