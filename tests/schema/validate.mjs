// Offline validation of deploy/k8s: every object against the Kubernetes
// OpenAPI schema (kubernetes-models, ajv), then what the deployment docs
// promise: each pod runs codecell with the least privilege the container
// test proved (deploy/container/podman-run-flags: non-root, no capability,
// no privilege escalation, read-only root) plus the Localhost seccomp
// profile and hostUsers: false; resources are bounded; the agent has a
// PodDisruptionBudget selecting its pods; every embedded policy passes
// `codecell policy check`.
// usage: node validate.mjs CODECELL_BINARY   (TAP on stdout)
import { readFileSync, readdirSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';

const HERE = dirname(fileURLToPath(import.meta.url));
const DIR = join(HERE, '..', '..', 'deploy', 'k8s');
const codecell = process.argv[2];
let n = 0, failed = 0;
const ok = (cond, name, detail) => {
  n++;
  if (!cond) failed++;
  console.log(`${cond ? 'ok' : 'not ok'} ${n} - ${name.replace(/[#\n]/g, ' ')}`);
  if (!cond && detail) for (const l of String(detail).split('\n').slice(0, 20)) console.log('#   ' + l);
};

async function model(obj) {
  const [group, version] = obj.apiVersion.includes('/') ? obj.apiVersion.split('/') : ['', obj.apiVersion];
  const path = group ? `kubernetes-models/${group}/${version}/${obj.kind}` : `kubernetes-models/${version}/${obj.kind}`;
  const mod = await import(path);
  return new mod[obj.kind](obj);
}

const objects = [];
for (const f of readdirSync(DIR).filter((f) => f.endsWith('.yaml')).sort()) {
  const docs = parseAllDocuments(readFileSync(join(DIR, f), 'utf8'));
  for (const d of docs) {
    ok(d.errors.length === 0, `${f}: YAML parses`, d.errors.join('\n'));
    const obj = d.toJS();
    if (!obj) continue;
    objects.push({ file: f, obj });
    try {
      (await model(obj)).validate();
      ok(true, `${f}: ${obj.kind} ${obj.metadata?.name} matches the Kubernetes schema`);
    } catch (e) {
      ok(false, `${f}: ${obj.kind} ${obj.metadata?.name} matches the Kubernetes schema`, e.message);
    }
  }
}

// The least-privilege contract for pods that run codecell.
for (const { file, obj } of objects) {
  const pod = obj.spec?.template?.spec;
  if (!pod || !['Deployment', 'Job'].includes(obj.kind)) continue;
  const name = `${file}: ${obj.kind} ${obj.metadata.name}`;
  ok(pod.hostUsers === false, `${name}: hostUsers false`);
  ok(pod.automountServiceAccountToken === false, `${name}: no service account token`);
  ok(pod.securityContext?.runAsNonRoot === true && pod.securityContext?.runAsUser === 65534,
    `${name}: runs as nobody (as --user=65534:65534)`);
  ok(pod.securityContext?.seccompProfile?.type === 'Localhost' &&
    pod.securityContext.seccompProfile.localhostProfile === 'profiles/codecell.json',
    `${name}: the Localhost profile from make-profile.py`);
  for (const c of pod.containers) {
    const sc = c.securityContext ?? {};
    ok(sc.allowPrivilegeEscalation === false, `${name}/${c.name}: no privilege escalation (no-new-privileges)`);
    ok(sc.readOnlyRootFilesystem === true, `${name}/${c.name}: read-only root (--read-only)`);
    ok(JSON.stringify(sc.capabilities?.drop) === '["ALL"]' && !sc.capabilities?.add,
      `${name}/${c.name}: every capability dropped (--cap-drop=all)`);
    ok(sc.privileged !== true, `${name}/${c.name}: not privileged`);
    ok(!!(c.resources?.limits?.cpu && c.resources?.limits?.memory), `${name}/${c.name}: CPU and memory limits`);
    const tmp = (c.volumeMounts ?? []).find((m) => m.mountPath === '/tmp');
    ok(!!tmp, `${name}/${c.name}: a writable /tmp for runs' scratch under the read-only root`);
  }
}
const flags = readFileSync(join(HERE, '..', '..', 'deploy', 'container', 'podman-run-flags'), 'utf8')
  .split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
ok(JSON.stringify(flags) === JSON.stringify(['--user=65534:65534', '--cap-drop=all', '--security-opt=no-new-privileges', '--read-only']),
  'the podman flags the container test proves are the ones the manifests encode', flags.join(' '));

// The agent's PodDisruptionBudget selects the Deployment's pods.
const dep = objects.find((o) => o.obj.kind === 'Deployment')?.obj;
const pdb = objects.find((o) => o.obj.kind === 'PodDisruptionBudget')?.obj;
ok(dep && pdb && Object.entries(pdb.spec.selector.matchLabels)
  .every(([k, v]) => dep.spec.template.metadata.labels[k] === v) && pdb.spec.minAvailable < dep.spec.replicas,
  'the PodDisruptionBudget selects the agent pods and leaves room to drain a node');

// Embedded policies are valid policies.
const tmp = mkdtempSync(join(tmpdir(), 'k8s-policy-'));
try {
  for (const { file, obj } of objects) {
    if (obj.kind !== 'ConfigMap') continue;
    for (const [k, v] of Object.entries(obj.data ?? {})) {
      if (!k.endsWith('.jsonc')) continue;
      const p = join(tmp, k);
      writeFileSync(p, v);
      const r = spawnSync(codecell, ['policy', 'check', p], { encoding: 'utf8' });
      ok(r.status === 0, `${file}: ConfigMap ${obj.metadata.name} ${k} passes codecell policy check`, r.stderr);
    }
  }
} finally {
  rmSync(tmp, { recursive: true });
}
console.log(`1..${n}`);
process.exit(failed ? 1 : 0);
