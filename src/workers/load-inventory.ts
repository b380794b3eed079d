/**
 * Reading, validating, building and analysing an inventory. Runs inside the analysis worker, and on the
 * main thread as a fallback when workers are unavailable; the same pure code either way.
 */
import { RULES, buildGraph, evaluateRules, summarizeAiNodes } from '../graph/index.ts';
import type { Finding } from '../graph/index.ts';
import { importInventories } from '../import/index.ts';

import { SourceFetchError, checkSourceUrl, fetchSource } from '../lib/live-url.ts';

import type { LoadProgress, LoadResult, LoadSource, Problem } from './analysis-protocol.ts';

type ProgressFn = (p: LoadProgress) => void;

const now = (): number => performance.now();

/** Reads a file's bytes with progress; decoding (BOMs, UTF-16, invalid UTF-8 reported) is the importer's. */
async function readStream(
  body: ReadableStream<Uint8Array>,
  base: number,
  grandTotal: number | undefined,
  onProgress: ProgressFn,
): Promise<Uint8Array> {
  const reader = body.getReader();
  const parts: Uint8Array[] = [];
  let loaded = 0;
  let lastReport = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    loaded += value.byteLength;
    parts.push(value);
    if (loaded - lastReport > 256 * 1024) {
      lastReport = loaded;
      onProgress({ stage: 'reading', loaded: base + loaded, ...(grandTotal ? { total: grandTotal } : {}) });
    }
  }
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(loaded);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

function labelOf(source: LoadSource): string {
  if (source.kind === 'url') {
    const tail = source.url.split(/[?#]/)[0]!.split('/').filter(Boolean).pop();
    return tail ?? source.url;
  }
  const names = source.kind === 'files' ? source.files.map((f) => f.name) : source.texts.map((t) => t.file);
  return names.length <= 2 ? names.join(' + ') : `${names[0]} + ${names.length - 1} more`;
}

type SourceFile = { file: string; text?: string; bytes?: Uint8Array };

async function readSource(source: LoadSource, onProgress: ProgressFn): Promise<SourceFile[]> {
  if (source.kind === 'texts') return source.texts.map((t) => ({ file: t.file, text: t.text }));
  if (source.kind === 'files') {
    const grandTotal = source.files.reduce((s, f) => s + f.size, 0);
    const out: SourceFile[] = [];
    let base = 0;
    for (const f of source.files) {
      onProgress({ stage: 'reading', loaded: base, total: grandTotal });
      // Bytes, like the CLI: the importers decode them (BOMs, UTF-16LE/BE, zips, invalid UTF-8 reported).
      const bytes = typeof f.stream === 'function' ? await readStream(f.stream(), base, grandTotal, onProgress) : new Uint8Array(await f.arrayBuffer());
      out.push({ file: f.name, bytes });
      base += f.size;
    }
    onProgress({ stage: 'reading', loaded: grandTotal, total: grandTotal });
    return out;
  }
  onProgress({ stage: 'reading', loaded: 0 });
  // `?source=`: the same URL check as the Connect dialog, no redirects, the byte cap counted as it arrives.
  const check = checkSourceUrl(source.url, self.location.protocol, self.location.href);
  if (!check.ok) throw new Error(`${source.url.slice(0, 200)} cannot be loaded: ${check.message}`);
  const response = await fetchSource(check.url, { onProgress: (loaded, total) => onProgress({ stage: 'reading', loaded, ...(total ? { total } : {}) }) }).catch(
    (err: unknown) => {
      throw new Error(`could not load ${source.url.slice(0, 200)}: ${err instanceof SourceFetchError ? err.message : String(err)}`);
    },
  );
  if (!response.ok) throw new Error(`could not load ${source.url.slice(0, 200)}: HTTP ${response.status} ${response.statusText}`.trim());
  return [{ file: labelOf(source), bytes: response.bytes }];
}

/** Loads and analyses one or several inventory files (merged into one graph). */
export async function loadInventory(source: LoadSource, onProgress: ProgressFn, ranInWorker: boolean): Promise<LoadResult> {
  const label = labelOf(source);
  const t0 = now();
  let texts: SourceFile[];
  try {
    texts = await readSource(source, onProgress);
  } catch (err) {
    const problem: Problem = {
      code: 'LOAD_FAILED',
      severity: 'error',
      at: '$',
      message: err instanceof Error ? err.message : String(err),
      file: label,
    };
    return { ok: false, label, problems: [problem], ranInWorker };
  }
  const t1 = now();
  onProgress({ stage: 'parsing' });
  // Every format the importers know (Pathlight, OpenGraph, AWS IAM, MCP configs, …), merged into one inventory.
  const parsed = importInventories(texts);
  const t2 = now();
  if (!parsed.ok) return { ok: false, label, problems: [...parsed.errors, ...parsed.warnings], ranInWorker };
  onProgress({ stage: 'building' });
  const graph = buildGraph(parsed.inventory);
  const t3 = now();
  onProgress({ stage: 'analysing' });
  const summaries = summarizeAiNodes(graph);
  let findings: Finding[] = [];
  let findingsError: string | undefined;
  const analysedAt = Date.now();
  try {
    findings = evaluateRules({ graph, mode: 'strict', now: analysedAt, verifyCuts: true });
  } catch (err) {
    findingsError = err instanceof Error ? err.message : String(err);
  }
  const t4 = now();
  return {
    ok: true,
    label,
    inventory: parsed.inventory,
    summaries,
    findings,
    rulesEvaluated: RULES.length,
    ...(findingsError !== undefined ? { findingsError } : {}),
    analysedAt,
    reports: parsed.reports,
    timings: { readMs: t1 - t0, parseMs: t2 - t1, buildMs: t3 - t2, analyseMs: t4 - t3 },
    ranInWorker,
  };
}
