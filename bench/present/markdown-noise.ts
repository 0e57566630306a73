// The A/A section of report.md: this run's repetitions split into two halves and compared
// as if they were two runs, so every "change" is noise (see bench/judge/noise-floor.ts).
import type { MetricKind } from '../judge/metrics.ts';
import type { KindNoise, NoiseFloor } from '../judge/noise-floor.ts';
import { detectionPower } from '../judge/stats/detectable-effect.ts';
import { formatPercent, significant } from './format.ts';
import { left, right, table } from './markdown-table.ts';

const kinds: readonly MetricKind[] = ['latency', 'throughput', 'counter', 'resource'];

function detectable(noise: KindNoise, kind: MetricKind): string {
  if (kind === 'counter') return noise.metrics === 0 ? '—' : 'any (exact)';
  if (noise.detectableEffect === null) return noise.canReachAlpha === 0 ? 'nothing (halves too small)' : '— (no ratio: values of 0)';
  return `±${formatPercent(noise.detectableEffect.median)} (largest ±${formatPercent(noise.detectableEffect.largest)})`;
}

function halves(noise: KindNoise): string {
  const typical = noise.typicalHalves === null ? '' : `, mostly ${noise.typicalHalves.even} vs ${noise.typicalHalves.odd}`;
  return `${noise.canReachAlpha} of ${noise.metrics}${typical}`;
}

export function noiseFloorSection(noiseFloor: NoiseFloor | undefined): string {
  if (noiseFloor === undefined) {
    return ['## A/A noise floor', '', '> **Not computed for this run.** Pass `extras.noiseFloor` (from `aaNoiseFloor(report)`) to `renderMarkdown`.'].join('\n');
  }
  const { repetitions, alpha, threshold } = noiseFloor;
  const verdict = noiseFloor.canReachAlpha
    ? 'Nothing changed between the halves, so any metric the gate flags is a false alarm, and about alpha of the metrics that can reach it show p < alpha by chance.'
    : `**Too few repetitions to tell a change from noise:** ${repetitions.even} vs ${repetitions.odd} cannot give p below ` +
      `${significant(noiseFloor.smallestPossibleP)}, and alpha is ${alpha}. An A/A check needs ${noiseFloor.minimumRepetitionsForAA} ` +
      `repetitions in one run; comparing two runs needs ${noiseFloor.minimumRepetitionsPerRun} in each.`;
  return [
    '## A/A noise floor',
    '',
    `This run's repetitions split into even (${repetitions.even}) and odd (${repetitions.odd}) and compared as two runs ` +
      `(alpha ${alpha}, gate threshold ${formatPercent(threshold)}). ${verdict} A metric whose halves are smaller (a slow cell timed in ` +
      `${repetitions.even + repetitions.odd > 3 ? 'only 3' : 'few'} repetitions) can never reach alpha and is counted apart. ` +
      `The minimum detectable effect is the change these halves would find significant with ${Math.round(detectionPower * 100)} % power: ` +
      '1.43 half-widths of its 95 % interval; two whole runs of this suite, with twice the repetitions each, resolve smaller changes.',
    '',
    table(
      [left('kind'), right('can reach alpha'), right('largest change'), right('p < alpha by chance'), right('false alarms'), right('minimum detectable effect: median (largest)')],
      kinds.map((kind) => {
        const noise = noiseFloor.byKind[kind];
        return [
          kind,
          halves(noise),
          noise.largestChange === null ? '—' : `±${formatPercent(noise.largestChange.change)}`,
          String(noise.significant),
          noise.flagged.length === 0 ? '0' : `**${noise.flagged.length}**: ${noise.flagged.join(', ')}`,
          detectable(noise, kind),
        ];
      }),
    ),
  ].join('\n');
}
