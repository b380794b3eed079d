/**
 * CycloneDX BOMs (1.4–1.7 JSON): ML-BOM (`machine-learning-model` components, model-card datasets), `data`
 * components, SaaSBOM services (endpoints, `authenticated`, `x-trust-boundary`, data classifications and
 * flows), dependencies and VEX.
 */
import { ISSUE_CODES } from '../model/issues.ts';
import type { NodeKind } from '../model/node-kinds.ts';

import type { DocBuilder } from './builder.ts';
import { arr, hostOf, isObj, isPrivateHost, own, ptr, safeUrl, str, strList, urlKey } from './util.ts';

export function isCycloneDx(json: unknown): boolean {
  return own(json, 'bomFormat') === 'CycloneDX';
}

const SENSITIVE = /^(pii|phi|pci|pifi|spi|confidential|restricted|secret|sensitive|personal)/i;

function sensitivityOf(classes: string[]): string | undefined {
  if (classes.length === 0) return undefined;
  if (classes.some((c) => /restricted|secret|phi|pci/i.test(c))) return 'restricted';
  if (classes.some((c) => SENSITIVE.test(c))) return 'confidential';
  if (classes.some((c) => /internal/i.test(c))) return 'internal';
  return 'public';
}

const STORE_HINT = /postgres|mysql|mariadb|database|\bdb\b|\bs3\b|bucket|redis|mongo|storage|dynamo|elasticsearch|opensearch|snowflake|bigquery|warehouse|sql/i;

