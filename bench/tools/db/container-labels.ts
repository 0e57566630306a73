// Labels on every container the harness starts, so a later run can find what a killed
// run left behind (Ryuk, Testcontainers' own reaper, may be disabled or unavailable).
import os from 'node:os';

export const LABELS = {
  ownerPid: 'settings-bench.owner-pid',
  // A pid is only meaningful on the machine that started the container.
  host: 'settings-bench.host',
  session: 'settings-bench.session',
} as const;

export function ownerLabels(session: string): Record<string, string> {
  return {
    [LABELS.ownerPid]: String(process.pid),
    [LABELS.host]: os.hostname(),
    [LABELS.session]: session,
  };
}
