// The article's story, told once per stack: which targets stand at each point of it.
// The report's headline and wave attribution are computed per story, from the same run.
import type { Target } from './targets.ts';

export type Story = {
  readonly id: string;
  readonly label: string;
  readonly before: string;
  // The article's order: wave 1 (max CPU deferred) first, then wave 2 (one IN query).
  readonly wave1: string;
  // Wave 2 alone, for the other order; null where the stack has no such target.
  readonly wave2: string | null;
  readonly after: string;
};

export const stories: readonly Story[] = [
  {
    id: 'flask',
    label: "the article's stack on this machine (Flask, a Python thread per gid)",
    before: 'flask-before',
    wave1: 'flask-wave1',
    wave2: 'flask-wave2',
    after: 'flask-after',
  },
  {
    id: 'literal',
    label: 'the literal TypeScript port (a Node Worker per gid)',
    before: 'baseline',
    wave1: 'wave1-lazy',
    wave2: 'wave2-batched',
    after: 'optimized',
  },
  {
    id: 'idiomatic',
    label: 'the idiomatic TypeScript port (an async task per gid)',
    before: 'async-per-gid',
    wave1: 'wave1-lazy',
    wave2: 'async-wave2-batched',
    after: 'optimized',
  },
];

// A story is told only when its before, wave 1 and after are all among the targets.
export function storiesFor(targets: readonly Pick<Target, 'name'>[]): Story[] {
  const has = (name: string): boolean => targets.some((target) => target.name === name);
  return stories
    .filter((story) => has(story.before) && has(story.wave1) && has(story.after))
    .map((story) => (story.wave2 === null || has(story.wave2) ? story : { ...story, wave2: null }));
}
