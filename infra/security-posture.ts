/**
 * What a process runs with that is fit only for development. Production refuses to start with any
 * of it; development says so once at start.
 */
export interface PostureFinding {
  setting: string;
  problem: string;
}

export function checkPosture(env: 'development' | 'production', findings: PostureFinding[], warn: (line: string) => void): void {
  if (findings.length === 0) return;
  const lines = findings.map((f) => `${f.setting}: ${f.problem}`);
  if (env === 'production') throw new Error(`MOTCUA_ENV=production refuses development settings: ${lines.join('; ')}`);
  warn(`development settings in use (refused with MOTCUA_ENV=production): ${lines.join('; ')}`);
}
