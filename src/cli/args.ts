/** Command-line parsing for `pathlight`: small, strict, and with messages that say what is wrong. */

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface ParsedArgs {
  readonly command: string | undefined;
  readonly positionals: string[];
  readonly options: Map<string, string | true>;
  /** Every value of a repeatable option (`--cut a --cut b`), in order. */
  readonly repeated: Map<string, string[]>;
}

/**
 * Splits argv into a command, positionals and `--name value` / `--name=value` options. `valueOptions`
 * names the options that take a value; any other `--flag` is boolean.
 */
export function parseArgs(argv: readonly string[], valueOptions: ReadonlySet<string>, flagOptions: ReadonlySet<string>, repeatable: ReadonlySet<string> = new Set()): ParsedArgs {
  const positionals: string[] = [];
  const options = new Map<string, string | true>();
  const repeated = new Map<string, string[]>();
  let command: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg.startsWith('--') || (arg.startsWith('-') && arg.length === 2)) {
      const long = arg === '-h' ? '--help' : arg === '-V' ? '--version' : arg;
      const eq = long.indexOf('=');
      const name = (eq >= 0 ? long.slice(2, eq) : long.slice(2)) || long;
      if (valueOptions.has(name)) {
        const value = eq >= 0 ? long.slice(eq + 1) : argv[++i];
        if (value === undefined || (eq < 0 && value.startsWith('--'))) throw new UsageError(`--${name} needs a value`);
        if (options.has(name) && name !== 'from' && !repeatable.has(name)) throw new UsageError(`--${name} given twice`);
        options.set(name, value);
        if (repeatable.has(name)) repeated.set(name, [...(repeated.get(name) ?? []), value]);
      } else if (flagOptions.has(name)) {
        options.set(name, true);
      } else {
        throw new UsageError(`unknown option ${arg}`);
      }
    } else if (command === undefined) {
      command = arg;
    } else {
      positionals.push(arg);
    }
  }
  return { command, positionals, options, repeated };
}

/** Reads an option constrained to a set of words. */
export function oneOf<T extends string>(args: ParsedArgs, name: string, allowed: readonly T[], fallback: T): T {
  const value = args.options.get(name);
  if (value === undefined) return fallback;
  if (value === true || !(allowed as readonly string[]).includes(value)) {
    throw new UsageError(`--${name} must be one of ${allowed.join(', ')} (got ${JSON.stringify(value)})`);
  }
  return value as T;
}

/** Reads a non-negative integer option. */
export function nonNegativeInt(args: ParsedArgs, name: string): number | undefined {
  const value = args.options.get(name);
  if (value === undefined) return undefined;
  if (value === true || !/^\d+$/.test(value)) throw new UsageError(`--${name} must be a whole number ≥ 0 (got ${JSON.stringify(value)})`);
  return Number(value);
}
