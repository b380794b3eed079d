/**
 * Importers: real exports in, one Pathlight inventory out. Pure (no DOM, no Node APIs): it takes text or
 * bytes, so the CLI and the browser worker share it.
 *
 * Pathlight-format files go straight to `parseInventories`. Every other format is converted to a Pathlight
 * v1 document (with `provenance` = `file#/json/pointer` on every node and edge), the converted documents are
 * merged by stable keys (see merge.ts), and everything goes through `parseInventories` together so
 * validation and edge ids are shared.
 */
import { unzipSync } from 'fflate';

import { ISSUE_CODES } from '../model/issues.ts';
import type { InventoryIssue } from '../model/issues.ts';
import { decodeBytes } from '../model/json-text.ts';
import type { DecodedText } from '../model/json-text.ts';
import { parseInventories, parseJsonText } from '../model/parse-inventory.ts';
import type { Inventory } from '../model/types.ts';

import { importAgentHound, isAgentHound } from './agenthound.ts';
import { importMcpRegistryServer, isMcpRegistryServer } from './registry.ts';
import { importA2aCard, importServerCard, isA2aCard, isMcpServerCard } from './cards.ts';
import { DocBuilder, groupWarnings } from './builder.ts';
import type { FormatId, ImportReport } from './builder.ts';
import { importCycloneDx, isCycloneDx } from './cyclonedx.ts';
import { collectManagedPolicies, importAwsAuthDetails, importAwsResources, isAwsAuthDetails, isAwsResources } from './aws.ts';
import type { ManagedPolicies } from './aws.ts';
import { importAzureHound, importSharpHound, isAzureHound, isSharpHound } from './bloodhound-legacy.ts';
import { importMcpConfig, importMcpScan, isMcpConfig, isMcpScan } from './mcp.ts';
import { inferFacts } from './infer.ts';
import { mergeBuilders } from './merge.ts';
import { annotateProvenance, importPositions } from './positions.ts';
import type { SourcePosition } from './positions.ts';
import { parseToml } from './toml.ts';
import { importOkta, isOkta } from './okta.ts';
import { importOpenGraph, isOpenGraph, isOpenGraphSchema, readSchema } from './opengraph.ts';
import type { TraversalTable } from './opengraph.ts';
import { expandAwsPatterns } from './patterns.ts';
import { scrubElements, scrubMessage } from './scrub.ts';
import { arr, isObj, own, stripJsonComments } from './util.ts';

export type { FormatId, ImportReport } from './builder.ts';
export type { SourcePosition } from './positions.ts';

/** Human names of the formats, for messages and the UI. */
export const FORMAT_NAMES: Readonly<Record<FormatId, string>> = {
  pathlight: 'Pathlight inventory v1',
  opengraph: 'BloodHound OpenGraph payload (.json or .zip)',
  'opengraph-schema': 'BloodHound OpenGraph extension schema',
  'aws-iam': 'AWS IAM get-account-authorization-details',
  'aws-resources': 'AWS CLI resource output (s3 list-buckets, secretsmanager list-secrets, lambda list-functions, ec2 describe-instances, rds, redshift, resource policies, credential report)',
  'mcp-config': 'MCP client config (Claude Desktop, Claude Code, Cursor, VS Code, Windsurf, Gemini, Codex TOML, gateways)',
  'mcp-scan': 'Snyk Agent Scan / mcp-scan --json report',
  'mcp-server-card': 'MCP server card or tool manifest',
  'mcp-registry': 'MCP Registry server.json',
  agenthound: 'AgentHound ingest JSON',
  'a2a-card': 'A2A agent card',
  cyclonedx: 'CycloneDX BOM (ML-BOM, SaaSBOM)',
  okta: 'Okta Management API export',
  sharphound: 'SharpHound JSON',
  azurehound: 'AzureHound JSON',
};

/** Recognises a file's format from its parsed JSON (the file name only breaks ties). */
export function detectFormat(file: string, json: unknown): FormatId | null {
  if (isObj(json) && own(json, 'format') === 'pathlight-inventory') return 'pathlight';
  if (isAgentHound(json)) return 'agenthound';
  if (isOpenGraph(json)) return 'opengraph';
  if (isOpenGraphSchema(json)) return 'opengraph-schema';
  if (isAwsAuthDetails(json)) return 'aws-iam';
  if (isCycloneDx(json)) return 'cyclonedx';
  if (isAzureHound(json)) return 'azurehound';
  if (isSharpHound(json)) return 'sharphound';
  if (isMcpConfig(json)) return 'mcp-config';
  if (isMcpScan(json)) return 'mcp-scan';
  if (isMcpRegistryServer(json)) return 'mcp-registry';
  if (isA2aCard(json)) return 'a2a-card';
  if (isMcpServerCard(json)) return 'mcp-server-card';
  if (isAwsResources(json)) return 'aws-resources';
  if (isOkta(file, json)) return 'okta';
  return null;
}

