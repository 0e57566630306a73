// What a run must be to become results/reference, the run every README figure, workshop
// step and CI comparison quotes: a full suite, measured from a clean commit, on a quiet
// machine, with its own servers. A run that is not is refused with every reason, so a
// reference cannot again be taken beside other work or from uncommitted changes.
import { busyReasons } from '../run/machine-load.ts';
import type { Report } from './schema.ts';

export const referenceFolder = 'results/reference';

export function referenceProblems(report: Report): string[] {
  const problems: string[] = [];
  if (report.parameters.suite !== 'full') problems.push(`it ran the ${report.parameters.suite} suite, not full`);
  if (report.environment.git.dirty) problems.push(`it was measured from a tree with uncommitted changes (${report.environment.git.sha.slice(0, 12)}+dirty)`);
  if (report.environment.git.sha === 'unknown') problems.push('its commit is unknown');
  if (report.environment.servers !== 'local') problems.push('it measured remote servers (--base-urls), not this repository\'s');
  for (const reason of busyReasons(report.machine)) problems.push(`the machine was busy: ${reason}`);
  return problems;
}
