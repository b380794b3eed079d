/**
 * Curated catalog of well-known MCP servers and their tools, with capabilities per toxic-rules.md §3.4
 * (step 3), plus the keyword heuristic of step 4 (marked `confidence: low`) and the MCP ToolAnnotations
 * reading of step 2.
 */

export type Cap =
  | 'untrusted_content'
  | 'private_data'
  | 'external_send'
  | 'destructive'
  | 'financial'
  | 'code_exec'
  | 'file_read'
  | 'file_write'
  | 'network_fetch'
  | 'identity_admin';

export interface CatalogTool {
  readonly name: string;
  readonly caps: readonly Cap[];
}

export interface CatalogEntry {
  readonly id: string;
  readonly title: string;
  /** npm / PyPI / image names (without version) and remote URL hosts that identify the server. */
  readonly packages: readonly string[];
  readonly hosts?: readonly string[];
  /** Server names in configs that identify it when the package is not visible (e.g. a local checkout). */
  readonly names?: readonly string[];
  readonly tools: readonly CatalogTool[];
  /** The SaaS or data the server reaches, for a `reads`/`writes` edge. */
  readonly reaches?: { readonly id: string; readonly kind: 'saas_app' | 'data_store' | 'external'; readonly name: string };
}

const U: Cap = 'untrusted_content';
const P: Cap = 'private_data';
const S: Cap = 'external_send';
const D: Cap = 'destructive';
const X: Cap = 'code_exec';
const FR: Cap = 'file_read';
const FW: Cap = 'file_write';
const N: Cap = 'network_fetch';

const t = (name: string, ...caps: Cap[]): CatalogTool => ({ name, caps });