/** The keys each format is recognised by, for telling a user which format an unknown file is closest to. */
const SIGNATURES: readonly [FormatId, readonly string[]][] = [
  ['pathlight', ['format', 'version', 'nodes', 'edges']],
  ['opengraph', ['graph', 'graph.nodes', 'graph.edges', 'metadata']],
  ['agenthound', ['meta', 'meta.type', 'graph', 'graph.nodes', 'graph.edges']],
  ['aws-iam', ['UserDetailList', 'GroupDetailList', 'RoleDetailList', 'Policies']],
  ['cyclonedx', ['bomFormat', 'specVersion', 'components', 'services', 'dependencies']],
  ['mcp-config', ['mcpServers', 'servers', 'mcp', 'mcp_servers', 'context_servers', 'augment.advanced', 'projects', 'inputs']],
  ['mcp-scan', ['path', 'client', 'servers', 'issues', 'labels']],
  ['mcp-registry', ['$schema', 'name', 'version', 'packages', 'remotes']],
  ['mcp-server-card', ['name', 'tools', 'transport', 'authentication']],
  ['a2a-card', ['name', 'skills', 'url', 'supportedInterfaces', 'capabilities', 'securitySchemes']],
  ['sharphound', ['data', 'meta', 'meta.type', 'meta.version']],
  ['azurehound', ['data', 'meta', 'meta.type']],
  ['opengraph-schema', ['schema', 'node_kinds', 'relationship_kinds']],
];

function hasPath(json: unknown, path: string): boolean {
  if (own(json, path) !== undefined) return true;
  const [head, ...rest] = path.split('.');
  return rest.length > 0 && hasPath(own(json, head!), rest.join('.'));
}

/** One sentence naming the closest known format and why the file is not it. */
export function closestFormat(json: unknown): string {
  if (Array.isArray(json)) {
    return `It is a list of ${json.length} item(s); the list formats Pathlight reads are Okta Management API responses (objects with "id" and "profile"/"status"/"type") and mcp-scan reports (objects with "path" and "servers").`;
  }
  if (!isObj(json)) return `It is a JSON ${json === null ? 'null' : typeof json}, not an object.`;
  let best: { format: FormatId; present: string[]; missing: string[]; score: number } | undefined;
  for (const [format, keys] of SIGNATURES) {
    const present = keys.filter((k) => hasPath(json, k));
    const score = present.length / keys.length;
    if (present.length > 0 && (!best || score > best.score)) best = { format, present, missing: keys.filter((k) => !present.includes(k)), score };
  }
  if (!best) return `None of its top-level keys (${Object.keys(json).slice(0, 8).map((k) => JSON.stringify(k)).join(', ') || 'none'}) belongs to a known format.`;
  let why = best.missing.length > 0 ? `it lacks ${best.missing.map((k) => `"${k}"`).join(', ')}` : 'the values under those keys do not have the expected shape';
  if (best.format === 'opengraph' || best.format === 'agenthound') {
    const e = arr(own(own(json, 'graph'), 'edges'))[0];
    if (isObj(e) && own(e, 'start') === undefined && own(e, 'source') === undefined) why = 'its edges have neither "start"/"end" matchers (OpenGraph) nor "source"/"target" (AgentHound)';
  }
  return `Closest: ${FORMAT_NAMES[best.format].replace(/ \(.*\)$/, '')}: it has ${best.present.map((k) => `"${k}"`).join(', ')} but ${why}.`;
}

export interface ImportInput {
  readonly file: string;
  readonly text?: string;
  readonly bytes?: Uint8Array;
}

export type ImportResult =
  | {
      readonly ok: true;
      readonly inventory: Inventory;
      readonly reports: ImportReport[];
      /** Element place (`at`) → file, line and column it was read from, where known (see positions.ts). */
      readonly positions: ReadonlyMap<string, SourcePosition>;
    }
  | { readonly ok: false; readonly errors: InventoryIssue[]; readonly warnings: InventoryIssue[] };

/** Largest total size unpacked from one zip (bytes); a zip bomb is refused, not inflated. */
const MAX_UNZIPPED = 512 * 1024 * 1024;

