// One line per step: what runs now, how far along, and how long is left. The estimate
// uses each step's own earlier repetitions once known (a baseline page at 1000 gids
// costs far more than an optimized one), otherwise the average step.
import { performance } from 'node:perf_hooks';

export type Progress = {
  start(index: number, label: string): void;
  finish(key: string): void;
};

export function createProgress(keys: readonly string[], write: (line: string) => void): Progress {
  const startedAt = performance.now();
  const seconds = new Map<string, number>();
  let stepStarted = startedAt;
  let current = 0;
  let done = 0;
  let doneSeconds = 0;

  const remainingSeconds = (): number => {
    const average = done === 0 ? 0 : doneSeconds / done;
    return keys.slice(current + 1).reduce((sum, key) => sum + (seconds.get(key) ?? average), 0);
  };

  return {
    start(index, label) {
      current = index;
      stepStarted = performance.now();
      const elapsed = (stepStarted - startedAt) / 1000;
      const left = done === 0 ? '' : ` · ~${duration(remainingSeconds())} left`;
      write(`[${index + 1}/${keys.length}] ${label} · ${duration(elapsed)} elapsed${left}`);
    },
    finish(key) {
      const spent = (performance.now() - stepStarted) / 1000;
      seconds.set(key, spent);
      done += 1;
      doneSeconds += spent;
    },
  };
}

export function duration(totalSeconds: number): string {
  const minutes = Math.floor(totalSeconds / 60);
  const rest = Math.round(totalSeconds % 60);
  return minutes > 0 ? `${minutes}m${String(rest).padStart(2, '0')}s` : `${rest}s`;
}