export function importCycloneDx(json: unknown, b: DocBuilder): void {
  const bom = json as Record<string, unknown>;
  const refs = new Map<string, string>();
  const kinds = new Map<string, NodeKind>();
  const flows = new Map<string, string[]>();
  const idFor = (ref: string) => `cdx:${ref}`;

  const subject = own(own(bom, 'metadata'), 'component');
  if (isObj(subject)) component(subject, '/metadata/component', true);

  const walkComponents = (list: unknown, base: string) => {
    arr(list).forEach((c, i) => {
      if (!isObj(c)) {
        b.warn(ISSUE_CODES.INVALID_NODE, `${base}/${i}`, 'component is not an object; ignored');
        return;
      }
      component(c, `${base}/${i}`, false);
      walkComponents(own(c, 'components'), `${base}/${i}/components`);
    });
  };
  walkComponents(own(bom, 'components'), '/components');

  const walkServices = (list: unknown, base: string, parent: string | undefined) => {
    arr(list).forEach((s, i) => {
      const at = `${base}/${i}`;
      if (!isObj(s)) {
        b.warn(ISSUE_CODES.INVALID_NODE, at, 'service is not an object; ignored');
        return;
      }
      const name = str(own(s, 'name')) ?? `service ${i}`;
      const ref = str(own(s, 'bom-ref')) ?? `${name}@${at}`;
      const endpoints = strList(own(s, 'endpoints')).map((u, ui) => safeUrl(b, u, `${at}/endpoints/${ui}`));
      const hosts = endpoints.map(hostOf).filter((h): h is string => h !== undefined);
      const boundary = own(s, 'x-trust-boundary') === true || own(s, 'trustZone') !== undefined && own(s, 'trustZone') !== 'internal';
      const authenticated = own(s, 'authenticated');
      const data = arr(own(s, 'data'));
      const classes = data.map((d) => str(own(d, 'classification'))).filter((c): c is string => c !== undefined);
      const text = `${name} ${str(own(s, 'group')) ?? ''} ${str(own(s, 'description')) ?? ''}`;
      const kind: NodeKind = STORE_HINT.test(text) ? 'data_store' : boundary && hosts.some((h) => !isPrivateHost(h)) && parent === undefined ? 'saas_app' : boundary ? 'saas_app' : 'cloud_resource';
      const sens = sensitivityOf(classes);
      const id = b.node(idFor(ref), kind, name, at, {
        bomRef: ref,
        description: str(own(s, 'description')),
        version: str(own(s, 'version')),
        vendor: str(own(own(s, 'provider'), 'name')),
        endpoints: endpoints.length > 0 ? endpoints : undefined,
        authenticated: typeof authenticated === 'boolean' ? authenticated : undefined,
        trustBoundary: boundary || undefined,
        exposure: boundary && hosts.some((h) => !isPrivateHost(h)) ? (authenticated === false ? 'public' : 'authenticated_external') : 'internal',
        dataClasses: classes.length > 0 ? [...new Set(classes)] : undefined,
        sensitivity: sens,
        ...(kind === 'cloud_resource' ? { resourceType: 'service' } : {}),
        ...(kind === 'data_store' ? { storeType: 'service_datastore' } : {}),
      }, { keys: endpoints.map(urlKey) });
      refs.set(ref, id);
      kinds.set(ref, kind);
      flows.set(ref, data.map((d) => str(own(d, 'flow')) ?? 'bi-directional'));
      if (authenticated === false && boundary) {
        const ext = b.node('external:internet', 'external', 'The internet', at, { subtype: 'internet' });
        b.edge(ext, 'has_permission', id, at, { actions: ['invoke'], auth: 'none' });
      }
      if (parent) b.edge(parent, kind === 'data_store' ? 'reads' : 'connects_to', id, at, { nested: true });
      walkServices(own(s, 'services'), `${at}/services`, undefined);
    });
  };
  walkServices(own(bom, 'services'), '/services', undefined);

  arr(own(bom, 'dependencies')).forEach((d, i) => {
    const from = str(own(d, 'ref'));
    if (!from) return;
    const src = refs.get(from);
    if (!src) {
      b.warn(ISSUE_CODES.MISSING_ENDPOINT, `/dependencies/${i}/ref`, `no component or service with bom-ref "${from}"; this dependency is left out`);
      return;
    }
    strList(own(d, 'dependsOn')).forEach((to, j) => {
      const at = `/dependencies/${i}/dependsOn/${j}`;
      const dst = refs.get(to);
      if (!dst) {
        b.warn(ISSUE_CODES.MISSING_ENDPOINT, at, `no component or service with bom-ref "${to}"; this dependency is left out`);
        return;
      }
      const tk = kinds.get(to);
      if (tk === 'data_store') {
        const f = flows.get(to) ?? [];
        if (f.length === 0 || f.some((x) => /bi|outbound/i.test(x))) b.edge(src, 'reads', dst, at);
        if (f.length === 0 || f.some((x) => /bi|inbound/i.test(x))) b.edge(src, 'writes', dst, at);
      } else if (tk === 'package' || tk === 'model') b.edge(src, tk === 'model' ? 'uses_model' : 'depends_on', dst, at);
      else b.edge(src, 'connects_to', dst, at, { dependency: true });
    });
  });

  arr(own(bom, 'vulnerabilities')).forEach((v, i) => {
    const id = str(own(v, 'id'));
    if (!id) return;
    const state = str(own(own(v, 'analysis'), 'state'));
    const severity = str(own(arr(own(v, 'ratings'))[0], 'severity'));
    for (const a of arr(own(v, 'affects'))) {
      const ref = str(own(a, 'ref'));
      const node = ref ? b.nodes.get(refs.get(ref) ?? '') : undefined;
      if (!node) continue;
      const list = (node.fields.vulns as unknown[] | undefined) ?? [];
      list.push({ id, severity, ...(state ? { state } : {}), ...(state === 'not_affected' ? { notAffected: true } : {}), provenance: b.prov(`/vulnerabilities/${i}`) });
      node.fields.vulns = list;
    }
  });

  function component(c: Record<string, unknown>, at: string, isSubject: boolean): void {
    const type = str(own(c, 'type')) ?? 'library';
    const name = str(own(c, 'name')) ?? 'component';
    const group = str(own(c, 'group'));
    const ref = str(own(c, 'bom-ref')) ?? `${group ? `${group}/` : ''}${name}@${str(own(c, 'version')) ?? at}`;
    const roleText = JSON.stringify(own(c, 'properties') ?? []).toLowerCase();
    let kind: NodeKind;
    const fields: Record<string, unknown> = { bomRef: ref, componentType: type, version: str(own(c, 'version')), description: str(own(c, 'description')), purl: str(own(c, 'purl')) };
    if (type === 'machine-learning-model') {
      kind = 'model';
      fields.provider = str(own(own(c, 'supplier'), 'name')) ?? str(own(c, 'publisher'));
      fields.modelId = `${group ? `${group}/` : ''}${name}`;
      fields.task = str(own(own(own(c, 'modelCard'), 'modelParameters'), 'task'));
    } else if (type === 'data') {
      kind = 'data_store';
      const data = arr(own(c, 'data'));
      const classes = data.map((d) => str(own(d, 'classification'))).filter((x): x is string => x !== undefined);
      fields.storeType = 'dataset';
      fields.dataClasses = classes.length > 0 ? classes : undefined;
      fields.sensitivity = sensitivityOf(classes);
      if (data.some((d) => own(d, 'type') === 'configuration' || /\.env|secret|credential/i.test(str(own(d, 'name')) ?? ''))) fields.secretsCandidate = true;
    } else if (/mcp[-_ ]?server/.test(roleText)) kind = 'mcp_server';
    else if (/mcp[-_ ]?client|\bagent\b/.test(roleText)) kind = 'ai_agent';
    else if (/"tool"|\btool\b/.test(roleText)) kind = 'tool';
    else if (isSubject) {
      kind = 'cloud_resource';
      fields.resourceType = type;
    } else {
      kind = 'package';
      fields.ecosystem = /^pkg:([^/]+)/.exec(str(own(c, 'purl')) ?? '')?.[1];
    }
    const id = b.node(idFor(ref), kind, group && kind === 'package' ? `${group}/${name}` : name, at, fields);
    refs.set(ref, id);
    kinds.set(ref, kind);
    if (type === 'machine-learning-model') {
      arr(own(own(own(c, 'modelCard'), 'modelParameters'), 'datasets')).forEach((d, i) => {
        const dat = `${at}/modelCard/modelParameters/datasets/${i}`;
        const dname = str(own(d, 'name')) ?? str(own(d, 'ref')) ?? `dataset ${i}`;
        const dref = str(own(d, 'ref'));
        const classification = str(own(d, 'classification'));
        const rawUrl = str(own(own(d, 'contents'), 'url'));
        const url = rawUrl ? safeUrl(b, rawUrl, `${dat}/contents/url`) : undefined;
        const did = dref && refs.has(dref) ? refs.get(dref)! : b.node(`cdx:${ref}${ptr('dataset', dname)}`, 'data_store', dname, dat, {
          storeType: 'training_dataset',
          dataClasses: classification ? [classification] : undefined,
          sensitivity: sensitivityOf(classification ? [classification] : []),
          url,
        }, { keys: [url ? urlKey(url) : undefined] });
        b.edge(id, 'depends_on', did, dat, { relation: 'trained_on' });
      });
    }
  }
}
