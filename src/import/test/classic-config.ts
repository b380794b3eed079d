import { json } from './helpers.ts';

/**
 * The classic Claude Desktop setup of the published GitHub-MCP and Slack exfiltration write-ups: github with a
 * PAT in env, slack with a bot token, fetch, filesystem over ~/Documents and ~/.ssh, postgres on `customers`.
 * Token values are assembled at run time (fake, but shaped like real ones).
 */
export function classicConfig() {
  const pat = ['ghp', 'Zq3xY8vK2mN7pL4rT9wB1cD6fG5hJ0sA2eUi'].join('_');
  const bot = ['xoxb', '2048193375', '5120394821', 'QwErTyUiOpAsDfGhJkLzXcVb'].join('-');
  return json('claude_desktop_config.json', {
    mcpServers: {
      github: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-github'], env: { GITHUB_PERSONAL_ACCESS_TOKEN: pat } },
      slack: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-slack'], env: { SLACK_BOT_TOKEN: bot, SLACK_TEAM_ID: 'T0ABCDEF1' } },
      fetch: { command: 'uvx', args: ['mcp-server-fetch'] },
      filesystem: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-filesystem', '/Users/alice/Documents', '/Users/alice/.ssh'] },
      postgres: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-postgres', 'postgresql://localhost/customers'] },
    },
  });
}
