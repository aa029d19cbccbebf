// Checks docker/compose.yaml, docker/Dockerfile and .dockerignore as text, since no Docker engine runs in CI.
// Each check collects "<service>: <what is wrong>" lines, so a failure says which service and what is missing.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

const ROOT = path.resolve(__dirname, '../../..');
const DOCKER_DIR = path.join(ROOT, 'docker');
const COMPOSE_FILE = path.join(DOCKER_DIR, 'compose.yaml');
const DOCKERFILE = path.join(DOCKER_DIR, 'Dockerfile');

/** Folders of services/ that are not subgraphs; every other folder is one and needs its compose service. */
// Tools, not services: the kit library, the gateway, the local launcher, the benchmark.
const NOT_SUBGRAPHS = new Set(['kit', 'gateway', 'platform', 'bench']);
const GATEWAY = 'gateway';
/** A secret must be exactly a required variable: `${NAME:?message}`, never a literal nor a `${NAME:-default}`. */
const REQUIRED_VARIABLE = /^\$\{[A-Za-z_][A-Za-z0-9_]*:\?[^}]*\}$/;
const SECRET_KEY = /SECRET|PASSWORD|PASSWD|TOKEN|PRIVATE_KEY|API_KEY/i;

type Env = Record<string, string>;

interface ComposeService {
  image?: string;
  build?: string | { context?: string; dockerfile?: string };
  environment?: Record<string, unknown> | string[];
  healthcheck?: { test?: string | string[]; disable?: boolean };
  depends_on?: string[] | Record<string, { condition?: string }>;
  ports?: unknown[];
  network_mode?: string;
  restart?: string;
  volumes?: unknown[];
}

interface ComposeFile {
  services?: Record<string, ComposeService>;
}

// Compose resolves YAML merge keys (`<<: *anchor`); YAML 1.2 parsers only do when asked.
const compose = parse(readFileSync(COMPOSE_FILE, 'utf8'), { merge: true }) as ComposeFile;
const services: Record<string, ComposeService> = compose?.services ?? {};
const names = Object.keys(services);

/** Services built from this repository's Dockerfile: the gateway and the subgraphs. */
function isApp(service: ComposeService): boolean {
  return service.build !== undefined;
}
const appNames = names.filter((name) => isApp(services[name]));
const subgraphNames = appNames.filter((name) => name !== GATEWAY);

function environmentOf(service: ComposeService): Env {
  const raw = service.environment;
  if (!raw) return {};
  if (Array.isArray(raw)) {
    return Object.fromEntries(
      raw.map((entry) => {
        const at = entry.indexOf('=');
        return at < 0 ? [entry, ''] : [entry.slice(0, at), entry.slice(at + 1)];
      }),
    );
  }
  return Object.fromEntries(Object.entries(raw).map(([key, value]) => [key, value === null || value === undefined ? '' : String(value)]));
}

function dependenciesOf(service: ComposeService): Record<string, string | undefined> {
  const raw = service.depends_on;
  if (!raw) return {};
  if (Array.isArray(raw)) return Object.fromEntries(raw.map((name) => [name, undefined]));
  return Object.fromEntries(Object.entries(raw).map(([name, options]) => [name, options?.condition]));
}

/** Folders of services/ holding a subgraph (a package.json and not one of the shared folders). */
function subgraphFolders(): string[] {
  const dir = path.join(ROOT, 'services');
  return readdirSync(dir)
    .filter((name) => !NOT_SUBGRAPHS.has(name))
    .filter((name) => statSync(path.join(dir, name)).isDirectory() && existsSync(path.join(dir, name, 'package.json')))
    .sort();
}

/** Problems found by `check` for each service, as "<service>: <problem>" lines. */
function problemsFor(serviceNames: string[], check: (name: string, service: ComposeService) => string[]): string[] {
  return serviceNames.flatMap((name) => check(name, services[name]).map((problem) => `${name}: ${problem}`));
}

