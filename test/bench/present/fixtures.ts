// Variations on makeReport() for the cases a real run produces and the fixture does not:
// more targets, skipped cells, failing load runs.
import type { Measurement, Report } from '../../../bench/report/schema.ts';
import { fixtureTarget } from '../../support/report-fixture.ts';

type Cell = { readonly target: string; readonly gids: number; readonly injectedMs: number };

function inCell(m: Measurement, cell: Cell): boolean {
  return m.kind !== 'micro' && m.target === cell.target && m.gids === cell.gids && m.injectedMs === cell.injectedMs;
}

function scaled(m: Measurement, factor: number): Measurement {
  if (m.kind === 'page-load') return { ...m, samplesMs: m.samplesMs.map((ms) => ms * factor) };
  if (m.kind === 'load') return { ...m, requestsPerSecond: m.requestsPerSecond / factor };
  return m;
}

// A new target measured as `factor` × the baseline's latencies, with the baseline's counters.
export function withCopiedTarget(report: Report, name: string, factor: number): Report {
  const copies = report.measurements.flatMap((m) =>
    (m.kind === 'page-load' || m.kind === 'load' || m.kind === 'counters') && m.target === 'baseline'
      ? [{ ...scaled(m, factor), target: name }]
      : [],
  );
  return {
    ...report,
    parameters: { ...report.parameters, targets: [...report.parameters.targets, fixtureTarget(name)] },
    measurements: [...report.measurements, ...copies],
  };
}

// Drops the cell's page-load and load measurements and records why, as the runner does.
export function withSkippedCell(report: Report, cell: Cell, reason: string): Report {
  const kept = report.measurements.filter((m) => !(inCell(m, cell) && (m.kind === 'page-load' || m.kind === 'load')));
  const skipped: Measurement[] = [
    { kind: 'skipped', step: 'page-load', ...cell, reason },
    { kind: 'skipped', step: 'load', ...cell, reason },
  ];
  return { ...report, measurements: [...kept, ...skipped] };
}

export function withLoadFailures(report: Report, cell: Cell, timeouts: number): Report {
  return {
    ...report,
    measurements: report.measurements.map((m) => (m.kind === 'load' && inCell(m, cell) ? { ...m, timeouts, errors: 1 } : m)),
  };
}
