// Micro-benchmark figures: one row per task × gid count × injected latency, every
// repetition's samples pooled, with the figures every timed cell carries.
import type { MicroMeasurement, Report } from '../report/schema.ts';
import { mean, median } from '../judge/stats/descriptive.ts';
import { sampleFigures } from './figures.ts';
import type { SampleFigures } from './figures.ts';

export const floorTask = 'floor: raw IN query';

export type MicroSummary = {
  readonly task: string;
  readonly gids: number;
  readonly injectedMs: number;
  readonly figures: SampleFigures;
  readonly meanMs: number;
  // tinybench's relative margin of error (%), median over repetitions.
  readonly rmePercent: number | null;
  readonly repetitions: number;
};

// Tasks keep the order the run measured them in; sizes and latencies ascend.
export function microSummaries(report: Report): MicroSummary[] {
  const runs = report.measurements.filter((m): m is MicroMeasurement => m.kind === 'micro');
  const tasks = [...new Set(runs.map((run) => run.task))];
  const gidCounts = [...new Set(runs.map((run) => run.gids))].sort((a, b) => a - b);
  const latencies = [...new Set(runs.map((run) => run.injectedMs))].sort((a, b) => a - b);
  return tasks.flatMap((task) =>
    gidCounts.flatMap((gids) =>
      latencies.flatMap((injectedMs) => {
        const cell = runs.filter((r) => r.task === task && r.gids === gids && r.injectedMs === injectedMs);
        if (cell.length === 0) return [];
        const samples = cell.flatMap((run) => run.samplesMs);
        return [
          {
            task,
            gids,
            injectedMs,
            figures: sampleFigures(samples),
            meanMs: mean(samples),
            rmePercent: cell.every((run) => run.rme !== null) ? median(cell.map((run) => run.rme ?? 0)) : null,
            repetitions: cell.length,
          },
        ];
      }),
    ),
  );
}