export const CATALOG: readonly CatalogEntry[] = [
  {
    id: 'github',
    title: 'GitHub',
    packages: ['@modelcontextprotocol/server-github', 'github/github-mcp-server', 'ghcr.io/github/github-mcp-server', 'github-mcp-server'],
    hosts: ['api.githubcopilot.com'],
    names: ['github'],
    reaches: { id: 'saas:github', kind: 'saas_app', name: 'GitHub' },
    tools: [
      t('search_repositories', U, P),
      t('get_file_contents', U, P),
      t('search_code', U, P),
      t('list_issues', U, P),
      t('get_issue', U, P),
      t('search_issues', U, P),
      t('list_pull_requests', U, P),
      t('get_pull_request', U, P),
      t('create_issue', S),
      t('add_issue_comment', S),
      t('create_pull_request', S),
      t('create_or_update_file', S, FW),
      t('push_files', S, FW),
      t('create_repository', S),
      t('create_branch', S),
      t('fork_repository', S),
      t('merge_pull_request', S, D),
    ],
  },
  {
    id: 'slack',
    title: 'Slack',
    packages: ['@modelcontextprotocol/server-slack', '@zencoderai/slack-mcp-server'],
    names: ['slack'],
    reaches: { id: 'saas:slack', kind: 'saas_app', name: 'Slack' },
    tools: [
      t('slack_list_channels', P),
      t('slack_get_channel_history', U, P),
      t('slack_get_thread_replies', U, P),
      t('slack_get_users', P),
      t('slack_get_user_profile', P),
      t('slack_post_message', S),
      t('slack_reply_to_thread', S),
      t('slack_add_reaction', S),
    ],
  },
  {
    id: 'fetch',
    title: 'Fetch',
    packages: ['mcp-server-fetch', '@modelcontextprotocol/server-fetch', '@kazuph/mcp-fetch', 'mcp/fetch'],
    names: ['fetch'],
    reaches: { id: 'external:internet', kind: 'external', name: 'The internet' },
    tools: [t('fetch', U, N, S)],
  },
  {
    id: 'filesystem',
    title: 'Filesystem',
    packages: ['@modelcontextprotocol/server-filesystem', 'mcp/filesystem'],
    names: ['filesystem'],
    tools: [
      t('read_file', P, FR),
      t('read_text_file', P, FR),
      t('read_media_file', P, FR),
      t('read_multiple_files', P, FR),
      t('list_directory', P, FR),
      t('directory_tree', P, FR),
      t('search_files', P, FR),
      t('get_file_info', FR),
      t('write_file', FW, D),
      t('edit_file', FW, D),
      t('create_directory', FW),
      t('move_file', FW, D),
    ],
  },
  {
    id: 'postgres',
    title: 'PostgreSQL',
    packages: ['@modelcontextprotocol/server-postgres', 'mcp/postgres', 'postgres-mcp', 'crystaldba/postgres-mcp'],
    names: ['postgres', 'postgresql'],
    tools: [t('query', P)],
  },
  {
    id: 'sqlite',
    title: 'SQLite',
    packages: ['mcp-server-sqlite', '@modelcontextprotocol/server-sqlite'],
    names: ['sqlite'],
    tools: [t('read_query', P), t('write_query', D), t('create_table', D), t('list_tables', P), t('describe_table', P)],
  },
  {
    id: 'puppeteer',
    title: 'Puppeteer',
    packages: ['@modelcontextprotocol/server-puppeteer', 'mcp/puppeteer'],
    names: ['puppeteer'],
    reaches: { id: 'external:internet', kind: 'external', name: 'The internet' },
    tools: [
      t('puppeteer_navigate', U, N, S),
      t('puppeteer_screenshot', U),
      t('puppeteer_click', S),
      t('puppeteer_fill', S),
      t('puppeteer_select', S),
      t('puppeteer_hover'),
      t('puppeteer_evaluate', X, U),
    ],
  },
  {
    id: 'playwright',
    title: 'Playwright',
    packages: ['@playwright/mcp', '@executeautomation/playwright-mcp-server', 'mcp/playwright'],
    names: ['playwright'],
    reaches: { id: 'external:internet', kind: 'external', name: 'The internet' },
    tools: [
      t('browser_navigate', U, N, S),
      t('browser_snapshot', U),
      t('browser_take_screenshot', U),
      t('browser_click', S),
      t('browser_type', S),
      t('browser_fill_form', S),
      t('browser_evaluate', X, U),
      t('browser_file_upload', FR, S),
      t('browser_network_requests', U),
      t('browser_tabs'),
    ],
  },
  {
    id: 'chrome-devtools',
    title: 'Chrome DevTools',
    packages: ['chrome-devtools-mcp'],
    names: ['chrome-devtools'],
    reaches: { id: 'external:internet', kind: 'external', name: 'The internet' },
    tools: [t('navigate_page', U, N, S), t('take_snapshot', U), t('evaluate_script', X, U), t('fill', S), t('click', S), t('list_network_requests', U)],
  },
  {
    id: 'gdrive',
    title: 'Google Drive',
    packages: ['@modelcontextprotocol/server-gdrive', '@isaacphi/mcp-gdrive'],
    names: ['gdrive', 'google-drive'],
    reaches: { id: 'saas:google-drive', kind: 'saas_app', name: 'Google Drive' },
    tools: [t('search', P, U), t('read_file', P, U), t('gdrive_search', P, U), t('gdrive_read_file', P, U)],
  },
  {
    id: 'brave-search',
    title: 'Brave Search',
    packages: ['@modelcontextprotocol/server-brave-search', '@brave/brave-search-mcp-server', 'mcp/brave-search'],
    names: ['brave-search', 'brave'],
    reaches: { id: 'external:internet', kind: 'external', name: 'The internet' },
    tools: [t('brave_web_search', U, N), t('brave_local_search', U, N)],
  },
  {
    id: 'memory',
    title: 'Knowledge-graph memory',
    packages: ['@modelcontextprotocol/server-memory', 'mcp/memory'],
    names: ['memory'],
    tools: [t('create_entities'), t('create_relations'), t('add_observations'), t('delete_entities', D), t('read_graph', P), t('search_nodes', P), t('open_nodes', P)],
  },
  {
    id: 'git',
    title: 'Git',
    packages: ['mcp-server-git', 'mcp/git'],
    names: ['git'],
    tools: [t('git_status', P, FR), t('git_diff', P, FR), t('git_log', P, FR), t('git_show', P, FR), t('git_commit', FW), t('git_add', FW), t('git_reset', D), t('git_checkout', FW)],
  },
  {
    id: 'everything',
    title: 'Everything (reference test server)',
    packages: ['@modelcontextprotocol/server-everything'],
    names: ['everything'],
    tools: [t('echo'), t('add'), t('longRunningOperation'), t('printEnv', P), t('sampleLLM'), t('getTinyImage'), t('annotatedMessage'), t('getResourceReference')],
  },
  {
    id: 'sequential-thinking',
    title: 'Sequential thinking',
    packages: ['@modelcontextprotocol/server-sequential-thinking'],
    names: ['sequential-thinking', 'sequentialthinking'],
    tools: [t('sequentialthinking')],
  },
  {
    id: 'time',
    title: 'Time',
    packages: ['mcp-server-time', 'mcp/time'],
    tools: [t('get_current_time'), t('convert_time')],
  },
  {
    id: 'notion',
    title: 'Notion',
    packages: ['@notionhq/notion-mcp-server'],
    hosts: ['mcp.notion.com'],
    names: ['notion'],
    reaches: { id: 'saas:notion', kind: 'saas_app', name: 'Notion' },
    tools: [t('search', P, U), t('fetch', P, U), t('create-pages', S), t('update-page', S)],
  },
  {
    id: 'desktop-commander',
    title: 'Desktop Commander',
    packages: ['@wonderwhy-er/desktop-commander'],
    names: ['desktop-commander'],
    tools: [t('execute_command', X), t('read_file', P, FR), t('write_file', FW, D), t('search_code', P, FR), t('kill_process', D)],
  },
  {
    id: 'gmail',
    title: 'Gmail',
    packages: ['@gongrzhe/server-gmail-autoauth-mcp', '@shinzolabs/gmail-mcp'],
    names: ['gmail'],
    reaches: { id: 'saas:gmail', kind: 'saas_app', name: 'Gmail' },
    tools: [t('search_emails', U, P), t('read_email', U, P), t('send_email', S), t('draft_email', S), t('delete_email', D)],
  },
];

