import { describe, expect, it } from 'vitest';

import { expectProvenance, failed, fixture, ok } from './test/helpers.ts';

/**
 * Every real file of the shared data set that an importer claims, one at a time: its format and the number
 * of nodes and edges it becomes (stubs for references included). A change in any figure is a change in
 * what the importer maps; update the table only on purpose.
 */
const TABLE: readonly [string, string, number, number][] = [
    ['aws-cloudmapper-demo/ec2-describe-instances.json', 'aws-resources', 3, 0],
    ['aws-cloudmapper-demo/iam-get-account-authorization-details.json', 'aws-iam', 31, 39],
    ['aws-cloudmapper-demo/iam-get-account-summary.json', 'aws-resources', 0, 0],
    ['aws-cloudmapper-demo/iam-get-credential-report.json', 'aws-resources', 7, 4],
    ['aws-cloudmapper-demo/lambda-get-policy__invpclambda.json', 'aws-resources', 2, 1],
    ['aws-cloudmapper-demo/lambda-list-functions.json', 'aws-resources', 2, 1],
    ['aws-cloudmapper-demo/rds-describe-db-instances.json', 'aws-resources', 1, 0],
    ['aws-cloudmapper-demo/redshift-describe-clusters.json', 'aws-resources', 1, 0],
    ['aws-cloudmapper-demo/s3-get-bucket-policy__cloudmapper_demo.json', 'aws-resources', 2, 1],
    ['aws-cloudmapper-demo/s3-list-buckets.json', 'aws-resources', 1, 0],
    ['aws-cloudmapper-demo/secretsmanager-get-resource-policy__demo-secret.json', 'aws-resources', 1, 0],
    ['aws-cloudmapper-demo/secretsmanager-list-secrets.json', 'aws-resources', 1, 0],
    ['aws-cloudmapper-demo/sts-get-caller-identity.json', 'aws-resources', 1, 0],
    ['aws-iam/example-authz-details.json', 'aws-iam', 33, 55],
    ['cards/credential-manager-mcp__mcp-manifest.json', 'mcp-server-card', 6, 5],
    ['cards/credential-manager-mcp__server-card.json', 'mcp-server-card', 6, 5],
    ['cyclonedx/saasbom-apigateway-microservices-datastores.bom.json', 'cyclonedx', 8, 9],
    ['cyclonedx/valid-machine-learning-considerations-env-1.6.json', 'cyclonedx', 1, 0],
    ['mcp-configs/12knocksinna-office365itpros__.vscode_mcp.json', 'mcp-config', 3, 1],
    ['mcp-configs/latros-claude-setup/filesystem.config.json', 'mcp-config', 17, 27],
    ['mcp-configs/latros-claude-setup/github.config.json', 'mcp-config', 24, 40],
    ['mcp-configs/microsoft-vscode__.vscode_mcp.json', 'mcp-config', 3, 1],
    ['mcp-configs/modelcontextprotocol-inspector__sample-config.json', 'mcp-config', 15, 13],
    ['mcp-configs/posthog-posthog__.mcp.json', 'mcp-config', 3, 1],
    ['okta-api/api/agent_pools.json', 'okta', 1, 0],
    ['okta-api/api/api_services.json', 'okta', 2, 1],
    ['okta-api/api/api_tokens.json', 'okta', 3, 2],
    ['okta-api/api/app_jwks.json', 'okta', 3, 2],
    ['okta-api/api/application_users.json', 'okta', 2, 1],
    ['okta-api/api/applications.json', 'okta', 1, 0],
    ['okta-api/api/auth_servers.json', 'okta', 1, 0],
    ['okta-api/api/client_secrets.json', 'okta', 3, 2],
    ['okta-api/api/custom_role_permissions.json', 'okta', 2, 1],
    ['okta-api/api/custom_roles.json', 'okta', 2, 0],
    ['okta-api/api/devices.json', 'okta', 2, 0],
    ['okta-api/api/group_apps.json', 'okta', 1, 0],
    ['okta-api/api/group_members.json', 'okta', 1, 0],
    ['okta-api/api/groups.json', 'okta', 2, 0],
    ['okta-api/api/idps.json', 'okta', 8, 6],
    ['okta-api/api/organization.json', 'okta', 1, 0],
    ['okta-api/api/policies.json', 'okta', 0, 0],
    ['okta-api/api/realms.json', 'okta', 0, 0],
    ['okta-api/api/resource_sets.json', 'okta', 0, 0],
    ['okta-api/api/users.json', 'okta', 1, 0],
    ['opengraph/githound_saml_O_kgDOCoV2OQ.json', 'opengraph', 5, 5],
    ['opengraph/githound_scim_O_kgDOCoV2OQ.json', 'opengraph', 0, 0],
    ['opengraph/opengraph-minimal.json', 'opengraph', 2, 1],
    ['opengraph/opengraph-ui-test-payload.json', 'opengraph', 4, 2],
    ['opengraph/opengraph-ui-test-schema.json', 'opengraph-schema', 0, 0],
    ['opengraph/githound_O_kgDOCoV2OQ.json', 'opengraph', 340, 2763],
    ['sharphound-azurehound/azurehound_federated_identity_credentials.json', 'azurehound', 24, 27],
    ['sharphound-azurehound/sharphound_v6_users_ESC1.LOCAL.json', 'sharphound', 22, 149],
];

describe('every claimed fixture file', () => {
  it.each(TABLE)('%s → %s, %i nodes, %i edges', (rel, format, nodes, edges) => {
    const r = ok([fixture(rel)]);
    expect(r.reports).toHaveLength(1);
    expect(r.reports[0]!.format).toBe(format);
    expect([r.inventory.nodes.length, r.inventory.edges.length]).toEqual([nodes, edges]);
    expectProvenance(r.inventory);
    for (const n of r.inventory.nodes) expect(String(n.fields.provenance).startsWith(`${rel.split('/').pop()}#`)).toBe(true);
  });

  it.each(['opengraph/opengraph-node.json', 'opengraph/opengraph-edge.json'])('%s (a JSON Schema, not data) is refused with a clear message', (rel) => {
    expect(failed([fixture(rel)])[0]).toMatchObject({ code: 'NOT_AN_INVENTORY', message: expect.stringMatching(/JSON Schema/) });
  });
});
