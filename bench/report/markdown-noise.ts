// The A/A section of report.md: this run's repetitions split into two halves and compared
// as if they were two runs, so every "change" is noise (see bench/noise-floor.ts).
import type { MetricKind } from '../metrics.ts';
import type { NoiseFloor } from '../noise-floor.ts';
import { formatPercent, significant } from './format.ts';
import { left, right, table } from './markdown-table.ts';

const kinds: readonly MetricKind[] = ['latency', 'throughput', 'counter', 'resource'];

function detectable(change: number | null): string {
  if (change === null) return 'nothing';
  return change === 0 ? 'any (exact)' : formatPercent(change);
}

export function noiseFloorSection(noiseFloor: NoiseFloor | undefined): string {
  if (noiseFloor === undefined) {
    return ['## A/A noise floor', '', '> **Not computed for this run.** Pass `extras.noiseFloor` (from `aaNoiseFloor(report)`) to `renderMarkdown`.'].join('\n');
  }
  const { repetitions, alpha, threshold } = noiseFloor;
  const verdict = noiseFloor.canReachAlpha
    ? `Nothing changed between the halves, so any metric the gate flags is a false alarm.`
    : `**Too few repetitions to tell a change from noise:** ${repetitions.even} vs ${repetitions.odd} cannot give p below ` +
      `${significant(noiseFloor.smallestPossibleP)}, and alpha is ${alpha}. An A/A check needs ${noiseFloor.minimumRepetitionsForAA} ` +
      `repetitions in one run; comparing two runs needs ${noiseFloor.minimumRepetitionsPerRun} in each.`;
  return [
    '## A/A noise floor',
    '',
    `This run's repetitions split into even (${repetitions.even}) and odd (${repetitions.odd}) and compared as two runs ` +
      `(alpha ${alpha}, threshold ${formatPercent(threshold)}). ${verdict}`,
    '',
    table(
      [left('kind'), right('metrics'), right('largest change'), right('p < alpha by chance'), right('false alarms'), right('smallest detectable change')],
      kinds.map((kind) => {
        const noise = noiseFloor.byKind[kind];
        return [
          kind,
          String(noise.metrics),
          noise.largestChange === null ? '—' : `±${formatPercent(noise.largestChange.change)}`,
          String(noise.significant),
          noise.flagged.length === 0 ? '0' : `**${noise.flagged.length}**: ${noise.flagged.join(', ')}`,
          detectable(noise.detectableChange),
        ];
      }),
    ),
  ].join('\n');
}