interface Entry {
  file: string;
  json: unknown;
  /** The JSON text that parsed (comments blanked), for line and column of elements; absent for TOML. */
  text?: string;
  /** What the reading changed (encoding, duplicate keys, numbers), reported with the file's warnings. */
  textWarnings?: readonly InventoryIssue[];
}

function textIssues(file: string, parsed: ReturnType<typeof parseJsonText>): InventoryIssue[] {
  return parsed.ok ? parsed.warnings.map((w) => ({ code: ISSUE_CODES[w.code], at: w.at, message: w.message, severity: 'warning' as const, file })) : [];
}

function jsonError(file: string, parsed: Extract<ReturnType<typeof parseJsonText>, { ok: false }>): InventoryIssue {
  return issue(file, parsed.at === '$' ? ISSUE_CODES.INVALID_JSON : ISSUE_CODES.NESTING_TOO_DEEP, parsed.at, parsed.message);
}

function issue(file: string, code: InventoryIssue['code'], at: string, message: string): InventoryIssue {
  return { code, at, message, severity: 'error', file };
}

function isZip(bytes: Uint8Array | undefined, file: string): boolean {
  if (bytes && bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5)) return true;
  return /\.zip$/i.test(file) && bytes !== undefined;
}

/** UTF-8 by default; UTF-16 by its byte-order mark (PowerShell 5 redirects write UTF-16LE); see decodeBytes. */
function decodeText(bytes: Uint8Array): DecodedText {
  return decodeBytes(bytes);
}

/**
 * JSON, or failing that JSON with comments and trailing commas (VS Code style) unless it is a Pathlight
 * inventory, which must be strict JSON; errors name the original place.
 */
function parseWithComments(text: string, decoded?: DecodedText): ReturnType<typeof parseJsonText> & { text: string } {
  const parsed = parseJsonText(text, decoded);
  if (parsed.ok || !/\/\/|\/\*|,\s*[}\]]/.test(text)) return { ...parsed, text };
  // Comments become spaces, so an error in what is left still names the right line and column.
  const stripped = stripJsonComments(text);
  const lenient = parseJsonText(stripped, decoded);
  // A Pathlight inventory is strict JSON: leniency is for hand-edited client configs (VS Code, Cursor, Zed).
  const v = lenient.ok ? lenient.value : undefined;
  if (v && typeof v === 'object' && (v as Record<string, unknown>).format === 'pathlight-inventory') return { ...parsed, text };
  return { ...lenient, text: stripped };
}

/** Reads inputs into parsed JSON entries; a zip becomes one entry per `.json` member (`file.zip/member.json`). */
function readEntries(inputs: readonly ImportInput[], errors: InventoryIssue[]): Entry[] {
  const out: Entry[] = [];
  for (const input of inputs) {
    if (isZip(input.bytes, input.file)) {
      let files: Record<string, Uint8Array>;
      try {
        let total = 0;
        files = unzipSync(input.bytes!, {
          filter: (f) => {
            total += f.originalSize;
            return /\.json$/i.test(f.name) && !f.name.startsWith('__MACOSX/') && total <= MAX_UNZIPPED;
          },
        });
        if (total > MAX_UNZIPPED) {
          errors.push(issue(input.file, ISSUE_CODES.INVALID_JSON, '$', `zip unpacks to more than ${MAX_UNZIPPED / 1048576} MB; refused`));
          continue;
        }
      } catch (err) {
        errors.push(issue(input.file, ISSUE_CODES.INVALID_JSON, '$', `not a readable zip file (${err instanceof Error ? err.message : String(err)})`));
        continue;
      }
      const names = Object.keys(files).sort();
      if (names.length === 0) errors.push(issue(input.file, ISSUE_CODES.NOT_AN_INVENTORY, '$', 'zip holds no .json files'));
      for (const name of names) {
        if (/\.zip$/i.test(name)) continue;
        const member = `${input.file}/${name}`;
        const decoded = decodeText(files[name]!);
        const parsed = parseWithComments(decoded.text, decoded);
        if (!parsed.ok) errors.push(jsonError(member, parsed));
        else out.push({ file: member, json: parsed.value, text: parsed.text, textWarnings: textIssues(member, parsed) });
      }
      continue;
    }
    let text = input.text;
    const decoded = text === undefined && input.bytes !== undefined ? decodeText(input.bytes) : undefined;
    if (decoded) text = decoded.text;
    if (text === undefined) {
      errors.push(issue(input.file, ISSUE_CODES.INVALID_JSON, '$', 'no content given'));
      continue;
    }
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (/\.toml$/i.test(input.file)) {
      // TOML client configs (Codex CLI); read into the same JSON shape the importers take
      try {
        out.push({ file: input.file, json: parseToml(text) });
      } catch (err) {
        errors.push(issue(input.file, ISSUE_CODES.INVALID_JSON, '$', `not valid TOML: ${err instanceof Error ? err.message : String(err)}`));
      }
      continue;
    }
    const parsed = parseWithComments(text, decoded);
    if (!parsed.ok) errors.push(jsonError(input.file, parsed));
    else out.push({ file: input.file, json: parsed.value, text: parsed.text, textWarnings: textIssues(input.file, parsed) });
  }
  return out;
}

