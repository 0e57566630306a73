import { performance } from 'node:perf_hooks';
import type { MaxCpuAnswer } from './max-cpu-of-gid.mjs';
import { recordQuery } from './request-stats.ts';
import type { Gid } from './types.ts';

// Threads time their own queries; the times are counted here, in the request's context,
// which a thread's callbacks do not carry.
export function maxCpusFromAnswers(gids: readonly Gid[], answers: readonly MaxCpuAnswer[]): Map<Gid, number> {
  const maxCpus = new Map<Gid, number>();
  gids.forEach((gid, index) => {
    const answer = answers[index];
    if (answer === undefined) return;
    recordQuery(answer.startedAt - performance.timeOrigin, answer.endedAt - performance.timeOrigin);
    if (answer.maxCpu !== null) maxCpus.set(gid, answer.maxCpu);
  });
  return maxCpus;
}
