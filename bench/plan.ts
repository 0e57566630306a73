// A run as a list of steps, built from the profile before anything starts, so the
// progress line can say how much is left and the order (variants interleaved inside
// each repetition) is visible in one place.
import type { Profile } from './profiles.ts';

export type PlannedProject = { readonly code: string; readonly gids: number };

export type Step =
  | { readonly kind: 'start-servers'; readonly injectedMs: number }
  | { readonly kind: 'equivalence'; readonly project: PlannedProject }
  | { readonly kind: 'page-load'; readonly variant: string; readonly project: PlannedProject; readonly injectedMs: number; readonly repetition: number }
  | { readonly kind: 'counters'; readonly variant: string; readonly project: PlannedProject }
  | { readonly kind: 'load'; readonly variant: string; readonly project: PlannedProject; readonly repetition: number }
  | { readonly kind: 'micro'; readonly gids: number; readonly repetition: number };

export type PlanInput = {
  readonly profile: Profile;
  readonly variants: readonly string[];
  readonly projects: readonly PlannedProject[];
  readonly remote: boolean;
};

function projectsOfSizes(projects: readonly PlannedProject[], sizes: readonly number[]): PlannedProject[] {
  return projects.filter((project) => sizes.includes(project.gids));
}

export function planRun({ profile, variants, projects, remote }: PlanInput): Step[] {
  const steps: Step[] = [];
  const repetitions = Array.from({ length: profile.repetitions }, (_, index) => index);
  const pageProjects = projectsOfSizes(projects, profile.pageLoad.sizes);
  const sweepProject = projects.find((project) => project.gids === profile.latencySweep.size);

  steps.push({ kind: 'start-servers', injectedMs: 0 });
  for (const project of projects) steps.push({ kind: 'equivalence', project });
  for (const project of projectsOfSizes(projects, profile.counters.sizes)) {
    for (const variant of variants) steps.push({ kind: 'counters', variant, project });
  }
  const atZero = sweepProject !== undefined && !pageProjects.includes(sweepProject) ? [...pageProjects, sweepProject] : pageProjects;
  for (const project of atZero) {
    for (const repetition of repetitions) {
      for (const variant of variants) steps.push({ kind: 'page-load', variant, project, injectedMs: 0, repetition });
    }
  }
  for (const project of projectsOfSizes(projects, profile.load.sizes)) {
    for (let repetition = 0; repetition < profile.load.repetitions; repetition++) {
      for (const variant of variants) steps.push({ kind: 'load', variant, project, repetition });
    }
  }
  if (!remote) {
    const largest = Math.max(...projects.map((project) => project.gids));
    for (const repetition of repetitions) {
      for (const gids of profile.micro.gidCounts.filter((count) => count <= largest)) {
        steps.push({ kind: 'micro', gids, repetition });
      }
    }
  }
  // Injected latency sits between the servers and the database, so servers are restarted
  // behind the latency proxy; remote servers cannot be re-pointed.
  if (sweepProject !== undefined && !remote) {
    for (const injectedMs of profile.latencySweep.latenciesMs.filter((ms) => ms > 0)) {
      steps.push({ kind: 'start-servers', injectedMs });
      for (const repetition of repetitions) {
        for (const variant of variants) steps.push({ kind: 'page-load', variant, project: sweepProject, injectedMs, repetition });
      }
    }
  }
  return steps;
}

// Steps with the same key cost about the same; the progress estimate relies on it.
export function stepKey(step: Step): string {
  switch (step.kind) {
    case 'start-servers':
      return `servers`;
    case 'equivalence':
      return `equivalence ${step.project.gids}`;
    case 'page-load':
      return `page-load ${step.variant} ${step.project.gids} ${step.injectedMs}`;
    case 'counters':
      return `counters ${step.variant} ${step.project.gids}`;
    case 'load':
      return `load ${step.variant} ${step.project.gids}`;
    case 'micro':
      return `micro ${step.gids}`;
  }
}

export function stepLabel(step: Step, repetitions: number, loadRepetitions: number): string {
  switch (step.kind) {
    case 'start-servers':
      return step.injectedMs === 0 ? 'start servers' : `start servers behind +${step.injectedMs} ms latency`;
    case 'equivalence':
      return `check all variants agree · ${step.project.gids} gids`;
    case 'page-load':
      return `page load · ${step.variant} · ${step.project.gids} gids · +${step.injectedMs} ms · rep ${step.repetition + 1}/${repetitions}`;
    case 'counters':
      return `work counters · ${step.variant} · ${step.project.gids} gids`;
    case 'load':
      return `load · ${step.variant} · ${step.project.gids} gids · rep ${step.repetition + 1}/${loadRepetitions}`;
    case 'micro':
      return `micro-benchmarks · ${step.gids} gids · rep ${step.repetition + 1}/${repetitions}`;
  }
}
