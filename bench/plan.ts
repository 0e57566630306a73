// A run as a list of steps, built from the profile before anything starts, so the
// progress line can say how much is left and the order (variants interleaved inside
// each repetition) is visible in one place.
import type { Profile } from './profiles.ts';

export type PlannedProject = { readonly code: string; readonly gids: number };

export type Step =
  | { readonly kind: 'start-servers'; readonly injectedMs: number }
  | { readonly kind: 'check'; readonly project: PlannedProject }
  | { readonly kind: 'page-load'; readonly variant: string; readonly project: PlannedProject; readonly injectedMs: number; readonly repetition: number }
  | { readonly kind: 'load'; readonly variant: string; readonly project: PlannedProject; readonly repetition: number }
  | { readonly kind: 'micro'; readonly gids: number; readonly repetition: number };

export type PlanInput = {
  readonly profile: Profile;
  readonly variants: readonly string[];
  readonly projects: readonly PlannedProject[];
  readonly remote: boolean;
};

const range = (count: number): number[] => Array.from({ length: count }, (_, index) => index);

export function planRun({ profile, variants, projects, remote }: PlanInput): Step[] {
  const sized = (sizes: readonly number[]): PlannedProject[] => projects.filter((project) => sizes.includes(project.gids));
  const steps: Step[] = [{ kind: 'start-servers', injectedMs: 0 }];

  for (const project of projects) steps.push({ kind: 'check', project });
  const sweep = sized([profile.latencySweep.size]);
  for (const project of sized([...profile.pageLoad.sizes, profile.latencySweep.size])) {
    for (const repetition of range(profile.pageLoad.repetitions)) {
      for (const variant of variants) steps.push({ kind: 'page-load', variant, project, injectedMs: 0, repetition });
    }
  }
  for (const project of sized(profile.load.sizes)) {
    for (const repetition of range(profile.load.repetitions)) {
      for (const variant of variants) steps.push({ kind: 'load', variant, project, repetition });
    }
  }
  if (!remote) {
    const largest = Math.max(...projects.map((project) => project.gids));
    for (const repetition of range(profile.micro.repetitions)) {
      for (const gids of profile.micro.gidCounts.filter((count) => count <= largest)) {
        steps.push({ kind: 'micro', gids, repetition });
      }
    }
    // Injected latency sits between the servers and the database, so the servers are
    // restarted behind the latency proxy; remote servers cannot be re-pointed.
    for (const injectedMs of profile.latencySweep.latenciesMs.filter((ms) => ms > 0)) {
      steps.push({ kind: 'start-servers', injectedMs });
      for (const project of sweep) {
        for (const repetition of range(profile.pageLoad.repetitions)) {
          for (const variant of variants) steps.push({ kind: 'page-load', variant, project, injectedMs, repetition });
        }
      }
    }
  }
  return steps;
}

// Steps with the same key cost about the same; the progress estimate relies on it.
export function stepKey(step: Step): string {
  switch (step.kind) {
    case 'start-servers':
      return 'servers';
    case 'check':
      return `check ${step.project.gids}`;
    case 'page-load':
      return `page-load ${step.variant} ${step.project.gids} ${step.injectedMs}`;
    case 'load':
      return `load ${step.variant} ${step.project.gids}`;
    case 'micro':
      return `micro ${step.gids}`;
  }
}

export function stepLabel(step: Step, profile: Profile): string {
  switch (step.kind) {
    case 'start-servers':
      return step.injectedMs === 0 ? 'start servers' : `start servers behind +${step.injectedMs} ms latency`;
    case 'check':
      return `check all variants agree and count their work · ${step.project.gids} gids`;
    case 'page-load':
      return `page load · ${step.variant} · ${step.project.gids} gids · +${step.injectedMs} ms · rep ${step.repetition + 1}/${profile.pageLoad.repetitions}`;
    case 'load':
      return `load · ${step.variant} · ${step.project.gids} gids · rep ${step.repetition + 1}/${profile.load.repetitions}`;
    case 'micro':
      return `micro-benchmarks · ${step.gids} gids · rep ${step.repetition + 1}/${profile.micro.repetitions}`;
  }
}