function convert(entry: Entry, format: FormatId, b: DocBuilder, traversal: TraversalTable, policies: ManagedPolicies): void {
  switch (format) {
    case 'opengraph':
      importOpenGraph(entry.json, b, traversal);
      break;
    case 'opengraph-schema':
      break; // read beforehand into `traversal`
    case 'aws-iam':
      importAwsAuthDetails(entry.json, b, policies);
      break;
    case 'aws-resources':
      importAwsResources(entry.json, b);
      break;
    case 'mcp-config':
      importMcpConfig(entry.json, b);
      break;
    case 'mcp-scan':
      importMcpScan(entry.json, b);
      break;
    case 'mcp-server-card':
      importServerCard(entry.json, b);
      break;
    case 'mcp-registry':
      importMcpRegistryServer(entry.json, b);
      break;
    case 'agenthound':
      importAgentHound(entry.json, b, traversal);
      break;
    case 'a2a-card':
      importA2aCard(entry.json, b);
      break;
    case 'cyclonedx':
      importCycloneDx(entry.json, b);
      break;
    case 'okta':
      importOkta(entry.json, b);
      break;
    case 'sharphound':
      importSharpHound(entry.json, b);
      break;
    case 'azurehound':
      importAzureHound(entry.json, b);
      break;
    case 'pathlight':
      break;
  }
}

/**
 * Imports any mix of supported files into one inventory.
 *
 * @example importInventories([{ file: 'claude_desktop_config.json', text }, { file: 'authz.json', text }])
 */
