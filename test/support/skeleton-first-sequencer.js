// The cluster tier runs the walking skeleton first (a broken stack fails in seconds, not after the
// 500-dossier scenario), then the other files by path.
const Sequencer = require('@jest/test-sequencer').default;

class SkeletonFirst extends Sequencer {
  sort(tests) {
    const rank = (t) => (t.path.includes('walking-skeleton') ? 0 : 1);
    return [...tests].sort((a, b) => rank(a) - rank(b) || a.path.localeCompare(b.path));
  }
}

module.exports = SkeletonFirst;