/** Finds the catalog entry for a package name (version stripped), a remote host, or a server name. */
export function findCatalog(pkg: string | undefined, host: string | undefined, serverName: string): CatalogEntry | undefined {
  if (pkg) {
    const p = pkg.toLowerCase();
    const hit = CATALOG.find((e) => e.packages.some((x) => p === x || p.endsWith(`/${x}`)));
    if (hit) return hit;
  }
  if (host) {
    const hit = CATALOG.find((e) => e.hosts?.includes(host));
    if (hit) return hit;
  }
  const n = serverName.toLowerCase();
  return CATALOG.find((e) => e.names?.includes(n));
}

/** Keyword heuristic (toxic-rules §3.4 step 4): whole words of the tool's name and description. */
export function heuristicCaps(name: string, description = ''): Cap[] {
  const text = `${name} ${description}`.toLowerCase().replace(/[_\-./]/g, ' ');
  const has = (re: RegExp) => re.test(text);
  const caps = new Set<Cap>();
  if (has(/\b(exec|execute|run command|run_command|shell|eval|evaluate|terminal|bash|interpreter|run code|python)\b/)) caps.add('code_exec');
  if (has(/\b(delete|drop|destroy|remove|revoke|truncate|purge|kill|wipe)\b/)) caps.add('destructive');
  if (has(/\b(transfer|payment|pay|charge|purchase|refund|invoice|wire)\b/)) caps.add('financial');
  if (has(/\b(send|post|email|publish|comment|reply|webhook|upload|share|notify|tweet)\b/)) caps.add('external_send');
  if (has(/\b(fetch|browse|navigate|http|url|web|scrape|crawl|download)\b/)) {
    caps.add('untrusted_content');
    caps.add('network_fetch');
  }
  if (has(/\b(file|files|directory|directories|folder)\b/)) {
    if (has(/\b(read|get|list|search|open|view)\b/)) caps.add('file_read');
    if (has(/\b(write|create|edit|move|update|save|delete|remove)\b/)) caps.add('file_write');
  }
  if (has(/\b(read|get|list|search|query|find|retrieve|lookup|audit)\b/)) caps.add('private_data');
  if (has(/\b(user|users|role|roles|permission|permissions|credential|credentials|token|tokens|key|keys|iam|group|groups)\b/) && has(/\b(create|issue|grant|assign|update|revoke|add|reset)\b/)) caps.add('identity_admin');
  return [...caps];
}

/** MCP ToolAnnotations (§3.4 step 2): defaults per the spec (destructiveHint and openWorldHint true). */
export function annotationCaps(annotations: unknown): Cap[] | undefined {
  if (annotations === null || typeof annotations !== 'object' || Array.isArray(annotations)) return undefined;
  const a = annotations as Record<string, unknown>;
  const caps: Cap[] = [];
  if (a.readOnlyHint !== true && a.destructiveHint !== false) caps.push('destructive');
  if (a.openWorldHint !== false) caps.push('untrusted_content');
  return caps;
}