describe('docker/compose.yaml', () => {
  test('parses and declares services, among them the gateway and PostgreSQL', () => {
    expect(names.length).toBeGreaterThan(0);
    expect(names).toEqual(expect.arrayContaining([GATEWAY, 'postgres']));
  });

  test('every service has an image or a build of docker/Dockerfile from the repository root', () => {
    const problems = problemsFor(names, (_name, service) => {
      if (!service.image && !service.build) return ['neither image nor build'];
      if (service.build === undefined) return [];
      const build = typeof service.build === 'string' ? { context: service.build } : service.build;
      const found: string[] = [];
      const context = path.resolve(DOCKER_DIR, build.context ?? '.');
      if (context !== ROOT) found.push(`build.context is "${build.context}", expected ".." (the repository root)`);
      const dockerfile = build.dockerfile ?? 'Dockerfile';
      if (path.resolve(context, dockerfile) !== DOCKERFILE) found.push(`build.dockerfile is "${dockerfile}", expected "docker/Dockerfile"`);
      return found;
    });
    expect(problems).toEqual([]);
  });

  test('every service has a health check with a test command', () => {
    const problems = problemsFor(names, (_name, service) => {
      const test = service.healthcheck?.test;
      if (!service.healthcheck) return ['no healthcheck'];
      if (service.healthcheck.disable) return ['healthcheck is disabled'];
      if (test === undefined || test.length === 0) return ['healthcheck has no test command'];
      if (Array.isArray(test)) {
        if (test[0] === 'NONE') return ['healthcheck test is NONE'];
        if (!['CMD', 'CMD-SHELL'].includes(test[0])) return [`healthcheck test must start with CMD or CMD-SHELL, got "${test[0]}"`];
        if (test.length < 2) return ['healthcheck test has no command after CMD'];
      }
      return [];
    });
    expect(problems).toEqual([]);
  });

  test('app services probe GET /health; postgres uses pg_isready', () => {
    const problems = [
      ...problemsFor(appNames, (_name, service) =>
        [service.healthcheck?.test ?? ''].flat().join(' ').includes('/health') ? [] : ['healthcheck does not call /health'],
      ),
      ...problemsFor(['postgres'], (_name, service) =>
        [service.healthcheck?.test ?? ''].flat().join(' ').includes('pg_isready') ? [] : ['healthcheck does not run pg_isready'],
      ),
    ];
    expect(problems).toEqual([]);
  });

  test('dependencies refer to existing services and wait for them to be healthy', () => {
    const problems = problemsFor(names, (_name, service) =>
      Object.entries(dependenciesOf(service)).flatMap(([dependency, condition]) => {
        const found: string[] = [];
        if (!services[dependency]) found.push(`depends on "${dependency}", which is not a service`);
        if (condition !== 'service_healthy') found.push(`depends on "${dependency}" without condition: service_healthy`);
        return found;
      }),
    );
    expect(problems).toEqual([]);
  });

  test('dependencies have no cycle', () => {
    const cycles: string[] = [];
    const visit = (name: string, trail: string[]): void => {
      if (trail.includes(name)) {
        cycles.push([...trail.slice(trail.indexOf(name)), name].join(' -> '));
        return;
      }
      if (!services[name]) return;
      for (const dependency of Object.keys(dependenciesOf(services[name]))) visit(dependency, [...trail, name]);
    };
    for (const name of names) visit(name, []);
    expect(cycles).toEqual([]);
  });

  test('only the gateway publishes ports, and it publishes 4000 (Grafana of the observability profile: on 127.0.0.1 only)', () => {
    const problems = problemsFor(names, (name, service) => {
      const found: string[] = [];
      if ((service as { profiles?: string[] }).profiles?.includes('observability')) {
        const open = (service.ports ?? []).filter((port) => !String(port).startsWith('127.0.0.1:'));
        if (open.length) found.push(`publishes ${JSON.stringify(open)} beyond 127.0.0.1`);
      } else if (name === GATEWAY) {
        if (!(service.ports ?? []).some((port) => /(^|:)4000(\/tcp)?$/.test(String(port)) || (port as { target?: number })?.target === 4000)) {
          found.push('does not publish port 4000');
        }
      } else if (service.ports && service.ports.length > 0) {
        found.push(`publishes ports ${JSON.stringify(service.ports)}; only the gateway may`);
      }
      if (service.network_mode === 'host') found.push('uses network_mode: host, which exposes every port');
      return found;
    });
    expect(problems).toEqual([]);
  });

  test('secrets are required variables (${NAME:?message}), never literals nor defaults', () => {
    const problems = problemsFor(names, (_name, service) =>
      Object.entries(environmentOf(service))
        .filter(([key]) => SECRET_KEY.test(key))
        .filter(([, value]) => !REQUIRED_VARIABLE.test(value))
        .map(([key, value]) => `${key} is "${value}", expected a required variable like \${${key}:?set ${key}}`),
    );
    expect(problems).toEqual([]);
  });

  test('app services share the gateway secret, run in production, listen on 0.0.0.0 and restart', () => {
    const problems = problemsFor(appNames, (name, service) => {
      const env = environmentOf(service);
      const found: string[] = [];
      if (!env.GATEWAY_SECRET) found.push('GATEWAY_SECRET is missing');
      else if (!REQUIRED_VARIABLE.test(env.GATEWAY_SECRET)) found.push(`GATEWAY_SECRET is "${env.GATEWAY_SECRET}", not a required variable`);
      if (env.NODE_ENV !== 'production') found.push(`NODE_ENV is "${env.NODE_ENV ?? ''}", expected "production"`);
      if (env.HOST !== '0.0.0.0') found.push(`HOST is "${env.HOST ?? ''}", expected "0.0.0.0" (reachable from other containers)`);
      if (!/^\d+$/.test(env.PORT ?? '')) found.push(`PORT is "${env.PORT ?? ''}", expected a number`);
      if (env.SERVICE !== name) found.push(`SERVICE is "${env.SERVICE ?? ''}", expected "${name}" (the folder services/${name})`);
      if (service.restart !== 'unless-stopped') found.push(`restart is "${service.restart ?? ''}", expected "unless-stopped"`);
      return found;
    });
    expect(problems).toEqual([]);
  });

  test('subgraphs get DATABASE_URL from a required password and wait for the database', () => {
    const problems = problemsFor(subgraphNames, (_name, service) => {
      const url = environmentOf(service).DATABASE_URL;
      if (!url) return ['DATABASE_URL is missing'];
      const match = /^postgres(?:ql)?:\/\/([^:@/]+):(.*)@([^:/@]+)(?::\d+)?\/[^/]+$/.exec(url);
      if (!match) return [`DATABASE_URL "${url}" is not postgres://user:password@host:port/database`];
      const [, , password, host] = match;
      const found: string[] = [];
      if (!REQUIRED_VARIABLE.test(password)) found.push(`DATABASE_URL password is "${password}", expected a required variable like \${POSTGRES_PASSWORD:?...}`);
      if (!services[host]) found.push(`DATABASE_URL host "${host}" is not a service`);
      else if (dependenciesOf(service)[host] !== 'service_healthy') found.push(`does not depend on "${host}" (its database) with condition: service_healthy`);
      return found;
    });
    expect(problems).toEqual([]);
  });

  // Issue 18: with several replicas, rate limits, revocations and replay nonces must live where every replica sees them.
  test('app services share Redis through REDIS_URL and wait for it', () => {
    const problems = problemsFor(appNames, (_name, service) => {
      const url = environmentOf(service).REDIS_URL;
      if (!url) return ['REDIS_URL is missing'];
      const host = /^rediss?:\/\/(?:[^@/]*@)?([^:/@]+)(?::\d+)?\/?\d*$/.exec(url)?.[1];
      if (!host) return [`REDIS_URL "${url}" is not redis://host:port`];
      if (!services[host]) return [`REDIS_URL host "${host}" is not a service`];
      return dependenciesOf(service)[host] === 'service_healthy' ? [] : [`does not depend on "${host}" (Redis) with condition: service_healthy`];
    });
    expect(problems).toEqual([]);
    expect([services.redis?.healthcheck?.test ?? ''].flat().join(' ')).toContain('redis-cli');
  });

  test('app services expose metrics on an internal port, scraped by the optional Prometheus, shown by a Grafana dashboard', () => {
    const scrape = readFileSync(path.join(DOCKER_DIR, 'observability/prometheus.yml'), 'utf8');
    const problems = problemsFor(appNames, (name, service) => {
      const port = environmentOf(service).METRICS_PORT;
      if (!/^\d+$/.test(port ?? '')) return ['METRICS_PORT is missing'];
      return scrape.includes(`${name}:${port}`) ? [] : [`docker/observability/prometheus.yml does not scrape ${name}:${port}`];
    });
    expect(problems).toEqual([]);
    for (const name of ['prometheus', 'grafana']) expect((services[name] as { profiles?: string[] })?.profiles).toEqual(['observability']);
    const dashboard = JSON.parse(readFileSync(path.join(DOCKER_DIR, 'observability/grafana/dashboards/ess-platform.json'), 'utf8'));
    const expressions = JSON.stringify(dashboard.panels.map((p: { targets: unknown }) => p.targets));
    for (const metric of ['ess_graphql_requests_total', 'ess_graphql_duration_seconds_bucket', 'ess_sql_statements_total', 'ess_db_pool_connections', 'nodejs_eventloop_lag_seconds', 'ess_http_responses_total']) {
      expect(expressions).toContain(metric);
    }
  });

  test('the subgraph services are exactly the subgraph folders of services/', () => {
    const folders = subgraphFolders();
    const problems = [
      ...folders
        .filter((folder) => !subgraphNames.includes(folder))
        .map((folder) => `services/${folder}: no compose service "${folder}" (copy the actors block in docker/compose.yaml)`),
      ...subgraphNames
        .filter((name) => !folders.includes(name))
        .map((name) => `${name}: built from docker/Dockerfile but there is no subgraph folder services/${name}`),
    ];
    expect(problems).toEqual([]);
    expect(subgraphNames.length).toBeGreaterThan(0);
  });

  test('the gateway routes to every subgraph and waits for each', () => {
    const gateway = services[GATEWAY];
    const env = environmentOf(gateway);
    const dependencies = dependenciesOf(gateway);
    const problems = subgraphNames.flatMap((name) => {
      const key = `SUBGRAPH_${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_URL`;
      const expected = `http://${name}:${environmentOf(services[name]).PORT}/graphql`;
      const found: string[] = [];
      if (env[key] !== expected) found.push(`${GATEWAY}: ${key} is "${env[key] ?? ''}", expected "${expected}"`);
      if (dependencies[name] !== 'service_healthy') found.push(`${GATEWAY}: does not depend on "${name}" with condition: service_healthy`);
      return found;
    });
    expect(problems).toEqual([]);
  });

  test('postgres keeps its data in a volume', () => {
    const volumes = (services.postgres?.volumes ?? []).map((volume) =>
      typeof volume === 'string' ? volume : `${(volume as { source?: string }).source}:${(volume as { target?: string }).target}`,
    );
    const ok = volumes.some((volume) => volume.split(':')[1] === '/var/lib/postgresql/data');
    expect(ok ? [] : ['postgres: no volume on /var/lib/postgresql/data']).toEqual([]);
  });
});

