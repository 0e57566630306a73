// `<results dir>/latest` always names the newest complete run, so commands a guide or a
// summary prints work as pasted: `make compare BASE=results/reference NEW=results/runs/latest`.
import { rename, rm, symlink } from 'node:fs/promises';
import { join } from 'node:path';

export const latestName = 'latest';

// Replaced in one rename, so a reader never finds it missing or half-made.
export async function pointLatestAt(resultsDir: string, runId: string): Promise<string> {
  const link = join(resultsDir, latestName);
  const fresh = `${link}.new-${process.pid}`;
  await rm(fresh, { force: true });
  await symlink(runId, fresh);
  await rename(fresh, link);
  return link;
}
