/**
 * Located problems found while reading an inventory. Every problem has a stable code, a message and the
 * place it refers to (`edges[17].target`), prefixed with the file name when several files are read.
 */

export const ISSUE_CODES = {
  /** Fatal: the input is not JSON. */
  INVALID_JSON: 'INVALID_JSON',
  /** Fatal: the document is not a Pathlight inventory (wrong shape, format or version). */
  NOT_AN_INVENTORY: 'NOT_AN_INVENTORY',
  UNSUPPORTED_VERSION: 'UNSUPPORTED_VERSION',
  /** Fatal: an element cannot be read (missing id, source, target or kind; wrong types). */
  INVALID_NODE: 'INVALID_NODE',
  INVALID_EDGE: 'INVALID_EDGE',
  /** Warnings (section 1 of the spec). */
  DUPLICATE_NODE_ID: 'DUPLICATE_NODE_ID',
  DUPLICATE_EDGE_ID: 'DUPLICATE_EDGE_ID',
  MISSING_ENDPOINT: 'MISSING_ENDPOINT',
  UNKNOWN_NODE_KIND: 'UNKNOWN_NODE_KIND',
  UNKNOWN_EDGE_KIND: 'UNKNOWN_EDGE_KIND',
  /** Warning: a well-known field holds a value the analysis cannot use; it is kept but ignored. */
  INVALID_FIELD: 'INVALID_FIELD',
  /** Warning: a has_permission edge whose actions grant nothing. */
  PERMISSION_GRANTS_NOTHING: 'PERMISSION_GRANTS_NOTHING',
  /** Fatal: JSON nested deeper than the reader accepts (`MAX_JSON_DEPTH`). */
  NESTING_TOO_DEEP: 'NESTING_TOO_DEEP',
  /** Warnings: what the reading changed (src/model/json-text.ts). Invalid UTF-8/UTF-16 replaced by U+FFFD. */
  INVALID_ENCODING: 'INVALID_ENCODING',
  /** A key given twice in one object: JSON keeps the last. */
  DUPLICATE_KEY: 'DUPLICATE_KEY',
  /** A number out of range (`1e999`) or past 2^53, read as another value. */
  NUMBER_CHANGED: 'NUMBER_CHANGED',
  /** A lone UTF-16 surrogate, replaced by U+FFFD. */
  INVALID_STRING: 'INVALID_STRING',
  /** Importers: a secret span was cut out of a kept string (the warning names the field, never the value). */
  SECRET_REDACTED: 'SECRET_REDACTED',
  /** Importers: an input edge repeated exactly (same ends, kind and properties); kept once. */
  DUPLICATE_EDGE: 'DUPLICATE_EDGE',
  /** Importers: two descriptions of the same account or resource (same id or join key) became one node. */
  NODES_MERGED: 'NODES_MERGED',
} as const;

export type IssueCode = (typeof ISSUE_CODES)[keyof typeof ISSUE_CODES];

export interface InventoryIssue {
  readonly code: IssueCode;
  readonly message: string;
  /** Where in the input: `nodes[3].id`, `edges[17].target`, or `$` for the whole document. */
  readonly at: string;
  readonly severity: 'error' | 'warning';
  /** The file it came from, when known. */
  readonly file?: string;
}

/** Renders an issue as one line: `file.json: edges[17].target: no node "ds:x"`. */
export function formatIssue(issue: InventoryIssue): string {
  const place = issue.at === '$' ? '' : `${issue.at}: `;
  return `${issue.file ? `${issue.file}: ` : ''}${place}${issue.message}`;
}

/** Quotes untrusted text for messages: JSON-escaped and cut to a readable length. */
export function quote(value: unknown, max = 80): string {
  let text: string;
  try {
    text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  if (text.length > max) text = `${text.slice(0, max)}…`;
  return JSON.stringify(text);
}