interface Instruction {
  keyword: string;
  args: string;
}

/** Dockerfile instructions, continuation lines joined and comments dropped, grouped by stage (one per FROM). */
function dockerfileStages(text: string): Instruction[][] {
  const logical: string[] = [];
  let current = '';
  for (const line of text.split(/\r?\n/)) {
    const trimmed = line.trim();
    if (trimmed.startsWith('#')) continue;
    if (trimmed.endsWith('\\')) {
      current += `${trimmed.slice(0, -1)} `;
      continue;
    }
    current += trimmed;
    if (current.trim()) logical.push(current.trim());
    current = '';
  }
  if (current.trim()) logical.push(current.trim());
  const stages: Instruction[][] = [[]];
  for (const entry of logical) {
    const [keyword, ...rest] = entry.split(/\s+/);
    const instruction = { keyword: keyword.toUpperCase(), args: rest.join(' ') };
    if (instruction.keyword === 'FROM') stages.push([]);
    stages[stages.length - 1].push(instruction);
  }
  return stages.filter((stage) => stage.length > 0);
}

describe('docker/Dockerfile', () => {
  const stages = dockerfileStages(readFileSync(DOCKERFILE, 'utf8'));
  const runtime = stages[stages.length - 1];
  const all = stages.flat();

  test('is a multi-stage build', () => {
    expect(stages.filter((stage) => stage[0].keyword === 'FROM').length).toBeGreaterThan(1);
  });

  test('installs dependencies with npm ci', () => {
    const runs = all.filter((i) => i.keyword === 'RUN').map((i) => i.args);
    expect(runs.some((run) => /\bnpm ci\b/.test(run)) ? [] : ['Dockerfile: no RUN npm ci']).toEqual([]);
  });

  test('runs the final stage as a non-root USER', () => {
    const users = runtime.filter((i) => i.keyword === 'USER').map((i) => i.args.split(':')[0]);
    const user = users[users.length - 1];
    const problems = !user ? ['final stage: no USER, so it runs as root (add USER node)'] : /^(root|0)$/.test(user) ? [`final stage: USER ${user} is root`] : [];
    expect(problems).toEqual([]);
  });

  test('has a HEALTHCHECK on /health in the final stage, with node (slim images have no curl)', () => {
    const checks = runtime.filter((i) => i.keyword === 'HEALTHCHECK').map((i) => i.args);
    const problems = checks.length === 0 ? ['final stage: no HEALTHCHECK'] : checks.filter((c) => !/\bCMD\b.*\bnode\b.*\/health/.test(c)).map((c) => `final stage: HEALTHCHECK ${c} does not run node against /health`);
    expect(problems).toEqual([]);
  });

  test('ships the schema, the built services and the admin SPA', () => {
    const text = all.filter((i) => i.keyword === 'COPY' || i.keyword === 'RUN').map((i) => i.args).join('\n');
    const missing = ['schema', 'dist', 'admin-ui/dist'].filter((part) => !text.includes(part)).map((part) => `Dockerfile: nothing copies ${part}`);
    expect(missing).toEqual([]);
  });
});

describe('.dockerignore', () => {
  test('keeps local state and build outputs out of the build context', () => {
    const patterns = new Set(
      readFileSync(path.join(ROOT, '.dockerignore'), 'utf8')
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter((line) => line && !line.startsWith('#')),
    );
    const required = ['**/node_modules', '**/dist', '**/*.tsbuildinfo', '**/.data', '.git'];
    expect(required.filter((pattern) => !patterns.has(pattern)).map((pattern) => `.dockerignore: missing ${pattern}`)).toEqual([]);
  });
});
