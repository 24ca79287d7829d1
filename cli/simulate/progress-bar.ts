/** A one-line progress bar on a terminal (stderr), redrawn at most ten times a second; nothing when not a TTY. */
export function progressBar(label: string, stream: NodeJS.WriteStream = process.stderr, force = false): { update(fraction: number): void; done(): void } {
  const enabled = force || stream.isTTY === true;
  const t0 = Date.now();
  let last = 0;
  let shown = -1;
  const draw = (fraction: number) => {
    const width = 30;
    const filled = Math.round(fraction * width);
    const elapsed = (Date.now() - t0) / 1000;
    const eta = fraction > 0.02 ? Math.max(0, elapsed / fraction - elapsed) : undefined;
    stream.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}%  ${elapsed.toFixed(0)} s${eta !== undefined ? `, ~${eta.toFixed(0)} s left` : ''}   `);
  };
  return {
    update(fraction: number) {
      if (!enabled) return;
      const now = Date.now();
      const pct = Math.floor(fraction * 100);
      if (now - last < 100 && pct === shown) return;
      last = now;
      shown = pct;
      draw(fraction);
    },
    done() {
      if (!enabled) return;
      draw(1);
      stream.write('\n');
    },
  };
}
