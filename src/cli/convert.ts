/**
 * `pathlight convert FILE... --to pathlight|opengraph [--out FILE]`: imports any supported files and writes
 * one Pathlight inventory, or a BloodHound OpenGraph payload plus its extension schema.
 * Also home of the file reading shared with `analyze` (text or bytes, size limit, zip aware).
 */
import { readFile, stat, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';

import { toOpenGraph } from '../import/export-opengraph.ts';
import { toPathlightDocument } from '../import/export-pathlight.ts';
import { setFingerprintKey } from '../import/fingerprint.ts';
import { importInventories } from '../import/index.ts';
import type { ImportInput, ImportReport, SourcePosition } from '../import/index.ts';
import { formatIssue } from '../model/issues.ts';
import type { Inventory } from '../model/types.ts';

import { UsageError, oneOf, parseArgs } from './args.ts';

export interface ConvertIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

/** Largest file read (bytes). */
const MAX_FILE_BYTES = 512 * 1024 * 1024;

/** A file that cannot be read or imported; the CLI prints its message and exits 2. */
export class ImportInputError extends Error {}

/** The name each file is imported under (its base name when several files have distinct ones) → its path. */
export function importNames(files: readonly string[]): Map<string, string> {
  const unique = files.length > 1 && new Set(files.map((f) => basename(f))).size === files.length;
  return new Map(files.map((f) => [unique ? basename(f) : f, f]));
}

/** Reads files as bytes for `importInventories`, naming them by base name when that is unambiguous. */
export async function readImportInputs(files: readonly string[]): Promise<ImportInput[]> {
  const unique = files.length > 1 && new Set(files.map((f) => basename(f))).size === files.length;
  const inputs: ImportInput[] = [];
  for (const file of files) {
    let bytes: Uint8Array;
    try {
      const info = await stat(file);
      if (info.isDirectory()) throw new ImportInputError(`${file}: is a directory, not an inventory file`);
      if (info.size > MAX_FILE_BYTES) throw new ImportInputError(`${file}: ${(info.size / 1048576).toFixed(0)} MB is larger than the ${MAX_FILE_BYTES / 1048576} MB limit`);
      bytes = new Uint8Array(await readFile(file));
    } catch (err) {
      if (err instanceof ImportInputError) throw err;
      const code = (err as NodeJS.ErrnoException).code;
      const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (err as Error).message;
      throw new ImportInputError(`${file}: cannot read: ${why}`);
    }
    inputs.push({ file: unique ? basename(file) : file, bytes });
  }
  return inputs;
}

/** Reads and imports files (any supported format) into one inventory, or throws ImportInputError. */
export async function importFiles(files: readonly string[]): Promise<{ inventory: Inventory; reports: ImportReport[]; positions: ReadonlyMap<string, SourcePosition> }> {
  // Secret fingerprints are keyed: random per run, or this installation's key so they stay comparable across runs
  const key = process.env.PATHLIGHT_FINGERPRINT_KEY;
  if (key !== undefined && key !== '') setFingerprintKey(key);
  const result = importInventories(await readImportInputs(files));
  if (!result.ok) {
    const [first, ...rest] = result.errors;
    const more = rest.length > 0 ? ` (and ${rest.length} more error${rest.length > 1 ? 's' : ''})` : '';
    throw new ImportInputError(`${first ? formatIssue(first) : 'nothing could be imported'}${more}`);
  }
  return { inventory: result.inventory, reports: result.reports, positions: result.positions };
}

export async function convertCommand(argv: readonly string[], io: ConvertIo): Promise<number> {
  try {
    const args = parseArgs(['convert', ...argv], new Set(['to', 'out']), new Set(['help']));
    if (args.options.has('help')) {
      io.stdout('Usage: pathlight convert FILE... --to pathlight|opengraph [--out FILE]\n');
      return 0;
    }
    const to = oneOf(args, 'to', ['pathlight', 'opengraph'] as const, 'pathlight');
    const out = args.options.get('out');
    if (out === true) throw new UsageError('--out needs a file name');
    if (args.positionals.length === 0) throw new UsageError('convert needs at least one FILE');
    const { inventory, reports } = await importFiles(args.positionals);
    for (const r of reports) {
      const groups = r.warningGroups ?? [];
      const total = groups.reduce((n, g) => n + g.count, 0) || r.warnings.length;
      const byCode = groups.length > 0 ? ` (${groups.map((g) => `${g.code} ×${g.count}`).join(', ')})` : '';
      io.stderr(`${r.file}: ${r.format}, ${r.nodes} nodes, ${r.edges} edges${total > 0 ? `, ${total} warning${total > 1 ? 's' : ''}${byCode}` : ''}\n`);
    }
    if (to === 'pathlight') {
      const text = `${JSON.stringify(toPathlightDocument(inventory), null, 2)}\n`;
      if (out === undefined) io.stdout(text);
      else await writeFile(out, text);
    } else {
      const og = toOpenGraph(inventory);
      const payload = `${JSON.stringify(og.payload, null, 2)}\n`;
      const schema = `${JSON.stringify(og.schema, null, 2)}\n`;
      if (out === undefined) io.stdout(payload);
      else {
        const schemaFile = out.replace(/(\.json)?$/i, '.schema.json');
        await writeFile(out, payload);
        await writeFile(schemaFile, schema);
        io.stderr(`wrote ${out} and the extension schema ${schemaFile}\n`);
      }
    }
    return 0;
  } catch (err) {
    if (err instanceof UsageError || err instanceof ImportInputError) {
      io.stderr(`pathlight: ${err.message}\n`);
      return 2;
    }
    io.stderr(`pathlight: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
    return 2;
  }
}
