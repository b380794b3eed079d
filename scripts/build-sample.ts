/**
 * Builds the built-in sample inventory, `public/samples/sample-inventory.json`: "Northwind Analytics", a
 * 600-person B2B analytics company (HQ Dublin, sales in the US) that wired AI into support, finance,
 * engineering, sales and HR over eighteen months. Each section below is one story; the stories and the rules
 * they should trigger are listed in `public/samples/README.md`.
 *
 * Deterministic: no clock, no randomness. Run with `npx tsx scripts/build-sample.ts`.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

type Fields = Record<string, unknown>;

export interface SampleNode extends Fields {
  id: string;
  kind: string;
  name: string;
}

export interface SampleEdge extends Fields {
  source: string;
  kind: string;
  target: string;
}

export interface SampleInventory {
  format: 'pathlight-inventory';
  version: 1;
  generatedAt: string;
  source: { name: string; collector: string };
  nodes: SampleNode[];
  edges: SampleEdge[];
}

export const SAMPLE_PATH = fileURLToPath(new URL('../public/samples/sample-inventory.json', import.meta.url));

/** Builds the sample inventory document. Throws on a dangling endpoint or a repeated id. */
export function buildSample(): SampleInventory {
  const nodes: SampleNode[] = [];
  const edges: SampleEdge[] = [];
  const ids = new Set<string>();
  const edgeKeys = new Set<string>();

  const node = (kind: string, id: string, name: string, fields: Fields = {}): string => {
    if (ids.has(id)) throw new Error(`duplicate node id ${id}`);
    ids.add(id);
    nodes.push({ id, kind, name, ...fields });
    return id;
  };
  const edge = (source: string, kind: string, target: string, fields: Fields = {}): void => {
    const key = `${source}|${kind}|${target}`;
    if (edgeKeys.has(key)) throw new Error(`duplicate edge ${key}`);
    edgeKeys.add(key);
    edges.push({ source, kind, target, ...fields });
  };
  const perm = (source: string, target: string, actions: string[], fields: Fields = {}): void =>
    edge(source, 'has_permission', target, { actions, ...fields });
  const memberOf = (group: string, ...members: string[]): void => {
    for (const m of members) edge(m, 'member_of', group);
  };

  // ---------------------------------------------------------------------------------------------------------
  // The organisation: teams (directory groups) and people.
  // ---------------------------------------------------------------------------------------------------------
  const team = (slug: string, name: string, fields: Fields = {}) =>
    node('group', `group:${slug}`, name, { owner: 'team:it', provenance: `entra-id/groups/${slug}`, ...fields });
  const G = {
    allStaff: team('all-staff', 'All staff'),
    engineering: team('engineering', 'Engineering'),
    platform: team('platform-eng', 'Platform engineering'),
    sre: team('sre', 'SRE on-call', { privileged: true }),
    aiPlatform: team('ai-platform', 'AI platform'),
    dataScience: team('data-science', 'Data science & analytics'),
    support: team('support', 'Customer support'),
    finance: team('finance', 'Finance'),
    sales: team('sales', 'Sales & RevOps'),
    people: team('people-ops', 'People operations'),
    legal: team('legal', 'Legal'),
    marketing: team('marketing', 'Marketing'),
    security: team('security', 'Security'),
    it: team('it-admins', 'IT administrators', { privileged: true }),
    contractors: team('contractors', 'Contractors', { tags: ['external-staff'] }),
  };

  const person = (slug: string, name: string, title: string, costCenter: string, fields: Fields = {}) =>
    node('human', `human:${slug}`, name, {
      title,
      status: 'active',
      mfa: true,
      costCenter,
      provenance: `entra-id/users/${slug}@northwind-analytics.com`,
      ...fields,
    });
  const H = {
    aisling: person('aisling-byrne', 'Aisling Byrne', 'Chief Executive Officer', 'CC-100'),
    tom: person('tom-okafor', 'Tom Okafor', 'Chief Financial Officer', 'CC-200', { privileged: true }),
    nina: person('nina-kowalski', 'Nina Kowalski', 'Financial Controller', 'CC-200'),
    raj: person('raj-mehta', 'Raj Mehta', 'Accounts Payable Specialist', 'CC-200'),
    lena: person('lena-fischer', 'Lena Fischer', 'Head of Customer Support', 'CC-310'),
    carlos: person('carlos-diaz', 'Carlos Díaz', 'Senior Support Engineer', 'CC-310'),
    mei: person('mei-chen', 'Mei Chen', 'Support Specialist', 'CC-310'),
    priya: person('priya-raman', 'Priya Raman', 'Staff Software Engineer', 'CC-400'),
    jonas: person('jonas-berg', 'Jonas Berg', 'Backend Engineer', 'CC-400'),
    sam: person('sam-adeyemi', 'Sam Adeyemi', 'Frontend Engineer', 'CC-400'),
    olga: person('olga-petrov', 'Olga Petrov', 'Engineering Manager', 'CC-400'),
    dev: person('dev-patel', 'Dev Patel', 'SRE Lead', 'CC-410', { privileged: true }),
    kim: person('kim-nguyen', 'Kim Nguyen', 'Site Reliability Engineer', 'CC-410'),
    farah: person('farah-haddad', 'Farah Haddad', 'ML Platform Lead', 'CC-420'),
    leo: person('leo-martins', 'Leo Martins', 'ML Engineer', 'CC-420'),
    grace: person('grace-liu', 'Grace Liu', 'Senior Data Scientist', 'CC-430'),
    ben: person('ben-walsh', 'Ben Walsh', 'Data Analyst', 'CC-430'),
    ravi: person('ravi-iyer', 'Ravi Iyer', 'CISO', 'CC-500', { privileged: true }),
    zoe: person('zoe-adams', 'Zoe Adams', 'Security Engineer', 'CC-500'),
    mark: person('mark-odonnell', "Mark O'Donnell", 'VP Sales', 'CC-600'),
    elena: person('elena-rossi', 'Elena Rossi', 'RevOps Manager', 'CC-600'),
    tyler: person('tyler-brooks', 'Tyler Brooks', 'Account Executive', 'CC-600'),
    hannah: person('hannah-schmidt', 'Hannah Schmidt', 'Head of People', 'CC-700'),
    irene: person('irene-costa', 'Irene Costa', 'General Counsel', 'CC-800'),
    marcus: person('marcus-webb', 'Marcus Webb', 'Legal Operations Manager (left 2026-04)', 'CC-800', {
      status: 'offboarded',
      mfa: false,
      offboardedAt: '2026-04-30',
      ticket: 'HR-3381',
    }),
    julia: person('julia-moreau', 'Julia Moreau', 'Marketing Manager', 'CC-900'),
    owen: person('owen-clarke', 'Owen Clarke', 'IT Administrator', 'CC-150', { privileged: true }),
    alex: person('alex-novak', 'Alex Novak', 'Contract Developer (Kestrel Labs)', 'CC-400', {
      trust: 'third_party',
      employer: 'Kestrel Labs',
      provenance: 'entra-id/guests/alex.novak_kestrel-labs.io#EXT#',
    }),
  };
  const everyone = Object.values(H).filter((h) => h !== H.marcus && h !== H.alex);
  memberOf(G.allStaff, ...everyone);
  memberOf(G.engineering, H.priya, H.jonas, H.sam, H.olga, H.dev, H.kim, H.farah, H.leo, H.alex);
  memberOf(G.platform, H.priya, H.dev, H.kim);
  memberOf(G.sre, H.dev, H.kim);
  memberOf(G.aiPlatform, H.farah, H.leo);
  memberOf(G.dataScience, H.grace, H.ben);
  memberOf(G.support, H.lena, H.carlos, H.mei);
  memberOf(G.finance, H.tom, H.nina, H.raj);
  memberOf(G.sales, H.mark, H.elena, H.tyler);
  memberOf(G.people, H.hannah);
  memberOf(G.legal, H.irene, H.marcus); // Marcus left in April; his group membership was never removed.
  memberOf(G.marketing, H.julia);
  memberOf(G.security, H.ravi, H.zoe);
  memberOf(G.it, H.owen);
  memberOf(G.contractors, H.alex);

  // ---------------------------------------------------------------------------------------------------------
  // Outside the trust boundary.
  // ---------------------------------------------------------------------------------------------------------
  const X = {
    visitors: node('external', 'ext:website-visitors', 'Website visitors (anonymous)', { subtype: 'internet_users' }),
    internet: node('external', 'ext:internet', 'Public web', { subtype: 'internet' }),
    inboundMail: node('external', 'ext:inbound-email', 'Inbound email from any sender', { subtype: 'inbound_email' }),
    recipients: node('external', 'ext:any-email-recipient', 'Any email recipient', { subtype: 'email_recipients' }),
    helpdeskMail: node('external', 'ext:helpdesk-email', 'helpdesk@ inbound email', { subtype: 'inbound_email' }),
    customers: node('external', 'ext:customer-portal-users', 'Customer portal users', { subtype: 'authenticated_customers' }),
    publicGithub: node('external', 'ext:github-public', 'Public GitHub (issues, forks)', { subtype: 'public_issue_tracker' }),
  };

  // ---------------------------------------------------------------------------------------------------------
  // Cloud estate: accounts, clusters and the identities they run as.
  // ---------------------------------------------------------------------------------------------------------
  const cloud = (slug: string, name: string, fields: Fields) => node('cloud_resource', `cloud:${slug}`, name, fields);
  const role = (slug: string, name: string, fields: Fields = {}) =>
    node('nhi', `nhi:${slug}`, name, { subtype: 'iam_role', ...fields });

  const C = {
    awsProd: cloud('aws-prod', 'AWS account nw-prod (4471-…)', {
      resourceType: 'cloud_account', env: 'prod', critical: true, owner: H.dev, tags: ['aws'], costCenter: 'CC-410',
    }),
    awsData: cloud('aws-data', 'AWS account nw-data (5820-…)', {
      resourceType: 'cloud_account', env: 'prod', owner: H.farah, tags: ['aws'],
    }),
    eksProd: cloud('eks-prod', 'EKS cluster prod-eu-west-1', {
      resourceType: 'kubernetes_cluster', env: 'prod', critical: true, owner: H.dev, networkEgress: true, tags: ['aws', 'k8s'],
    }),
    eksStaging: cloud('eks-staging', 'EKS cluster staging-eu-west-1', {
      resourceType: 'kubernetes_cluster', env: 'staging', owner: H.dev, tags: ['aws', 'k8s'],
    }),
    ecsAi: cloud('ecs-ai-services', 'ECS cluster ai-services', {
      resourceType: 'container_service', env: 'prod', owner: H.farah, networkEgress: true, tags: ['aws', 'ai'],
    }),
    ghRunner: cloud('gha-runners', 'Self-hosted GitHub Actions runners', {
      resourceType: 'vm_pool', env: 'prod', owner: H.dev, networkEgress: true, credentialsInEnv: true,
    }),
    cdn: cloud('www-cdn', 'CloudFront distribution www.northwind-analytics.com', {
      resourceType: 'cdn', env: 'prod', exposure: 'public', owner: H.julia,
    }),
  };
  const R = {
    ecsTaskExec: role('role-ecs-task-exec', 'ecsTaskExecutionRole (ai-services)', { owner: H.farah }),
    ciDeployer: role('role-ci-deployer', 'ci-deployer (OIDC from GitHub Actions)', { owner: H.dev, privileged: true }),
    prodAdmin: role('role-prod-breakglass', 'prod-breakglass-admin', { owner: H.ravi, privileged: true, tags: ['break-glass'] }),
    prodReadOnly: role('role-prod-readonly', 'prod-readonly (SSO permission set)', { owner: H.dev }),
    eksNodes: role('role-eks-nodes', 'eks-prod node role', { owner: H.dev }),
  };
  edge(C.ecsAi, 'runs_as', R.ecsTaskExec);
  edge(C.eksProd, 'runs_as', R.eksNodes);
  edge(H.dev, 'can_assume', R.prodAdmin, { ticket: 'SEC-118', justification: 'break-glass, alerts on use' });
  edge(H.kim, 'can_assume', R.prodReadOnly);
  edge(H.dev, 'can_assume', R.prodReadOnly);
  perm(R.prodAdmin, C.awsProd, ['admin']);
  perm(R.prodReadOnly, C.awsProd, ['read']);
  perm(R.ciDeployer, C.eksProd, ['write', 'read'], { scope: 'namespace/*' });
  perm(R.ciDeployer, C.eksStaging, ['write', 'read'], { scope: 'namespace/*' });
  perm(R.eksNodes, C.eksProd, ['read']);
  perm(G.sre, C.eksProd, ['admin']);
  perm(G.platform, C.eksStaging, ['admin']);

  // ---------------------------------------------------------------------------------------------------------
  // Everyday SaaS and data stores.
  // ---------------------------------------------------------------------------------------------------------
  const saas = (slug: string, name: string, fields: Fields) =>
    node('saas_app', `saas:${slug}`, name, { sanctioned: true, vendorAssessed: true, ...fields });
  const store = (slug: string, name: string, fields: Fields) => node('data_store', `ds:${slug}`, name, fields);

  const S = {
    salesforce: saas('salesforce', 'Salesforce (production org)', {
      vendor: 'Salesforce', category: 'crm', env: 'prod', sensitivity: 'confidential', critical: true,
      dataClasses: ['PII'], adminCapable: true, owner: H.elena, tags: ['crm', 'customer-data'],
    }),
    m365: saas('m365', 'Microsoft 365 tenant', {
      vendor: 'Microsoft', category: 'email', env: 'prod', sensitivity: 'confidential', adminCapable: true, owner: H.owen,
    }),
    okta: saas('okta', 'Okta (workforce identity)', {
      vendor: 'Okta', category: 'identity', env: 'prod', sensitivity: 'restricted', critical: true, adminCapable: true, owner: H.owen,
    }),
    github: saas('github-org', 'GitHub organisation northwind-analytics', {
      vendor: 'GitHub', category: 'code', sensitivity: 'confidential', adminCapable: true, owner: H.olga,
    }),
    slack: saas('slack', 'Slack workspace', { vendor: 'Slack', category: 'chat', env: 'prod', sensitivity: 'internal', owner: H.owen }),
    zendesk: saas('zendesk', 'Zendesk Support', { vendor: 'Zendesk', category: 'itsm', env: 'prod', sensitivity: 'confidential', owner: H.lena }),
    netsuite: saas('netsuite', 'NetSuite ERP', {
      vendor: 'Oracle', category: 'erp', env: 'prod', sensitivity: 'restricted', critical: true, owner: H.nina, costCenter: 'CC-200',
    }),
    stripe: saas('stripe', 'Stripe (billing)', {
      vendor: 'Stripe', category: 'payments', env: 'prod', sensitivity: 'restricted', critical: true, dataClasses: ['PCI'], owner: H.nina,
    }),
    docusign: saas('docusign', 'DocuSign', { vendor: 'DocuSign', category: 'legal', env: 'prod', sensitivity: 'confidential', owner: H.irene }),
    workday: saas('workday', 'Workday HCM', {
      vendor: 'Workday', category: 'hr', env: 'prod', sensitivity: 'restricted', dataClasses: ['PII'], owner: H.hannah,
    }),
    hubspot: saas('hubspot', 'HubSpot Marketing', { vendor: 'HubSpot', category: 'marketing', env: 'prod', sensitivity: 'internal', owner: H.julia }),
    jira: saas('jira', 'Jira Software', { vendor: 'Atlassian', category: 'itsm', env: 'prod', sensitivity: 'internal', owner: H.olga }),
    pagerduty: saas('pagerduty', 'PagerDuty', { vendor: 'PagerDuty', category: 'ops', env: 'prod', sensitivity: 'internal', owner: H.dev }),
    datadog: saas('datadog', 'Datadog', { vendor: 'Datadog', category: 'observability', env: 'prod', sensitivity: 'internal', owner: H.dev }),
  };

  const D = {
    caseNotes: store('case-notes', 'Zendesk internal case notes (staff only)', {
      storeType: 'ticket_queue', sensitivity: 'confidential', dataClasses: ['PII'], env: 'prod', owner: H.lena,
      tags: ['staff-only'], provenance: 'zendesk://northwind/ticket_comments?public=false',
    }),
    supportTickets: store('support-tickets', 'Zendesk ticket queue (customer-submitted)', {
      storeType: 'ticket_queue', exposure: 'external_inbound', sensitivity: 'internal', env: 'prod', owner: H.lena,
    }),
    helpCenter: store('help-center', 'Help Center articles', { storeType: 'wiki', sensitivity: 'public', env: 'prod', owner: H.lena }),
    productDocs: store('product-docs', 'Product documentation site', { storeType: 'repository', sensitivity: 'public', env: 'prod', owner: H.sam }),
    billingDb: store('billing-db', 'Billing database (Aurora, prod)', {
      storeType: 'database', sensitivity: 'restricted', critical: true, dataClasses: ['PII', 'PCI'], env: 'prod', owner: H.jonas,
      costCenter: 'CC-200',
    }),
    appDb: store('app-db', 'Product database (Aurora, prod)', {
      storeType: 'database', sensitivity: 'confidential', critical: true, dataClasses: ['PII'], env: 'prod', owner: H.jonas,
    }),
    apInbox: store('ap-inbox', 'ap@northwind-analytics.com mailbox', {
      storeType: 'mailbox', exposure: 'external_inbound', sensitivity: 'confidential', dataClasses: ['PII'], env: 'prod', owner: H.nina,
    }),
    quarterlyReports: store('quarterly-reports', 'Quarterly financial reports (pre-release)', {
      storeType: 'drive', sensitivity: 'restricted', critical: true, env: 'prod', owner: H.tom,
      tags: ['mnpi'], provenance: 'sharepoint://finance/Shared Documents/Quarterly',
    }),
    corpDrive: store('sharepoint-drive', 'SharePoint / OneDrive (corporate drive)', {
      storeType: 'drive', sensitivity: 'confidential', dataClasses: ['PII'], env: 'prod', owner: H.owen,
    }),
    mailboxes: store('exchange-mailboxes', 'Exchange Online mailboxes (all staff)', {
      storeType: 'mailbox', exposure: 'external_inbound', sensitivity: 'confidential', dataClasses: ['PII'], env: 'prod', owner: H.owen,
    }),
    boardDecks: store('board-decks', 'Board decks and minutes', {
      storeType: 'drive', sensitivity: 'restricted', critical: true, env: 'prod', owner: H.aisling,
    }),
    repoApi: store('repo-platform-api', 'Repository northwind/platform-api', {
      storeType: 'repository', sensitivity: 'confidential', dataClasses: ['source_code'], owner: H.olga,
    }),
    repoWeb: store('repo-web-app', 'Repository northwind/web-app', {
      storeType: 'repository', sensitivity: 'confidential', dataClasses: ['source_code'], owner: H.sam,
    }),
    repoInfra: store('repo-infra', 'Repository northwind/infra (Terraform)', {
      storeType: 'repository', sensitivity: 'confidential', critical: true, dataClasses: ['source_code'], owner: H.dev,
    }),
    repoSdk: store('repo-oss-sdk', 'Repository northwind/analytics-sdk (open source)', {
      storeType: 'repository', exposure: 'public_read', sensitivity: 'public', dataClasses: ['source_code'], owner: H.sam,
    }),
    docsRepo: store('repo-docs', 'Repository northwind/docs', { storeType: 'repository', sensitivity: 'internal', owner: H.sam }),
    wikiEng: store('confluence-eng', 'Confluence space ENG (architecture, runbooks)', {
      storeType: 'wiki', sensitivity: 'confidential', owner: H.olga, env: 'prod',
    }),
    wikiHandbook: store('confluence-handbook', 'Confluence space HANDBOOK (onboarding)', { storeType: 'wiki', sensitivity: 'internal', owner: H.olga }),
    wikiIt: store('confluence-it', 'Confluence space IT (how-tos)', { storeType: 'wiki', sensitivity: 'internal', owner: H.owen }),
    warehouse: store('snowflake-warehouse', 'Snowflake ANALYTICS warehouse', {
      storeType: 'database', sensitivity: 'confidential', critical: true, dataClasses: ['customer_usage'], env: 'prod', owner: H.grace,
    }),
    dataLake: store('s3-data-lake', 's3://nw-data-lake', {
      storeType: 'bucket', sensitivity: 'confidential', dataClasses: ['PII', 'customer_usage'], env: 'prod', owner: H.farah,
    }),
    trainingData: store('s3-training-data', 's3://nw-ml-training-data', {
      storeType: 'bucket', sensitivity: 'restricted', dataClasses: ['PII'], env: 'prod', owner: H.farah,
    }),
    modelWeights: store('s3-model-weights', 's3://nw-model-weights', { storeType: 'bucket', sensitivity: 'confidential', env: 'prod', owner: H.farah }),
    revopsArtifacts: store('s3-revops-artifacts', 's3://nw-revops-artifacts', {
      storeType: 'bucket', sensitivity: 'confidential', containsSecrets: true, env: 'prod', owner: H.elena,
      provenance: 'aws-config://5820-…/s3/nw-revops-artifacts',
    }),
    redshift: store('redshift-analytics', 'Redshift cluster analytics (data account)', {
      storeType: 'database', sensitivity: 'confidential', env: 'prod', owner: H.grace,
    }),
    ecr: store('ecr-registry', 'ECR registry ai-services', { storeType: 'registry', sensitivity: 'internal', env: 'prod', owner: H.farah }),
    wwwAssets: store('www-static-assets', 's3://nw-www-static (website bundle)', {
      storeType: 'bucket', exposure: 'public_read', sensitivity: 'public', env: 'prod', owner: H.julia,
    }),
    hris: store('hris-eu', 'HR records, EU employees (Workday extract)', {
      storeType: 'database', sensitivity: 'restricted', critical: true, dataClasses: ['PII'], jurisdiction: 'EU',
      allowedJurisdictions: ['EU'], env: 'prod', owner: H.hannah,
    }),
    policies: store('people-policies', 'People policies and handbook', { storeType: 'wiki', sensitivity: 'internal', owner: H.hannah }),
    leads: store('webinar-leads', 'Webinar lead list (HubSpot export)', {
      storeType: 'file_path', sensitivity: 'internal', dataClasses: ['PII'], owner: H.julia, provenance: 'sharepoint://marketing/exports/leads-2026Q4.csv',
    }),
    brand: store('brand-guidelines', 'Brand guidelines', { storeType: 'drive', sensitivity: 'internal', owner: H.julia }),
    contracts: store('contract-archive', 'Customer contract archive', {
      storeType: 'drive', sensitivity: 'confidential', dataClasses: ['contracts'], owner: H.irene,
    }),
    incidentsChannel: store('slack-incidents', 'Slack #incidents', { storeType: 'channel', sensitivity: 'internal', owner: H.dev }),
    auditLogs: store('s3-audit-logs', 's3://nw-audit-logs (CloudTrail)', {
      storeType: 'bucket', sensitivity: 'confidential', env: 'prod', owner: H.zoe,
    }),
  };

  // Who may touch what, the ordinary way.
  perm(G.allStaff, S.m365, ['read', 'write']);
  perm(G.allStaff, S.slack, ['read', 'write']);
  perm(G.allStaff, D.corpDrive, ['read', 'write'], { scope: 'own and shared-with-me' });
  perm(G.allStaff, D.wikiHandbook, ['read']);
  perm(G.engineering, S.github, ['read', 'write']);
  perm(G.engineering, D.repoApi, ['read', 'write']);
  perm(G.engineering, D.repoWeb, ['read', 'write']);
  perm(G.engineering, D.repoSdk, ['read', 'write']);
  perm(G.engineering, D.wikiEng, ['read', 'write']);
  perm(G.engineering, S.jira, ['read', 'write']);
  perm(G.platform, D.repoInfra, ['read', 'write']);
  perm(G.sre, S.pagerduty, ['admin']);
  perm(G.sre, S.datadog, ['admin']);
  perm(G.support, S.zendesk, ['read', 'write']);
  perm(G.support, D.caseNotes, ['read', 'write']);
  perm(G.support, D.helpCenter, ['read', 'write']);
  perm(G.finance, S.netsuite, ['read', 'write']);
  perm(G.finance, D.quarterlyReports, ['read', 'write']);
  perm(G.finance, S.stripe, ['read']);
  perm(H.tom, D.boardDecks, ['read', 'write']);
  perm(H.aisling, D.boardDecks, ['read', 'write']);
  perm(G.sales, S.salesforce, ['read', 'write']);
  perm(H.elena, S.salesforce, ['admin'], { ticket: 'REVOPS-77' });
  perm(G.people, S.workday, ['admin']);
  perm(G.people, D.hris, ['read', 'write']);
  perm(G.legal, S.docusign, ['read', 'write']);
  perm(G.legal, D.contracts, ['read', 'write']);
  perm(G.marketing, S.hubspot, ['admin']);
  perm(G.marketing, D.brand, ['read', 'write']);
  perm(G.dataScience, D.warehouse, ['read']);
  perm(G.security, D.auditLogs, ['read']);
  perm(G.it, S.okta, ['admin']);
  perm(G.it, S.m365, ['admin']);
  perm(G.contractors, D.repoWeb, ['read', 'write'], { expiresAt: '2027-01-31' });
  edge(X.customers, 'writes', D.supportTickets);
  edge(X.publicGithub, 'writes', D.repoSdk, { note: 'pull requests from forks' });

  // ---------------------------------------------------------------------------------------------------------
  // AI platform: the gateway, the models behind it, the chat clients answers render in.
  // ---------------------------------------------------------------------------------------------------------
  const model = (slug: string, name: string, fields: Fields) =>
    node('model', `model:${slug}`, name, { owner: H.farah, sanctioned: true, approved: true, ...fields });
  const M = {
    gpt4oUs: model('gpt-4o-us', 'OpenAI gpt-4o (US region)', {
      provider: 'openai', modelId: 'gpt-4o-2024-11-20', hosting: 'saas_api', jurisdiction: 'US', dataRetention: 'abuse_monitoring',
    }),
    gpt4oMini: model('gpt-4o-mini', 'OpenAI gpt-4o-mini (US region)', {
      provider: 'openai', modelId: 'gpt-4o-mini', hosting: 'saas_api', jurisdiction: 'US', dataRetention: 'abuse_monitoring',
    }),
    azureEu: model('azure-gpt-4o-eu', 'Azure OpenAI gpt-4o (Sweden Central)', {
      provider: 'azure_openai', modelId: 'gpt-4o', hosting: 'cloud_managed', jurisdiction: 'EU', dataRetention: 'none',
    }),
    claudeEu: model('claude-sonnet-bedrock-eu', 'Claude Sonnet on Bedrock (eu-central-1)', {
      provider: 'anthropic', modelId: 'anthropic.claude-sonnet-4', hosting: 'cloud_managed', jurisdiction: 'EU', dataRetention: 'none',
    }),
    claudeApi: model('claude-sonnet-api', 'Claude Sonnet (Anthropic API, developer seats)', {
      provider: 'anthropic', modelId: 'claude-sonnet-4', hosting: 'saas_api', jurisdiction: 'US', dataRetention: 'none',
    }),
    embeddings: model('text-embedding-3-large', 'OpenAI text-embedding-3-large', {
      provider: 'openai', modelId: 'text-embedding-3-large', hosting: 'saas_api', jurisdiction: 'US', dataRetention: 'none',
    }),
    geminiFree: model('gemini-flash-free', 'Gemini Flash (free tier, personal key)', {
      provider: 'google', modelId: 'gemini-2.5-flash', hosting: 'saas_api', jurisdiction: 'US', dataRetention: 'training_allowed',
      approved: false, sanctioned: false, owner: H.julia, tags: ['shadow-ai'],
    }),
    llamaFt: model('nw-llama-ft', 'Northwind Llama 3.1 8B fine-tune (self-hosted)', {
      provider: 'meta', modelId: 'llama-3.1-8b-nw-support-v3', hosting: 'self_hosted', jurisdiction: 'EU', dataRetention: 'none',
      env: 'staging',
    }),
  };
  const gw = node('ai_gateway', 'gw:llm-gateway', 'LLM gateway (LiteLLM proxy)', {
    guardrails: ['pii_redaction', 'prompt_injection_filter', 'rate_limit', 'audit_log'], enforced: true, env: 'prod', owner: H.farah,
    tags: ['ai-platform'], provenance: 'repo-infra/litellm/config.yaml',
  });
  const legacyGw = node('ai_gateway', 'gw:legacy-openai-proxy', 'Legacy OpenAI proxy (nginx)', {
    guardrails: [], enforced: false, env: 'prod', owner: H.farah, status: 'active', tags: ['deprecated'], ticket: 'AIP-212',
  });
  for (const m of [M.gpt4oUs, M.gpt4oMini, M.azureEu, M.claudeEu, M.embeddings]) edge(gw, 'routes_to', m);
  edge(legacyGw, 'routes_to', M.gpt4oUs);
  // The gateway runs as its own service: only it holds the provider keys, not everything on the AI cluster.
  const gwService = cloud('ecs-llm-gateway', 'ECS service llm-gateway', {
    resourceType: 'container', env: 'prod', exposure: 'internal', networkEgress: true, owner: H.farah,
  });
  edge(gw, 'deployed_on', gwService);
  const gwKey = node('credential', 'cred:gateway-provider-keys', 'Gateway provider API keys', {
    credType: 'api_key', storage: 'vault', exposure: 'private', status: 'active', createdAt: '2026-03-02', expiresAt: '2027-03-01',
    lastRotated: '2026-09-01', owner: H.farah,
  });
  const openaiOrg = node('nhi', 'nhi:openai-org-prod', 'OpenAI organisation (prod project)', {
    subtype: 'provider_account', providerAccount: true, quotaLimit: 20000, budgetAlert: true, owner: H.farah,
  });
  edge(gwService, 'uses_credential', gwKey);
  edge(gwKey, 'authenticates_as', openaiOrg);
  perm(openaiOrg, M.gpt4oUs, ['invoke']);
  perm(openaiOrg, M.gpt4oMini, ['invoke']);
  perm(openaiOrg, M.embeddings, ['invoke']);

  const ui = (slug: string, name: string, fields: Fields) => node('client_ui', `ui:${slug}`, name, fields);
  const U = {
    supportWidget: ui('support-widget', 'Support chat widget (app.northwind-analytics.com)', {
      autoFetchMedia: false, linkUnfurl: false, mediaAllowlist: 'strict', cspAllowlist: ["'self'"], owner: H.sam,
    }),
    teams: ui('teams', 'Microsoft Teams', {
      autoFetchMedia: true, linkUnfurl: true, mediaAllowlist: 'broad', allowlistedProxies: ['*.teams.microsoft.com/urlp'],
      cspAllowlist: ['*.teams.microsoft.com', '*.sharepoint.com', '*.office.net'], owner: H.owen,
    }),
    slack: ui('slack', 'Slack', { autoFetchMedia: false, linkUnfurl: true, mediaAllowlist: 'strict', owner: H.owen }),
    terminal: ui('terminal', 'Developer terminal', { autoFetchMedia: false, linkUnfurl: false, owner: H.olga }),
    claudeDesktop: ui('claude-desktop', 'Claude Desktop', { autoFetchMedia: false, linkUnfurl: false, owner: H.ben }),
    financePortal: ui('finance-portal', 'Finance assistant web app', { autoFetchMedia: false, mediaAllowlist: 'strict', owner: H.nina }),
    webWidget: ui('www-ask-widget', '"Ask Northwind" widget on the marketing site', { autoFetchMedia: false, owner: H.julia }),
  };

  const agent = (slug: string, name: string, fields: Fields) =>
    node('ai_agent', `agent:${slug}`, name, { status: 'active', lastSeen: '2026-11-19', ...fields });
  const tool = (slug: string, name: string, caps: string[], fields: Fields = {}) =>
    node('tool', `tool:${slug}`, name, { caps, ...fields });
  const mcp = (slug: string, name: string, fields: Fields) => node('mcp_server', `mcp:${slug}`, name, { status: 'active', ...fields });
  const cred = (slug: string, name: string, fields: Fields) => node('credential', `cred:${slug}`, name, { status: 'active', ...fields });
  const pkg = (slug: string, name: string, fields: Fields) => node('package', `pkg:${slug}`, name, fields);

  // ---------------------------------------------------------------------------------------------------------
  // Story 1. The public support bot whose retrieval index was extended to staff-only case notes, and which
  // hands refund requests to a more privileged billing agent.
  // ---------------------------------------------------------------------------------------------------------
  const supportBot = agent('support-bot', 'Support bot "Nora"', {
    agentType: 'chatbot', framework: 'llamaindex', exposure: 'public', autonomy: 'auto', authMode: 'service_identity', env: 'prod',
    owner: H.lena, costCenter: 'CC-310', tags: ['customer-facing'], provenance: 'repo-platform-api/deploy/support-bot/agent.yaml',
  });
  const supportKb = node('vector_store', 'vs:support-kb', 'Support knowledge index (pgvector)', {
    permissionTrimming: false, scope: 'shared', sensitivity: 'internal', env: 'prod', owner: H.lena,
  });
  const saSupport = node('nhi', 'nhi:sa-support-bot', 'support-bot service account', { subtype: 'service_account', owner: H.lena });
  const createTicket = tool('create-support-ticket', 'create_ticket', [], { requiresApproval: false, owner: H.lena });
  const ecsSupport = cloud('ecs-support', 'ECS service support-bot', { resourceType: 'container', env: 'prod', exposure: 'public', owner: H.lena });
  edge(X.visitors, 'can_invoke', supportBot);
  edge(X.customers, 'can_invoke', supportBot);
  edge(supportBot, 'retrieves', supportKb);
  edge(supportKb, 'indexes', D.helpCenter);
  edge(supportKb, 'indexes', D.productDocs);
  edge(supportKb, 'indexes', D.caseNotes, {
    ticket: 'SUP-2291', addedAt: '2026-08-14', note: 'added so the bot can answer "has this happened before?"; never reviewed',
  });
  edge(supportBot, 'runs_as', saSupport);
  perm(saSupport, D.helpCenter, ['read']);
  edge(supportBot, 'has_tool', createTicket);
  edge(createTicket, 'writes', D.supportTickets);
  edge(supportBot, 'uses_model', gw);
  edge(supportBot, 'renders_to', U.supportWidget);
  edge(supportBot, 'deployed_on', ecsSupport);
  edge(ecsSupport, 'runs_as', saSupport);

  const billingAgent = agent('billing-agent', 'Billing agent', {
    agentType: 'agent', framework: 'langgraph', exposure: 'internal', autonomy: 'auto', authMode: 'service_identity', env: 'prod',
    owner: H.jonas, costCenter: 'CC-200',
  });
  const saBilling = node('nhi', 'nhi:sa-billing-agent', 'billing-agent service account', {
    subtype: 'service_account', owner: H.jonas, privileged: true,
  });
  const lookupInvoice = tool('lookup-invoice', 'lookup_invoice', ['private_data'], { owner: H.jonas });
  const issueRefund = tool('issue-refund', 'issue_refund (up to €500 without review)', ['financial'], { requiresApproval: false, owner: H.jonas });
  const stripeKey = cred('stripe-restricted-key', 'Stripe restricted key (refunds)', {
    credType: 'api_key', storage: 'vault', exposure: 'private', createdAt: '2026-02-10', expiresAt: '2027-02-10', owner: H.jonas,
  });
  const stripeSvc = node('nhi', 'nhi:stripe-billing-svc', 'Stripe restricted-key principal', { subtype: 'api_principal', owner: H.jonas });
  edge(supportBot, 'delegates_to', billingAgent, { protocol: 'internal_http', identityPropagation: false, auth: 'static_header' });
  edge(billingAgent, 'runs_as', saBilling);
  edge(billingAgent, 'has_tool', lookupInvoice);
  edge(billingAgent, 'has_tool', issueRefund);
  edge(lookupInvoice, 'reads', D.billingDb);
  edge(lookupInvoice, 'runs_as', saBilling);
  perm(saBilling, D.billingDb, ['read']);
  edge(issueRefund, 'uses_credential', stripeKey);
  edge(stripeKey, 'authenticates_as', stripeSvc);
  perm(stripeSvc, S.stripe, ['write'], { scope: 'refunds' });
  edge(issueRefund, 'writes', S.stripe);
  edge(billingAgent, 'uses_model', gw);
  edge(billingAgent, 'deployed_on', C.ecsAi);

  // ---------------------------------------------------------------------------------------------------------
  // Story 2. The AI service role that can read a bucket holding the Salesforce admin token (credential pivot
  // to production), plus its cross-account can_assume chain.
  // ---------------------------------------------------------------------------------------------------------
  const revops = agent('revops-forecaster', 'RevOps pipeline forecaster', {
    agentType: 'workflow', framework: 'openai-agents', exposure: 'internal', autonomy: 'auto', authMode: 'service_identity', env: 'prod',
    owner: H.elena, costCenter: 'CC-600',
  });
  const aiRole = role('role-ai-service', 'nw-ai-service-role (ECS task role)', {
    owner: 'team:ai-platform', provenance: 'aws-iam://4471-…/role/nw-ai-service-role',
  });
  const analyticsReader = role('role-analytics-reader', 'analytics-reader (nw-data account)', { crossAccount: true, owner: H.grace });
  const sfdcToken = cred('sfdc-admin-token', 'Salesforce integration-admin refresh token', {
    credType: 'oauth_refresh', storage: 'bucket_object', exposure: 'private', scopes: ['full', 'refresh_token'],
    createdAt: '2024-03-11', location: 's3://nw-revops-artifacts/exports/sfdc-sync/.env', owner: H.elena, ticket: 'REVOPS-41',
  });
  const sfdcAdmin = node('nhi', 'nhi:sfdc-integration-admin', 'Salesforce integration user (System Administrator profile)', {
    subtype: 'bot_user', privileged: true, owner: H.elena, env: 'prod',
  });
  const forecastTool = tool('pipeline-snapshot', 'pipeline_snapshot', ['private_data'], { owner: H.elena });
  edge(H.elena, 'can_invoke', revops);
  edge(H.mark, 'can_invoke', revops);
  edge(revops, 'runs_as', aiRole);
  edge(revops, 'deployed_on', C.ecsAi);
  edge(revops, 'uses_model', gw);
  edge(revops, 'has_tool', forecastTool);
  edge(forecastTool, 'reads', D.redshift);
  perm(aiRole, D.revopsArtifacts, ['read'], { scope: 'arn:aws:s3:::nw-revops-artifacts/*', note: 'meant for forecast CSVs only' });
  edge(aiRole, 'can_assume', analyticsReader, { crossAccount: true });
  perm(analyticsReader, D.redshift, ['read']);
  edge(D.revopsArtifacts, 'stores', sfdcToken);
  edge(sfdcToken, 'authenticates_as', sfdcAdmin);
  perm(sfdcAdmin, S.salesforce, ['admin']);

  // ---------------------------------------------------------------------------------------------------------
  // Story 3. The finance agent: reads the AP inbox (anyone can write to it), reads the quarterly reports, and
  // can email anyone. The lethal trifecta.
  // ---------------------------------------------------------------------------------------------------------
  const financeAgent = agent('finance-agent', 'Finance assistant (AP & close)', {
    agentType: 'agent', framework: 'semantic-kernel', exposure: 'internal', autonomy: 'auto', authMode: 'service_identity', env: 'prod',
    owner: H.nina, costCenter: 'CC-200', tags: ['finance'],
  });
  const readMail = tool('read-ap-mailbox', 'read_mailbox', ['untrusted_content', 'private_data'], { owner: H.nina });
  const searchReports = tool('search-reports', 'search_reports', ['private_data', 'file_read'], { owner: H.nina });
  const sendEmail = tool('send-email', 'send_email (any recipient)', ['external_send'], { requiresApproval: false, owner: H.nina });
  const graphSecret = cred('graph-finance-client-secret', 'Graph API client secret (finance-assistant app)', {
    credType: 'client_secret', storage: 'vault', exposure: 'private', createdAt: '2026-01-15', expiresAt: '2027-01-15', owner: H.nina,
  });
  const financeApp = node('nhi', 'nhi:app-finance-assistant', 'Entra app finance-assistant (Mail.ReadWrite, Mail.Send)', {
    subtype: 'oauth_client', owner: H.nina,
  });
  edge(X.inboundMail, 'writes', D.apInbox);
  edge(H.nina, 'can_invoke', financeAgent);
  edge(H.raj, 'can_invoke', financeAgent);
  edge(H.tom, 'can_invoke', financeAgent);
  edge(financeAgent, 'has_tool', readMail);
  edge(financeAgent, 'has_tool', searchReports);
  edge(financeAgent, 'has_tool', sendEmail);
  edge(readMail, 'reads', D.apInbox);
  edge(searchReports, 'reads', D.quarterlyReports);
  edge(sendEmail, 'sends', X.recipients);
  edge(readMail, 'uses_credential', graphSecret);
  edge(sendEmail, 'uses_credential', graphSecret);
  edge(graphSecret, 'authenticates_as', financeApp);
  perm(financeApp, D.apInbox, ['read', 'write']);
  edge(financeAgent, 'uses_model', gw);
  edge(financeAgent, 'renders_to', U.financePortal);
  edge(financeAgent, 'deployed_on', C.ecsAi);

  // ---------------------------------------------------------------------------------------------------------
  // Story 4. The unsanctioned AI note-taker an account executive connected with an OAuth grant to the drive.
  // ---------------------------------------------------------------------------------------------------------
  const notetaker = node('saas_app', 'saas:ai-notetaker', 'MeetScribe AI note-taker', {
    vendor: 'MeetScribe Inc.', category: 'ai', sanctioned: false, vendorAssessed: false, adminCapable: false, owner: H.tyler,
    tags: ['shadow-ai'], provenance: 'entra-id/enterprise-apps/meetscribe (consented by tyler.brooks)', discoveredAt: '2026-10-03',
  });
  const notetakerGrant = cred('notetaker-oauth-grant', 'MeetScribe OAuth refresh token', {
    credType: 'oauth_refresh', scopes: ['Files.Read.All', 'Calendars.Read', 'offline_access'], exposure: 'private',
    createdAt: '2026-06-21', heldBy: 'vendor', owner: H.tyler,
  });
  const notetakerApp = node('nhi', 'nhi:oauth-app-meetscribe', 'OAuth client MeetScribe (delegated, tyler.brooks)', {
    subtype: 'oauth_client', trust: 'third_party', owner: H.tyler,
  });
  edge(notetaker, 'uses_credential', notetakerGrant);
  edge(notetakerGrant, 'authenticates_as', notetakerApp);
  perm(notetakerApp, D.corpDrive, ['read'], { scope: 'Files.Read.All' });
  perm(notetakerApp, S.m365, ['read'], { scope: 'Calendars.Read' });

  // ---------------------------------------------------------------------------------------------------------
  // Story 5. The coding agent on a developer laptop: web fetch, shell, and the CI bot's GitHub token pasted in
  // plaintext into .mcp.json; the release agent uses the same token.
  // ---------------------------------------------------------------------------------------------------------
  const host = 'ws-priya-mbp';
  const codingAgent = agent('coding-agent', 'Claude Code (Priya\'s workstation)', {
    agentType: 'coding_agent', framework: 'claude-code', exposure: 'internal', autonomy: 'hitl_sensitive', authMode: 'end_user_delegated',
    host, owner: H.priya, costCenter: 'CC-400',
  });
  const workstation = cloud('ws-priya-mbp', 'MacBook Pro ws-priya-mbp', {
    resourceType: 'workstation', sandbox: 'none', networkEgress: true, credentialsInEnv: true, owner: H.priya, env: 'dev',
  });
  const mcpJson = node('config_file', 'cfg:priya-mcp-json', '.mcp.json (platform-api checkout)', {
    path: '~/src/platform-api/.mcp.json', host, inRepo: false, owner: H.priya,
  });
  const githubPat = cred('github-pat-ci-bot', 'GitHub PAT of nw-ci-bot', {
    credType: 'pat', storage: 'config_plaintext', exposure: 'private', scopes: ['repo', 'workflow', 'read:org'],
    createdAt: '2025-06-02', host, location: '~/src/platform-api/.mcp.json#/mcpServers/github/env/GITHUB_PERSONAL_ACCESS_TOKEN',
    owner: H.dev, provenance: '.mcp.json#/mcpServers/github/env/GITHUB_PERSONAL_ACCESS_TOKEN',
  });
  const ciBot = node('nhi', 'nhi:gh-ci-bot', 'GitHub machine user nw-ci-bot', { subtype: 'bot_user', owner: H.dev, privileged: true });
  const awsSso = cred('aws-sso-priya', 'AWS SSO session cache (Priya)', {
    credType: 'session_token', storage: 'env_ref', exposure: 'private', host, expiresAt: '2026-11-20T20:00:00Z', owner: H.priya,
  });
  const mcpGithub = mcp('github', 'GitHub MCP server (local)', {
    transport: 'stdio', launch: 'docker run -i ghcr.io/github/github-mcp-server@sha256:3f1c…', package: 'ghcr.io/github/github-mcp-server',
    versionPinned: true, publisherVerified: true, sanctioned: true, trust: 'trusted', auth: 'static_header', host, owner: H.priya,
    provenance: '.mcp.json#/mcpServers/github',
  });
  const mcpFetch = mcp('fetch', 'Fetch MCP server', {
    transport: 'stdio', launch: 'uvx mcp-server-fetch==2025.4.7', package: 'mcp-server-fetch', versionPinned: true, publisherVerified: true,
    sanctioned: true, trust: 'trusted', auth: 'none', host, owner: H.priya, provenance: '.mcp.json#/mcpServers/fetch',
  });
  const ghSearch = tool('gh-search-code', 'github.search_code', ['private_data'], { owner: H.priya });
  const ghGetFile = tool('gh-get-file', 'github.get_file_contents', ['private_data', 'file_read'], { owner: H.priya });
  const ghCreatePr = tool('gh-create-pr', 'github.create_pull_request', ['file_write'], { requiresApproval: true, owner: H.priya });
  const webFetch = tool('web-fetch', 'fetch (any URL)', ['network_fetch', 'untrusted_content'], { owner: H.priya });
  const shell = tool('run-shell', 'Bash (shell commands)', ['code_exec', 'file_write'], { requiresApproval: false, owner: H.priya, note: 'allow-listed "Bash(*)" in settings.json' });
  const readFile = tool('read-file', 'Read (any local file)', ['file_read'], { pathScope: '~', owner: H.priya });
  edge(H.priya, 'can_invoke', codingAgent);
  edge(codingAgent, 'connects_to', mcpGithub);
  edge(codingAgent, 'connects_to', mcpFetch);
  edge(mcpGithub, 'provides', ghSearch);
  edge(mcpGithub, 'provides', ghGetFile);
  edge(mcpGithub, 'provides', ghCreatePr);
  edge(mcpFetch, 'provides', webFetch);
  edge(codingAgent, 'has_tool', shell);
  edge(codingAgent, 'has_tool', readFile);
  edge(webFetch, 'reads', X.internet);
  edge(ghSearch, 'reads', D.repoApi);
  edge(ghSearch, 'reads', D.repoWeb);
  edge(ghGetFile, 'reads', D.repoApi);
  edge(ghGetFile, 'reads', D.repoInfra);
  edge(ghCreatePr, 'writes', S.github);
  edge(shell, 'executes', workstation);
  edge(readFile, 'reads', mcpJson);
  edge(mcpJson, 'stores', githubPat);
  edge(mcpGithub, 'uses_credential', githubPat);
  edge(codingAgent, 'uses_credential', githubPat, { provenance: 'GITHUB_TOKEN exported in ~/.zshrc' });
  edge(githubPat, 'authenticates_as', ciBot);
  perm(ciBot, S.github, ['read', 'write']);
  perm(ciBot, D.repoApi, ['read', 'write']);
  perm(ciBot, D.repoWeb, ['read', 'write']);
  perm(ciBot, D.repoInfra, ['read', 'write']);
  edge(workstation, 'uses_credential', awsSso);
  edge(awsSso, 'authenticates_as', H.priya);
  edge(codingAgent, 'uses_model', M.claudeApi);
  edge(codingAgent, 'renders_to', U.terminal);

  const releaseAgent = agent('release-agent', 'Release agent', {
    agentType: 'workflow', framework: 'custom', exposure: 'internal', autonomy: 'hitl_sensitive', authMode: 'service_identity', env: 'prod',
    owner: H.dev, costCenter: 'CC-410',
  });
  const ghRelease = tool('gh-create-release', 'create_release', ['file_write'], { owner: H.dev });
  const deployProd = tool('deploy-prod', 'deploy_to_prod (helm upgrade)', ['destructive'], { requiresApproval: true, owner: H.dev });
  edge(H.dev, 'can_invoke', releaseAgent);
  edge(H.olga, 'can_invoke', releaseAgent);
  edge(releaseAgent, 'uses_credential', githubPat, { provenance: 'k8s secret release-agent/GITHUB_TOKEN' });
  edge(releaseAgent, 'has_tool', ghRelease);
  edge(releaseAgent, 'has_tool', deployProd);
  edge(ghRelease, 'writes', S.github);
  edge(deployProd, 'executes', C.ghRunner);
  edge(C.ghRunner, 'runs_as', R.ciDeployer);
  edge(releaseAgent, 'uses_model', gw);
  edge(releaseAgent, 'deployed_on', C.eksProd);
  edge(releaseAgent, 'renders_to', U.slack);

  // ---------------------------------------------------------------------------------------------------------
  // Story 6. The market-research agent browses the web, runs Python in a notebook whose role has S3 full
  // access, and saves "insights" into a memory store the sales assistant trusts.
  // ---------------------------------------------------------------------------------------------------------
  const research = agent('research-agent', 'Market research agent', {
    agentType: 'agent', framework: 'langchain', exposure: 'internal', autonomy: 'auto', authMode: 'service_identity', env: 'prod',
    owner: H.grace, costCenter: 'CC-430',
  });
  const notebook = cloud('research-notebook', 'SageMaker notebook research-01', {
    resourceType: 'notebook', sandbox: 'container', networkEgress: true, env: 'prod', owner: H.grace, rootAccess: true,
  });
  const researchRole = role('role-sagemaker-research', 'AmazonSageMaker-ExecutionRole-research (S3 full access)', {
    owner: H.grace, provenance: 'aws-iam://5820-…/role/AmazonSageMaker-ExecutionRole-research',
  });
  const webSearch = tool('web-search', 'web_search', ['untrusted_content', 'network_fetch'], { owner: H.grace });
  const python = tool('python-exec', 'python_repl', ['code_exec'], { requiresApproval: false, owner: H.grace });
  const saveInsight = tool('save-insight', 'save_account_insight', ['file_write'], { owner: H.grace });
  const insights = node('memory_store', 'mem:account-insights', 'Shared account-insights memory', {
    scope: 'shared', sensitivity: 'internal', env: 'prod', owner: H.elena,
  });
  const lcCommunity = pkg('langchain-community-0.0.27', 'langchain-community 0.0.27', {
    ecosystem: 'pypi', version: '0.0.27',
    vulns: [{ id: 'CVE-2024-3095', severity: 'high', kev: false, rce: false, summary: 'SSRF in WebResearchRetriever' }],
  });
  const lcCore = pkg('langchain-core-0.1.52', 'langchain-core 0.1.52', { ecosystem: 'pypi', version: '0.1.52', vulns: [] });
  edge(H.grace, 'can_invoke', research);
  edge(research, 'has_tool', webSearch);
  edge(research, 'has_tool', python);
  edge(research, 'has_tool', saveInsight);
  edge(webSearch, 'reads', X.internet);
  edge(python, 'executes', notebook);
  edge(notebook, 'runs_as', researchRole);
  edge(research, 'runs_as', researchRole);
  perm(researchRole, D.dataLake, ['read', 'write'], { scope: '*', note: 'AmazonS3FullAccess' });
  perm(researchRole, D.modelWeights, ['read', 'write'], { scope: '*' });
  edge(saveInsight, 'writes', insights);
  edge(research, 'uses_model', gw);
  edge(research, 'depends_on', lcCommunity);
  edge(research, 'depends_on', lcCore);
  edge(research, 'renders_to', U.slack);

  const salesAssistant = agent('sales-assistant', 'Sales assistant', {
    agentType: 'assistant', framework: 'openai-agents', exposure: 'internal', autonomy: 'hitl_sensitive', authMode: 'end_user_delegated',
    env: 'prod', owner: H.elena, costCenter: 'CC-600',
  });
  const mcpSalesforce = mcp('salesforce', 'Salesforce MCP server (hosted)', {
    transport: 'streamable-http', launch: 'https://mcp.salesforce.com/northwind', versionPinned: true, publisherVerified: true,
    sanctioned: true, trust: 'third_party', auth: 'oauth', tls: true, exposure: 'internal', owner: H.elena,
  });
  const sfdcQuery = tool('sfdc-query', 'salesforce.soql_query', ['private_data'], { owner: H.elena });
  const draftEmail = tool('draft-email', 'draft_email (saved to drafts, not sent)', [], { owner: H.elena });
  const sfdcMcpToken = cred('sfdc-mcp-oauth', 'Salesforce MCP OAuth token (per user)', {
    credType: 'oauth_access', storage: 'vault', exposure: 'private', createdAt: '2026-11-19', expiresAt: '2026-11-20T02:00:00Z', owner: H.elena,
  });
  const sfdcMcpApp = node('nhi', 'nhi:sfdc-mcp-connected-app', 'Salesforce connected app (MCP, user-delegated)', { subtype: 'oauth_client', owner: H.elena });
  const salesDrafts = store('sales-drafts', 'Exchange drafts folder (sales)', { storeType: 'mailbox', sensitivity: 'internal', owner: H.mark });
  for (const h of [H.mark, H.elena, H.tyler]) edge(h, 'can_invoke', salesAssistant);
  edge(salesAssistant, 'connects_to', mcpSalesforce);
  edge(mcpSalesforce, 'provides', sfdcQuery);
  edge(sfdcQuery, 'reads', S.salesforce);
  edge(mcpSalesforce, 'uses_credential', sfdcMcpToken);
  edge(sfdcMcpToken, 'authenticates_as', sfdcMcpApp);
  perm(sfdcMcpApp, S.salesforce, ['read']);
  edge(salesAssistant, 'remembers', insights);
  edge(salesAssistant, 'has_tool', draftEmail);
  edge(draftEmail, 'writes', salesDrafts);
  edge(salesAssistant, 'uses_model', gw);
  edge(salesAssistant, 'renders_to', U.slack);

  // ---------------------------------------------------------------------------------------------------------
  // Story 7. The workspace copilot reads every mailbox and the drive, and answers in a client that fetches
  // Markdown images through an allow-listed proxy (EchoLeak shape).
  // ---------------------------------------------------------------------------------------------------------
  const copilot = agent('workspace-copilot', 'Workspace copilot (Teams)', {
    agentType: 'copilot', framework: 'copilot-studio', exposure: 'internal', autonomy: 'hitl_all', authMode: 'end_user_delegated', env: 'prod',
    owner: H.owen, costCenter: 'CC-150',
  });
  edge(G.allStaff, 'can_invoke', copilot);
  edge(copilot, 'reads', D.mailboxes);
  edge(copilot, 'reads', D.corpDrive);
  edge(copilot, 'uses_model', M.azureEu);
  edge(copilot, 'renders_to', U.teams);
  edge(X.inboundMail, 'writes', D.mailboxes);

  // ---------------------------------------------------------------------------------------------------------
  // Story 8. The analyst's desktop assistant: a vetted Snowflake MCP server next to an unpinned, unverified
  // community server installed from a blog post.
  // ---------------------------------------------------------------------------------------------------------
  const analyst = agent('analyst-copilot', 'Claude Desktop (Ben\'s laptop)', {
    agentType: 'assistant', framework: 'claude-desktop', exposure: 'internal', autonomy: 'hitl_sensitive', authMode: 'end_user_delegated',
    host: 'ws-ben-mbp', owner: H.ben, costCenter: 'CC-430',
  });
  const mcpSnowflake = mcp('snowflake', 'Snowflake MCP server', {
    transport: 'stdio', launch: 'uvx snowflake-labs-mcp==1.3.2', package: 'snowflake-labs-mcp', versionPinned: true, publisherVerified: true,
    sanctioned: true, trust: 'trusted', host: 'ws-ben-mbp', owner: H.ben, provenance: 'claude_desktop_config.json#/mcpServers/snowflake',
  });
  const mcpSheets = mcp('sheets-helper', 'sheets-mcp-helper (community)', {
    transport: 'stdio', launch: 'npx -y sheets-mcp-helper', package: 'sheets-mcp-helper', versionPinned: false, publisherVerified: false,
    sanctioned: false, trust: 'third_party', host: 'ws-ben-mbp', owner: H.ben, provenance: 'claude_desktop_config.json#/mcpServers/sheets',
  });
  const sfQuery = tool('snowflake-query', 'snowflake.run_query', ['private_data'], { owner: H.ben });
  const sheetsFormat = tool('sheets-format-table', 'sheets.format_table', [], { owner: H.ben });
  const snowflakeKey = cred('snowflake-keypair-ben', 'Snowflake key pair (ben.walsh)', {
    credType: 'private_key', storage: 'env_ref', exposure: 'private', createdAt: '2026-07-01', expiresAt: '2027-07-01', owner: H.ben,
  });
  const sheetsKey = cred('sheets-helper-api-key', 'sheets-mcp-helper API key', {
    credType: 'api_key', storage: 'args_inline', exposure: 'private', host: 'ws-ben-mbp', createdAt: '2026-10-28', owner: H.ben,
    location: 'claude_desktop_config.json#/mcpServers/sheets/args/2',
  });
  const benConfig = node('config_file', 'cfg:ben-claude-desktop-config', 'claude_desktop_config.json (Ben)', {
    path: '~/Library/Application Support/Claude/claude_desktop_config.json', host: 'ws-ben-mbp', inRepo: false, owner: H.ben,
  });
  const sheetsPkg = pkg('sheets-mcp-helper', 'sheets-mcp-helper (npm, unpinned)', { ecosystem: 'npm', version: 'latest', vulns: [] });
  const snowflakePkg = pkg('snowflake-labs-mcp-1.3.2', 'snowflake-labs-mcp 1.3.2', { ecosystem: 'pypi', version: '1.3.2', vulns: [] });
  const sfUser = node('nhi', 'nhi:snowflake-ben', 'Snowflake user BEN_WALSH (key-pair auth)', { subtype: 'database_user', owner: H.ben });
  edge(H.ben, 'can_invoke', analyst);
  edge(analyst, 'connects_to', mcpSnowflake);
  edge(analyst, 'connects_to', mcpSheets);
  edge(mcpSnowflake, 'provides', sfQuery);
  edge(mcpSheets, 'provides', sheetsFormat);
  edge(sfQuery, 'reads', D.warehouse);
  edge(mcpSnowflake, 'uses_credential', snowflakeKey);
  edge(snowflakeKey, 'authenticates_as', sfUser);
  perm(sfUser, D.warehouse, ['read']);
  edge(mcpSheets, 'uses_credential', sheetsKey);
  edge(benConfig, 'stores', sheetsKey);
  edge(mcpSnowflake, 'depends_on', snowflakePkg);
  edge(mcpSheets, 'depends_on', sheetsPkg);
  edge(analyst, 'uses_model', M.claudeApi);
  edge(analyst, 'renders_to', U.claudeDesktop);

  // ---------------------------------------------------------------------------------------------------------
  // Story 9. The IT helpdesk agent: triggered by any email to helpdesk@, can reset MFA without approval.
  // ---------------------------------------------------------------------------------------------------------
  const helpdesk = agent('it-helpdesk', 'IT helpdesk agent', {
    agentType: 'agent', framework: 'openai-agents', exposure: 'internal', autonomy: 'auto', authMode: 'service_identity', env: 'prod',
    owner: H.owen, costCenter: 'CC-150',
  });
  const itKb = node('vector_store', 'vs:it-kb', 'IT how-to index', {
    permissionTrimming: true, scope: 'shared', sensitivity: 'internal', env: 'prod', owner: H.owen,
  });
  const resetMfa = tool('okta-reset-mfa', 'okta.reset_mfa_factors', ['identity_admin'], { requiresApproval: false, owner: H.owen });
  const unlock = tool('okta-unlock-user', 'okta.unlock_user', ['identity_admin'], { requiresApproval: false, owner: H.owen });
  const oktaToken = cred('okta-api-token-helpdesk', 'Okta API token (helpdesk-svc)', {
    credType: 'api_key', storage: 'vault', exposure: 'private', createdAt: '2026-05-01', expiresAt: '2027-05-01', owner: H.owen,
  });
  const oktaSvc = node('nhi', 'nhi:okta-helpdesk-svc', 'Okta service account helpdesk-svc (Help Desk Admin)', {
    subtype: 'service_account', privileged: true, owner: H.owen,
  });
  edge(X.helpdeskMail, 'can_invoke', helpdesk, { note: 'every email to helpdesk@ starts a run' });
  edge(G.allStaff, 'can_invoke', helpdesk);
  edge(helpdesk, 'retrieves', itKb);
  edge(itKb, 'indexes', D.wikiIt);
  edge(helpdesk, 'has_tool', resetMfa);
  edge(helpdesk, 'has_tool', unlock);
  edge(resetMfa, 'uses_credential', oktaToken);
  edge(unlock, 'uses_credential', oktaToken);
  edge(oktaToken, 'authenticates_as', oktaSvc);
  perm(oktaSvc, S.okta, ['write'], { scope: 'users/factors, users/lifecycle' });
  edge(helpdesk, 'uses_model', gw);
  edge(helpdesk, 'renders_to', U.slack);
  edge(helpdesk, 'deployed_on', C.ecsAi);

  // ---------------------------------------------------------------------------------------------------------
  // Story 10. Regulated data to models out of policy: EU HR records to a US-region model (direct, no gateway),
  // and a PII lead list to a free-tier model that trains on inputs.
  // ---------------------------------------------------------------------------------------------------------
  const people = agent('people-assistant', 'People-ops assistant', {
    agentType: 'assistant', framework: 'custom', exposure: 'internal', autonomy: 'hitl_all', authMode: 'service_identity', env: 'prod',
    owner: H.hannah, costCenter: 'CC-700',
  });
  const hrLookup = tool('hris-lookup', 'hris_lookup_employee', ['private_data'], { owner: H.hannah });
  const peopleKb = node('vector_store', 'vs:people-policies', 'People policies index', {
    permissionTrimming: true, scope: 'shared', sensitivity: 'internal', owner: H.hannah,
  });
  edge(H.hannah, 'can_invoke', people);
  edge(people, 'has_tool', hrLookup);
  edge(hrLookup, 'reads', D.hris);
  edge(people, 'retrieves', peopleKb);
  edge(peopleKb, 'indexes', D.policies);
  edge(people, 'uses_model', M.gpt4oUs, { note: 'calls api.openai.com directly; predates the gateway', ticket: 'PEOPLE-19' });
  edge(people, 'renders_to', U.teams);

  const campaign = agent('campaign-writer', 'Campaign copy writer', {
    agentType: 'workflow', framework: 'n8n', exposure: 'internal', autonomy: 'hitl_all', authMode: 'service_identity', env: 'prod',
    owner: H.julia, costCenter: 'CC-900',
  });
  const readLeads = tool('read-lead-list', 'read_spreadsheet', ['file_read', 'private_data'], { owner: H.julia });
  edge(H.julia, 'can_invoke', campaign);
  edge(campaign, 'has_tool', readLeads);
  edge(readLeads, 'reads', D.leads);
  edge(campaign, 'reads', D.brand);
  edge(campaign, 'uses_model', M.geminiFree);

  // ---------------------------------------------------------------------------------------------------------
  // Story 11. The orphaned contract summarizer: its owner left in April, its DocuSign key still works.
  // ---------------------------------------------------------------------------------------------------------
  const summarizer = agent('contract-summarizer', 'Contract summarizer (legal ops)', {
    agentType: 'workflow', framework: 'custom', exposure: 'internal', autonomy: 'auto', authMode: 'service_identity', env: 'prod',
    owner: H.marcus, lastSeen: '2026-05-02', costCenter: 'CC-800', tags: ['legacy'],
  });
  const docusignKey = cred('docusign-api-key', 'DocuSign integration key (legal-ops)', {
    credType: 'api_key', storage: 'env_ref', exposure: 'private', createdAt: '2023-09-14', owner: H.marcus,
  });
  const docusignUser = node('nhi', 'nhi:docusign-api-user', 'DocuSign API user legal-ops-integration', { subtype: 'api_principal', owner: H.marcus });
  const fetchEnvelopes = tool('docusign-fetch-envelopes', 'fetch_envelopes', ['private_data'], { owner: H.marcus });
  const lambdaLegal = cloud('lambda-contract-summarizer', 'Lambda contract-summarizer', { resourceType: 'function', env: 'prod', owner: H.marcus });
  edge(summarizer, 'uses_credential', docusignKey);
  edge(docusignKey, 'authenticates_as', docusignUser);
  perm(docusignUser, S.docusign, ['read']);
  edge(summarizer, 'has_tool', fetchEnvelopes);
  edge(fetchEnvelopes, 'reads', S.docusign);
  edge(fetchEnvelopes, 'reads', D.contracts);
  edge(summarizer, 'uses_model', legacyGw);
  // Marcus's personal DocuSign admin seat was revoked at offboarding; the collector keeps the grant for audit,
  // switched off. His Legal group membership (above) was not removed, so he still reaches DocuSign through it.
  perm(H.marcus, S.docusign, ['admin'], { traversable: false, revokedAt: '2026-04-30', ticket: 'HR-3381' });
  edge(summarizer, 'deployed_on', lambdaLegal);

  // ---------------------------------------------------------------------------------------------------------
  // Story 12. The marketing site's "Ask Northwind" widget ships an OpenAI key in its JavaScript bundle.
  // ---------------------------------------------------------------------------------------------------------
  const widget = agent('www-ask-widget', '"Ask Northwind" website widget', {
    agentType: 'chatbot', framework: 'vercel-ai-sdk', exposure: 'anonymous', autonomy: 'auto', authMode: 'service_identity', env: 'prod',
    owner: H.julia, costCenter: 'CC-900',
  });
  const publicDocsIndex = node('vector_store', 'vs:public-docs', 'Public docs index', {
    permissionTrimming: false, scope: 'shared', sensitivity: 'public', env: 'prod', owner: H.julia,
  });
  const widgetKey = cred('openai-key-www', 'OpenAI API key (website widget)', {
    credType: 'api_key', storage: 'code', exposure: 'client_bundle', createdAt: '2025-02-14', owner: H.julia,
    location: 'https://www.northwind-analytics.com/_next/static/chunks/ask-widget.js', ticket: 'WEB-402',
  });
  const openaiWww = node('nhi', 'nhi:openai-project-www', 'OpenAI project "website" (no spend limit)', {
    subtype: 'provider_account', providerAccount: true, owner: H.julia,
  });
  edge(X.visitors, 'can_invoke', widget);
  edge(widget, 'retrieves', publicDocsIndex);
  edge(publicDocsIndex, 'indexes', D.productDocs);
  edge(publicDocsIndex, 'indexes', D.helpCenter);
  edge(widget, 'uses_credential', widgetKey);
  edge(widgetKey, 'authenticates_as', openaiWww);
  perm(openaiWww, M.gpt4oMini, ['invoke']);
  edge(widget, 'uses_model', M.gpt4oMini);
  edge(widget, 'renders_to', U.webWidget);
  edge(D.wwwAssets, 'stores', widgetKey);
  edge(C.cdn, 'reads', D.wwwAssets);
  const webDeploy = role('role-www-deploy', 'www-deploy (GitHub OIDC)', { owner: H.julia });
  perm(webDeploy, D.wwwAssets, ['read', 'write']);

  // ---------------------------------------------------------------------------------------------------------
  // Story 13. The Ray training cluster: dashboard open to the internet, ShadowRay-vulnerable, its role reads
  // the training data.
  // ---------------------------------------------------------------------------------------------------------
  const ray = cloud('ray-training', 'Ray cluster ml-training (GPU)', {
    resourceType: 'ray_cluster', exposure: 'public', sandbox: 'none', networkEgress: true, env: 'staging', owner: H.leo,
    vulns: [{ id: 'CVE-2023-48022', severity: 'critical', kev: false, rce: true, summary: 'Ray Jobs API unauthenticated RCE (ShadowRay)' }],
    provenance: 'aws-ec2://5820-…/sg/ray-dashboard-8265-0.0.0.0/0',
  });
  const rayRole = role('role-ray-training', 'ray-training-node-role', { owner: H.leo });
  edge(M.llamaFt, 'deployed_on', ray);
  edge(ray, 'runs_as', rayRole);
  perm(rayRole, D.trainingData, ['read']);
  perm(rayRole, D.modelWeights, ['read', 'write']);
  edge(H.leo, 'can_assume', rayRole);

  // ---------------------------------------------------------------------------------------------------------
  // Story 14. An internal docs-search MCP server over plain HTTP with no authentication, reachable from the
  // whole office network, fronting the confidential engineering wiki.
  // ---------------------------------------------------------------------------------------------------------
  const mcpDocs = mcp('eng-docs-search', 'eng-docs-search MCP (internal HTTP)', {
    transport: 'streamable-http', launch: 'http://10.20.4.17:8080/mcp', versionPinned: true, publisherVerified: true, sanctioned: true,
    trust: 'internal', auth: 'none', tls: false, bind: '0.0.0.0', exposure: 'org_network', owner: H.olga, env: 'prod',
  });
  const searchDocs = tool('search-eng-docs', 'search_confluence', ['private_data'], { owner: H.olga });
  const confluenceToken = cred('confluence-svc-token', 'Confluence API token (docs-search-svc)', {
    credType: 'api_key', storage: 'vault', exposure: 'private', createdAt: '2026-04-02', expiresAt: '2027-04-02', owner: H.olga,
  });
  const confluenceSvc = node('nhi', 'nhi:confluence-docs-svc', 'Confluence user docs-search-svc', { subtype: 'service_account', owner: H.olga });
  const onboarding = agent('eng-onboarding-buddy', 'Engineering onboarding buddy', {
    agentType: 'assistant', framework: 'openai-agents', exposure: 'internal', autonomy: 'hitl_all', authMode: 'end_user_delegated', env: 'prod',
    owner: H.olga, costCenter: 'CC-400',
  });
  const handbookIndex = node('vector_store', 'vs:eng-handbook', 'Engineering handbook index', {
    permissionTrimming: true, scope: 'per_user', sensitivity: 'internal', owner: H.olga,
  });
  edge(mcpDocs, 'provides', searchDocs);
  edge(searchDocs, 'reads', D.wikiEng);
  edge(mcpDocs, 'uses_credential', confluenceToken);
  edge(confluenceToken, 'authenticates_as', confluenceSvc);
  perm(confluenceSvc, D.wikiEng, ['read']);
  edge(mcpDocs, 'deployed_on', C.eksProd);
  edge(G.engineering, 'can_invoke', onboarding);
  edge(onboarding, 'connects_to', mcpDocs);
  edge(onboarding, 'retrieves', handbookIndex);
  edge(handbookIndex, 'indexes', D.wikiHandbook);
  edge(onboarding, 'uses_model', gw);
  edge(onboarding, 'renders_to', U.slack);

  // ---------------------------------------------------------------------------------------------------------
  // Ordinary, well-run AI around the stories (nothing here should raise a finding).
  // ---------------------------------------------------------------------------------------------------------
  // Incident summarizer: reads PagerDuty and Datadog, posts to #incidents.
  const incident = agent('incident-summarizer', 'Incident summarizer', {
    agentType: 'workflow', framework: 'custom', exposure: 'internal', autonomy: 'auto', authMode: 'service_identity', env: 'prod',
    owner: H.dev, costCenter: 'CC-410',
  });
  const pdRead = tool('pagerduty-get-incident', 'pagerduty.get_incident', [], { owner: H.dev });
  const ddQuery = tool('datadog-query-metrics', 'datadog.query_metrics', [], { owner: H.dev });
  const postIncident = tool('post-incident-update', 'slack.post_message (#incidents only)', [], { owner: H.dev });
  edge(G.sre, 'can_invoke', incident);
  edge(incident, 'has_tool', pdRead);
  edge(incident, 'has_tool', ddQuery);
  edge(incident, 'has_tool', postIncident);
  edge(pdRead, 'reads', S.pagerduty);
  edge(ddQuery, 'reads', S.datadog);
  edge(postIncident, 'writes', D.incidentsChannel);
  edge(incident, 'uses_model', gw);
  edge(incident, 'deployed_on', C.eksProd);
  edge(incident, 'renders_to', U.slack);

  // Docs writer: one filesystem MCP server (unpinned, but alone and scoped to the docs repo).
  const docsWriter = agent('docs-writer', 'Docs writer', {
    agentType: 'assistant', framework: 'claude-code', exposure: 'internal', autonomy: 'hitl_all', authMode: 'end_user_delegated', env: 'dev',
    owner: H.sam, costCenter: 'CC-400',
  });
  const mcpFs = mcp('filesystem-docs', 'Filesystem MCP server (docs checkout)', {
    transport: 'stdio', launch: 'npx -y @modelcontextprotocol/server-filesystem ~/src/docs', package: '@modelcontextprotocol/server-filesystem',
    versionPinned: false, publisherVerified: true, sanctioned: true, trust: 'trusted', owner: H.sam,
  });
  const fsPkg = pkg('mcp-server-filesystem', '@modelcontextprotocol/server-filesystem (npm, latest)', { ecosystem: 'npm', version: 'latest', vulns: [] });
  const fsRead = tool('fs-read-docs', 'read_file (docs checkout)', ['file_read'], { pathScope: '~/src/docs', owner: H.sam });
  const fsWrite = tool('fs-write-docs', 'write_file (docs checkout)', ['file_write'], { pathScope: '~/src/docs', owner: H.sam });
  edge(H.sam, 'can_invoke', docsWriter);
  edge(docsWriter, 'connects_to', mcpFs);
  edge(mcpFs, 'provides', fsRead);
  edge(mcpFs, 'provides', fsWrite);
  edge(fsRead, 'reads', D.docsRepo);
  edge(fsWrite, 'writes', D.docsRepo);
  edge(mcpFs, 'depends_on', fsPkg);
  edge(docsWriter, 'uses_model', gw);
  edge(docsWriter, 'renders_to', U.terminal);

  // Executive briefing: internal, reads board decks, asks the forecaster for numbers.
  const briefing = agent('exec-briefing', 'Executive briefing assistant', {
    agentType: 'assistant', framework: 'openai-agents', exposure: 'internal', autonomy: 'hitl_all', authMode: 'end_user_delegated', env: 'prod',
    owner: H.aisling, costCenter: 'CC-100',
  });
  edge(H.aisling, 'can_invoke', briefing);
  edge(H.tom, 'can_invoke', briefing);
  edge(briefing, 'reads', D.boardDecks);
  edge(briefing, 'delegates_to', revops, { protocol: 'a2a', identityPropagation: true, auth: 'oauth' });
  edge(briefing, 'uses_model', gw);
  edge(briefing, 'renders_to', U.teams);

  // Sanctioned AI SaaS with assessed vendors.
  const chatgptEnt = saas('chatgpt-enterprise', 'ChatGPT Enterprise', {
    vendor: 'OpenAI', category: 'ai', env: 'prod', sensitivity: 'internal', owner: H.farah, ssoEnforced: true,
  });
  const translator = saas('deepl-pro', 'DeepL Pro (document translation)', {
    vendor: 'DeepL', category: 'ai', env: 'prod', sensitivity: 'internal', owner: H.julia,
  });
  perm(G.allStaff, chatgptEnt, ['invoke']);
  perm(G.marketing, translator, ['invoke']);
  perm(G.legal, translator, ['invoke']);

  // Agent frameworks and SDKs in use (supply chain).
  const llamaIndex = pkg('llama-index-core-0.12.8', 'llama-index-core 0.12.8', { ecosystem: 'pypi', version: '0.12.8', vulns: [] });
  const openaiAgents = pkg('openai-agents-0.4.2', 'openai-agents 0.4.2', { ecosystem: 'pypi', version: '0.4.2', vulns: [] });
  const ghMcpImg = pkg('github-mcp-server-0.20.1', 'github-mcp-server 0.20.1 (container)', { ecosystem: 'oci', version: '0.20.1', vulns: [] });
  const fetchPkg = pkg('mcp-server-fetch-2025.4.7', 'mcp-server-fetch 2025.4.7', { ecosystem: 'pypi', version: '2025.4.7', vulns: [] });
  const skPkg = pkg('semantic-kernel-1.37.0', 'semantic-kernel 1.37.0', { ecosystem: 'pypi', version: '1.37.0', vulns: [] });
  edge(supportBot, 'depends_on', llamaIndex);
  for (const a of [revops, salesAssistant, helpdesk, onboarding, briefing]) edge(a, 'depends_on', openaiAgents);
  edge(mcpGithub, 'depends_on', ghMcpImg);
  edge(mcpFetch, 'depends_on', fetchPkg);
  edge(financeAgent, 'depends_on', skPkg);

  // More of the estate: storage and services nobody's AI touches (yet).
  const misc = {
    backups: store('s3-db-backups', 's3://nw-db-backups', { storeType: 'bucket', sensitivity: 'restricted', env: 'prod', owner: H.dev }),
    logs: store('s3-app-logs', 's3://nw-app-logs', { storeType: 'bucket', sensitivity: 'internal', env: 'prod', owner: H.dev }),
    stagingDb: store('staging-db', 'Product database (staging)', { storeType: 'database', sensitivity: 'internal', env: 'staging', owner: H.jonas }),
    featureStore: store('feature-store', 'Feature store (Feast on Redis)', { storeType: 'database', sensitivity: 'internal', env: 'prod', owner: H.leo }),
    evalSets: store('s3-eval-sets', 's3://nw-llm-eval-sets', { storeType: 'bucket', sensitivity: 'internal', env: 'dev', owner: H.leo }),
    promptCache: node('memory_store', 'mem:gateway-prompt-cache', 'Gateway semantic prompt cache', {
      scope: 'user', sensitivity: 'internal', env: 'prod', owner: H.farah,
    }),
    sessionMem: node('memory_store', 'mem:helpdesk-sessions', 'Helpdesk conversation memory', { scope: 'session', sensitivity: 'internal', owner: H.owen }),
    copilotMem: node('memory_store', 'mem:copilot-user-memory', 'Copilot per-user memory', { scope: 'user', sensitivity: 'internal', owner: H.owen }),
  };
  edge(helpdesk, 'remembers', misc.sessionMem);
  edge(copilot, 'remembers', misc.copilotMem);
  perm(G.sre, misc.backups, ['read']);
  perm(R.prodAdmin, misc.backups, ['admin']);
  perm(R.eksNodes, misc.logs, ['write']);
  perm(G.engineering, misc.stagingDb, ['read', 'write']);
  perm(G.aiPlatform, misc.featureStore, ['read', 'write']);
  perm(G.aiPlatform, misc.evalSets, ['read', 'write']);
  perm(G.aiPlatform, gw, ['admin']);
  perm(G.aiPlatform, misc.promptCache, ['read']);
  perm(R.ecsTaskExec, D.ecr, ['read']);
  perm(R.ciDeployer, D.ecr, ['read', 'write']);
  perm(G.aiPlatform, C.awsData, ['admin']);
  perm(G.security, C.awsProd, ['read'], { scope: 'SecurityAudit' });

  return {
    format: 'pathlight-inventory',
    version: 1,
    generatedAt: '2026-11-20T08:00:00Z',
    source: { name: 'northwind-analytics (sample)', collector: 'scripts/build-sample.ts' },
    nodes,
    edges: checked(nodes, edges),
  };
}

function checked(nodes: readonly SampleNode[], edges: SampleEdge[]): SampleEdge[] {
  const ids = new Set(nodes.map((n) => n.id));
  for (const e of edges) {
    for (const end of [e.source, e.target]) if (!ids.has(end)) throw new Error(`edge ${e.source} -${e.kind}-> ${e.target}: no node ${end}`);
  }
  return edges;
}

/** The file's exact text: two-space indented JSON and a final newline. */
export function sampleText(): string {
  return `${JSON.stringify(buildSample(), null, 2)}\n`;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const text = sampleText();
  writeFileSync(SAMPLE_PATH, text);
  const doc = JSON.parse(text) as SampleInventory;
  console.log(`wrote ${SAMPLE_PATH}: ${doc.nodes.length} nodes, ${doc.edges.length} edges`);
}
