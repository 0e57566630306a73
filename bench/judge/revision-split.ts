// A two-revision run (make bench REF=...) read as two runs, so that `make compare` can
// gate it like any other pair: BASE holds every target served from REF, named back from
// <name>@<sha> to <name>; HEAD holds their twins from the working tree. Both were
// measured in one run, repetitions interleaved, so timings compare on equal terms.
// Targets without a twin (a new variant, a user's server) and the micro-benchmarks (they
// run the working tree's code only) belong to neither side.
import type { Report } from '../report/schema.ts';

export type SplitRun = { readonly base: Report; readonly head: Report; readonly leftOut: readonly string[] };

export function splitRevisions(report: Report): SplitRun | undefined {
  const targets = report.parameters.targets;
  const pairs = new Map<string, string>();
  for (const target of targets) {
    const of = target.revision?.of;
    if (of !== undefined && targets.some((candidate) => candidate.name === of && candidate.revision === undefined)) pairs.set(target.name, of);
  }
  const revision = targets.find((target) => pairs.has(target.name))?.revision;
  if (revision === undefined) return undefined;
  return splitPairs(report, pairs, { sha: revision.sha, dirty: false }, revision.ref);
}

// The general case: `pairs` maps each BASE target to its HEAD twin, whose name both sides
// then carry (make calibrate pairs a target with its deliberately slowed copy).
export function splitPairs(report: Report, pairs: ReadonlyMap<string, string>, baseGit: Report['environment']['git'], baseLabel: string): SplitRun {
  const targets = report.parameters.targets;
  const heads = new Set(pairs.values());
  const leftOut = targets.filter((target) => !pairs.has(target.name) && !heads.has(target.name)).map((target) => target.name);
  const side = (keep: (name: string) => string | undefined, git: Report['environment']['git'], label: string): Report => ({
    ...report,
    run: { ...report.run, id: `${report.run.id} (${label})` },
    environment: { ...report.environment, git },
    parameters: {
      ...report.parameters,
      targets: targets.flatMap((target) => {
        const name = keep(target.name);
        if (name === undefined) return [];
        const { revision: _, ...plain } = target;
        return [{ ...plain, name }];
      }),
    },
    equivalence: report.equivalence.map((check) => ({ ...check, targets: check.targets.flatMap((name) => keep(name) ?? []) })),
    measurements: report.measurements.flatMap((m) => {
      if (m.kind === 'micro') return [];
      const name = keep(m.target);
      return name === undefined ? [] : [{ ...m, target: name }];
    }),
  });
  return {
    base: side((name) => pairs.get(name), baseGit, `base, ${baseLabel}`),
    head: side((name) => (heads.has(name) ? name : undefined), report.environment.git, 'head'),
    leftOut,
  };
}
