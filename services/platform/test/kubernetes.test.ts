// Renders the Kustomize overlays of docker/k8s with `kubectl kustomize` and checks every resource against the
// Kubernetes API schemas (kubernetes-models), then what each service needs: probes, limits, autoscaling, disruption
// budget, secrets from the Secret, and subgraphs reachable from the gateway only.
import { execFile, spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const ROOT = path.resolve(__dirname, '../../..');
const OVERLAYS = path.join(ROOT, 'docker/k8s/overlays');
const NOT_SUBGRAPHS = new Set(['kit', 'gateway', 'platform', 'bench']);
const SUBGRAPHS = readdirSync(path.join(ROOT, 'services')).filter((name) => !NOT_SUBGRAPHS.has(name));
const run = promisify(execFile);

// Rendered manifests are plain JSON, checked field by field (any).
interface Checked {
  apiVersion: string;
  kind: string;
  name: string;
  error: string | null;
  resource: any;
}

async function render(overlay: string): Promise<string> {
  const { stdout } = await run('kubectl', ['kustomize', path.join(OVERLAYS, overlay)], { maxBuffer: 16 * 1024 * 1024 });
  return stdout;
}

/** Validation runs in a child process: kubernetes-models ships only ES modules. */
function validate(yaml: string): Promise<Checked[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(__dirname, 'fixtures/validate-k8s.mjs')], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (err += chunk));
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as Checked[]) : reject(new Error(`validator exited ${code}: ${err}`))));
    child.stdin.end(yaml);
  });
}

const overlays = readdirSync(OVERLAYS);

describe.each(overlays)('Kubernetes overlay %s', (overlay) => {
  let resources: Checked[];
  const of = (kind: string) => resources.filter((r) => r.kind === kind);

  beforeAll(async () => {
    resources = await validate(await render(overlay));
  }, 60_000);

  it('renders resources that the Kubernetes schemas accept', () => {
    expect(resources.length).toBeGreaterThan(10);
    expect(resources.filter((r) => r.error).map((r) => `${r.kind} ${r.name}: ${r.error}`)).toEqual([]);
    expect(new Set(resources.map((r) => r.resource.metadata.namespace))).toEqual(new Set([undefined, overlay === 'production' ? 'ess' : `ess-${overlay}`]));
  });

  it('runs the gateway and every subgraph, each with a service, probes, limits, autoscaling and a disruption budget', () => {
    const deployments = of('Deployment');
    expect(deployments.map((d) => d.name).sort()).toEqual([...SUBGRAPHS, 'gateway'].sort());
    const problems: string[] = [];
    for (const { name, resource } of deployments) {
      const pod = resource.spec.template.spec;
      const container = pod.containers[0];
      if (container.readinessProbe?.httpGet?.path !== '/health') problems.push(`${name}: readiness is not /health`);
      if (!container.livenessProbe) problems.push(`${name}: no liveness probe`);
      // Liveness must not depend on the database: an outage would restart every pod at once.
      if (container.livenessProbe?.httpGet?.path === '/health') problems.push(`${name}: liveness checks the database`);
      if (!container.resources?.requests?.cpu || !container.resources?.limits?.memory) problems.push(`${name}: no cpu request or memory limit`);
      if (pod.securityContext?.runAsNonRoot !== true) problems.push(`${name}: may run as root`);
      if (container.securityContext?.readOnlyRootFilesystem !== true) problems.push(`${name}: writable root filesystem`);
      const env = new Map<string, any>((container.env ?? []).map((e: any) => [e.name, e]));
      if (env.get('SERVICE')?.value !== name) problems.push(`${name}: SERVICE is not ${name}`);
      for (const secret of ['GATEWAY_SECRET', ...(name === 'gateway' ? [] : ['DATABASE_URL'])]) {
        if (env.get(secret)?.valueFrom?.secretKeyRef?.name !== 'ess-secrets') problems.push(`${name}: ${secret} not from the ess-secrets Secret`);
      }
      const port = container.ports?.[0]?.containerPort;
      if (Number(env.get('PORT')?.value) !== port) problems.push(`${name}: PORT differs from the container port`);
      if (!of('Service').some((s) => s.name === name && s.resource.spec.type === 'ClusterIP')) problems.push(`${name}: no ClusterIP service`);
      const hpa = of('HorizontalPodAutoscaler').find((h) => h.resource.spec.scaleTargetRef.name === name);
      if (!hpa) problems.push(`${name}: no autoscaler`);
      const pdb = of('PodDisruptionBudget').find((p) => p.resource.spec.selector.matchLabels['app.kubernetes.io/name'] === name);
      if (!pdb) problems.push(`${name}: no disruption budget`);
    }
    expect(problems).toEqual([]);
  });

  it('lets only the gateway (and procurement, for the ESS feed of actors) reach the subgraphs', () => {
    const policies = of('NetworkPolicy').map((p) => p.resource);
    const labelsOf = (name: string) => of('Deployment').find((d) => d.name === name)!.resource.spec.template.metadata.labels as Record<string, string>;
    const selects = (selector: { matchLabels?: Record<string, string> }, labels: Record<string, string>) =>
      Object.entries(selector.matchLabels ?? {}).every(([key, value]) => labels[key] === value);
    const allowed = (target: string, from: string) =>
      policies
        .filter((p) => selects(p.spec.podSelector, labelsOf(target)))
        .some((p) => (p.spec.ingress ?? []).some((rule: any) => (rule.from ?? [{ podSelector: {} }]).some((peer: any) => peer.podSelector && selects(peer.podSelector, labelsOf(from)))));
    const isolated = (target: string) => policies.some((p) => selects(p.spec.podSelector, labelsOf(target)) && p.spec.policyTypes.includes('Ingress'));
    for (const subgraph of SUBGRAPHS) {
      expect({ subgraph, isolated: isolated(subgraph), fromGateway: allowed(subgraph, 'gateway') }).toEqual({ subgraph, isolated: true, fromGateway: true });
      for (const other of SUBGRAPHS.filter((s) => s !== subgraph)) {
        const expected = subgraph === 'actors' && other === 'procurement';
        expect({ subgraph, from: other, allowed: allowed(subgraph, other) }).toEqual({ subgraph, from: other, allowed: expected });
      }
    }
  });
});