export function importInventories(inputs: readonly ImportInput[]): ImportResult {
  const errors: InventoryIssue[] = [];
  const entries = readEntries(inputs, errors);
  const formats = entries.map((e) => detectFormat(e.file, e.json));
  entries.forEach((e, i) => {
    if (formats[i] === null) {
      if (isObj(e.json) && (typeof own(e.json, '$schema') === 'string' || own(e.json, 'type') === 'object') && isObj(own(e.json, 'properties')) && own(e.json, 'graph') === undefined) {
        errors.push(issue(e.file, ISSUE_CODES.NOT_AN_INVENTORY, '$', `this is a JSON Schema${typeof own(e.json, 'title') === 'string' ? ` (${String(own(e.json, 'title'))})` : ''}, not data; import the payload it describes instead`));
        return;
      }
      const known = Object.values(FORMAT_NAMES).map((n) => n.replace(/ \(.*\)$/, '')).join('; ');
      errors.push(issue(e.file, ISSUE_CODES.NOT_AN_INVENTORY, '$', `not a format Pathlight can import. ${closestFormat(e.json)} Known formats: ${known}`));
    }
  });
  if (errors.length > 0) return { ok: false, errors, warnings: [] };

  // Extension schemas first: they decide which OpenGraph edges are traversable.
  const traversal: TraversalTable = new Map();
  // Managed policies of every authorization-details file, so paged output (roles on one page, the policies
  // they attach on another) joins up.
  const policies: ManagedPolicies = new Map();
  entries.forEach((e, i) => {
    if (formats[i] === 'aws-iam') collectManagedPolicies(e.json, e.file, policies);
  });
  const builders: DocBuilder[] = [];
  const byEntry: (DocBuilder | undefined)[] = [];
  entries.forEach((e, i) => {
    if (formats[i] === 'opengraph-schema') {
      const b = new DocBuilder(e.file, 'opengraph-schema');
      readSchema(e.json, b, traversal);
      byEntry[i] = b;
    }
  });
  entries.forEach((e, i) => {
    const format = formats[i]!;
    if (format === 'pathlight' || format === 'opengraph-schema') return;
    const b = new DocBuilder(e.file, format);
    try {
      convert(e, format, b, traversal, policies);
    } catch (err) {
      b.error(ISSUE_CODES.NOT_AN_INVENTORY, '$', `could not be imported as ${FORMAT_NAMES[format]}: ${err instanceof Error ? err.message.slice(0, 200) : String(err)}`);
    }
    builders.push(b);
    byEntry[i] = b;
  });
  const convErrors = byEntry.flatMap((b) => b?.errors ?? []);
  if (convErrors.length > 0) return { ok: false, errors: convErrors, warnings: byEntry.flatMap((b) => b?.warnings ?? []) };

  expandAwsPatterns(builders);
  const merged = mergeBuilders(builders);
  inferFacts(merged); // sensitivity, crown jewels, capabilities the exports imply (infer.ts)
  const mergedByBuilder = new Map(merged.map((m) => [m.builder, m]));
  const texts = new Map<string, string>();
  for (const e of entries) if (e.text !== undefined) texts.set(e.file, e.text);
  annotateProvenance(merged.flatMap((m) => [...m.nodes, ...m.edges]), texts);

  const docs: { file: string; json: unknown }[] = [];
  entries.forEach((e, i) => {
    if (formats[i] === 'pathlight') docs.push({ file: e.file, json: e.json });
  });
  for (const m of merged) {
    docs.push({
      file: m.builder.file,
      json: { format: 'pathlight-inventory', version: 1, source: { name: m.builder.file, collector: `pathlight-import:${m.builder.format}` }, nodes: m.nodes, edges: m.edges },
    });
  }
  const secrets = new Set<string>();
  for (const b of builders) for (const v of b.secrets) secrets.add(v);
  const known = [...secrets];
  // Every string the importers kept is searched for secrets by value; only the secret span is cut out, and
  // each cut is a located warning naming the field (scrub.ts). Ids, edge ends and provenance are never touched.
  for (const m of merged) {
    const at = (el: Record<string, unknown>) => String(el.provenance ?? '').replace(/^[^#]*#/, '') || '$';
    scrubElements(m.nodes, known, m.builder, at);
    scrubElements(m.edges, known, m.builder, at);
  }
  for (const b of byEntry) {
    if (!b) continue;
    for (let i = 0; i < b.warnings.length; i++) {
      const w = b.warnings[i]!;
      const message = scrubMessage(w.message, known);
      if (message !== w.message) b.warnings[i] = { ...w, message };
    }
  }

  const result = docs.length > 0 ? parseInventories(docs) : parseInventories([{ file: 'empty', json: { format: 'pathlight-inventory', version: 1, nodes: [], edges: [] } }]);
  const importWarnings = [...entries.flatMap((e) => e.textWarnings ?? []), ...byEntry.flatMap((b) => b?.warnings ?? [])];
  if (!result.ok) return { ok: false, errors: [...result.errors], warnings: [...importWarnings, ...result.warnings] };

  const reports: ImportReport[] = entries.map((e, i) => {
    const format = formats[i]!;
    const b = byEntry[i];
    if (format === 'pathlight') {
      const parsedFile = result.inventory.meta.files.indexOf(e.file);
      const nodes = result.inventory.nodes.filter((n) => n.at.startsWith(`${e.file}#`) || (docs.length === 1 && parsedFile === 0)).length;
      const edges = result.inventory.edges.filter((n) => n.at.startsWith(`${e.file}#`) || (docs.length === 1 && parsedFile === 0)).length;
      const warnings = [...(e.textWarnings ?? []), ...result.inventory.warnings.filter((w) => w.file === e.file)];
      return { file: e.file, format, nodes, edges, warnings, warningGroups: groupWarnings(warnings) };
    }
    const m = b ? mergedByBuilder.get(b) : undefined;
    const warnings = [...(e.textWarnings ?? []), ...(b?.warnings ?? []), ...(m ? result.inventory.warnings.filter((w) => w.file === e.file) : [])];
    return {
      file: e.file,
      format,
      nodes: b ? b.nodes.size : 0,
      edges: b ? b.edges.length : 0,
      warnings,
      warningGroups: groupWarnings(warnings, b?.warningTotals),
      ...(b && b.edgesIn.size > 0 ? { edgesIn: Object.fromEntries([...b.edgesIn].sort((x, y) => x[0].localeCompare(y[0]))) } : {}),
    };
  });
  const inventory: Inventory = { ...result.inventory, warnings: [...importWarnings, ...result.inventory.warnings] };
  const pathlightFiles = entries.filter((_, i) => formats[i] === 'pathlight').map((e) => e.file);
  return { ok: true, inventory, reports, positions: importPositions(inventory, texts, pathlightFiles) };
}

