import fs from 'node:fs';
import path from 'node:path';
import { runLogged } from './processes';

export interface MavenJars {
  /** named in errors and the log */
  service: string;
  /** a pom whose dependencies are the jars wanted */
  pom: string;
  /** the local Maven repository, in the cache */
  repository: string;
  /** where the jars go; a copy cut short never lands there */
  libDir: string;
  /** -D properties for the pom (versions) */
  properties: Record<string, string>;
  logFile: string;
}

/** Copies a pom's runtime dependencies from Maven Central into `libDir`, replacing what was there. */
export async function copyMavenRuntimeJars(o: MavenJars): Promise<void> {
  const tmp = `${o.libDir}.partial-${process.pid}`;
  fs.rmSync(tmp, { recursive: true, force: true });
  await runLogged(o.service, 'mvn', [
    '-q', '-B', '-f', o.pom,
    `-Dmaven.repo.local=${o.repository}`,
    ...Object.entries(o.properties).map(([k, v]) => `-D${k}=${v}`),
    'dependency:copy-dependencies', '-DincludeScope=runtime', `-DoutputDirectory=${tmp}`,
  ], o.logFile);
  fs.rmSync(o.libDir, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(o.libDir), { recursive: true });
  fs.renameSync(tmp, o.libDir);
}
