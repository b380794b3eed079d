/**
 * Line and column of every imported element in the file it came from, computed once at import time from the
 * JSON pointer the importers already record (`provenance: "file#/pointer"`, or a Pathlight inventory's
 * `nodes[3]`), with the one shared locator in model/json-locate.ts.
 *
 * Converted elements keep theirs in `provenanceLine` / `provenanceColumn` (beside `provenance`, so
 * `pathlight convert` carries them on); `importPositions` also returns a map by element place (`at`) that
 * covers Pathlight-format inputs, whose fields are the user's and are not touched.
 */
import { locateJsonPointers } from '../model/json-locate.ts';
import type { Inventory } from '../model/types.ts';

export interface SourcePosition {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** Splits `file#/pointer` where `file` is one of the known files (names may contain `#`). */
function splitRef(ref: string, files: ReadonlyMap<string, string>): [string, string] | null {
  for (let h = ref.indexOf('#'); h >= 0; h = ref.indexOf('#', h + 1)) {
    const file = ref.slice(0, h);
    if (files.has(file)) return [file, ref.slice(h + 1)];
  }
  return null;
}

/** `nodes[3]` / `edges[12]` (an inventory element's place) → `/nodes/3`. */
function placeToPointer(place: string): string | null {
  const m = /^(nodes|edges)\[(\d+)\]$/.exec(place);
  return m ? `/${m[1]}/${m[2]}` : null;
}

/**
 * Writes `provenanceLine` / `provenanceColumn` onto converted node and edge records whose `provenance` points
 * into one of `texts` (file → the JSON text that was parsed).
 */
export function annotateProvenance(records: Iterable<Record<string, unknown>>, texts: ReadonlyMap<string, string>): void {
  const byFile = new Map<string, { pointer: string; rec: Record<string, unknown> }[]>();
  for (const rec of records) {
    const prov = rec.provenance;
    if (typeof prov !== 'string') continue;
    const split = splitRef(prov, texts);
    if (!split) continue;
    let list = byFile.get(split[0]);
    if (!list) byFile.set(split[0], (list = []));
    list.push({ pointer: split[1], rec });
  }
  for (const [file, list] of byFile) {
    const places = locateJsonPointers(texts.get(file)!, list.map((x) => x.pointer));
    for (const { pointer, rec } of list) {
      const p = places.get(pointer);
      if (!p) continue;
      rec.provenanceLine = p.line;
      rec.provenanceColumn = p.column;
    }
  }
}

/**
 * Element place (`at`) → where it is in a source file: converted elements from their provenance line, elements
 * of Pathlight-format inputs located in their own file.
 */
export function importPositions(inventory: Inventory, texts: ReadonlyMap<string, string>, pathlightFiles: readonly string[]): Map<string, SourcePosition> {
  const out = new Map<string, SourcePosition>();
  const wanted = new Map<string, { at: string; pointer: string }[]>();
  const onlyFile = inventory.meta.files.length === 1 ? inventory.meta.files[0] : undefined;
  for (const el of [...inventory.nodes, ...inventory.edges]) {
    const f = el.fields;
    if (typeof f.provenance === 'string' && typeof f.provenanceLine === 'number') {
      const split = splitRef(f.provenance, texts);
      const file = split ? split[0] : f.provenance.slice(0, Math.max(0, f.provenance.indexOf('#')));
      if (file) out.set(el.at, { file, line: f.provenanceLine, column: typeof f.provenanceColumn === 'number' ? f.provenanceColumn : 1 });
      continue;
    }
    const hash = el.at.lastIndexOf('#');
    const file = hash >= 0 ? el.at.slice(0, hash) : onlyFile;
    const pointer = placeToPointer(hash >= 0 ? el.at.slice(hash + 1) : el.at);
    if (file === undefined || pointer === null || !pathlightFiles.includes(file) || !texts.has(file)) continue;
    let list = wanted.get(file);
    if (!list) wanted.set(file, (list = []));
    list.push({ at: el.at, pointer });
  }
  for (const [file, list] of wanted) {
    const places = locateJsonPointers(texts.get(file)!, list.map((x) => x.pointer));
    for (const { at, pointer } of list) {
      const p = places.get(pointer);
      if (p) out.set(at, { file, line: p.line, column: p.column });
    }
  }
  return out;
}
