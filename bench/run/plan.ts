// A run as a list of steps, built from the suite before anything starts, so the
// progress line can say how much is left and the order (targets interleaved inside
// each repetition, the order reversed every other one) is visible in one place.
import type { Suite } from './suites.ts';
import { pageLoadCells } from './suites.ts';

export type PlannedProject = { readonly code: string; readonly gids: number };

export type Step =
  | { readonly kind: 'start-servers'; readonly injectedMs: number }
  | { readonly kind: 'check'; readonly project: PlannedProject }
  | { readonly kind: 'page-load'; readonly target: string; readonly project: PlannedProject; readonly injectedMs: number; readonly repetition: number }
  | { readonly kind: 'load'; readonly target: string; readonly project: PlannedProject; readonly repetition: number }
  | { readonly kind: 'open-load'; readonly target: string; readonly project: PlannedProject; readonly capacityPercent: number }
  | { readonly kind: 'micro'; readonly gids: number; readonly repetition: number }
  | { readonly kind: 'thread-cost'; readonly repetition: number };

export type PlanInput = {
  readonly suite: Suite;
  readonly targets: readonly string[];
  readonly projects: readonly PlannedProject[];
  readonly remote: boolean;
  // Check and count only: no timing at all.
  readonly countersOnly: boolean;
  readonly micro: boolean;
};

const range = (count: number): number[] => Array.from({ length: count }, (_, index) => index);

// Every other repetition runs the targets in reverse (A B, then B A): none is always
// measured first, or right after the same neighbour, whose leftovers (a busy database,
// a collecting heap) would then bias one side of every comparison.
function inOrder(targets: readonly string[], repetition: number): readonly string[] {
  return repetition % 2 === 0 ? targets : [...targets].reverse();
}

export function planRun({ suite, targets, projects, remote, countersOnly, micro }: PlanInput): Step[] {
  const project = (gids: number): PlannedProject[] => projects.filter((p) => p.gids === gids);
  const pageLoads = (injectedMs: number): Step[] => {
    const cells = pageLoadCells(suite).filter((cell) => cell.injectedMs === injectedMs);
    return range(suite.pageLoad.repetitions).flatMap((repetition) =>
      cells.flatMap((cell) =>
        project(cell.gids).flatMap((planned) =>
          inOrder(targets, repetition).map((target): Step => ({ kind: 'page-load', target, project: planned, injectedMs, repetition })),
        ),
      ),
    );
  };

  const steps: Step[] = [{ kind: 'start-servers', injectedMs: 0 }];
  for (const planned of projects) steps.push({ kind: 'check', project: planned });
  if (countersOnly) return steps;
  steps.push(...pageLoads(0));
  for (const repetition of range(suite.load.repetitions)) {
    for (const planned of suite.load.sizes.flatMap(project)) {
      for (const target of inOrder(targets, repetition)) steps.push({ kind: 'load', target, project: planned, repetition });
    }
  }
  // The open loop's rates are percentages of the capacity the closed loop measured.
  for (const capacityPercent of suite.load.openLoop.capacityPercents) {
    for (const planned of suite.load.sizes.flatMap(project)) {
      for (const target of targets) steps.push({ kind: 'open-load', target, project: planned, capacityPercent });
    }
  }
  if (remote) return steps;

  const largest = Math.max(...projects.map((p) => p.gids));
  for (const repetition of range(micro ? suite.micro.repetitions : 0)) {
    for (const gids of suite.micro.gidCounts.filter((count) => count <= largest)) steps.push({ kind: 'micro', gids, repetition });
    steps.push({ kind: 'thread-cost', repetition });
  }
  // Injected latency sits between the servers and the database, so the servers are
  // restarted behind the latency proxy; remote servers cannot be re-pointed.
  const latencies = [...new Set(pageLoadCells(suite).map((cell) => cell.injectedMs))].filter((ms) => ms > 0).sort((a, b) => a - b);
  for (const injectedMs of latencies) steps.push({ kind: 'start-servers', injectedMs }, ...pageLoads(injectedMs));
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
      return `page-load ${step.target} ${step.project.gids} ${step.injectedMs}`;
    case 'load':
      return `load ${step.target} ${step.project.gids}`;
    case 'open-load':
      return `open-load ${step.target} ${step.project.gids} ${step.capacityPercent}`;
    case 'micro':
      return `micro ${step.gids}`;
    case 'thread-cost':
      return 'thread-cost';
  }
}

export function stepLabel(step: Step, suite: Suite): string {
  switch (step.kind) {
    case 'start-servers':
      return step.injectedMs === 0 ? 'start servers' : `start servers behind +${step.injectedMs} ms round trip`;
    case 'check':
      return `check all targets agree and count their work · ${step.project.gids} gids`;
    case 'page-load':
      return `page load · ${step.target} · ${step.project.gids} gids · +${step.injectedMs} ms · rep ${step.repetition + 1}/${suite.pageLoad.repetitions}`;
    case 'load':
      return `load · ${step.target} · ${step.project.gids} gids · rep ${step.repetition + 1}/${suite.load.repetitions}`;
    case 'open-load':
      return `open-loop load · ${step.target} · ${step.project.gids} gids · ${step.capacityPercent} % of its capacity`;
    case 'micro':
      return `micro-benchmarks · ${step.gids} gids · rep ${step.repetition + 1}/${suite.micro.repetitions}`;
    case 'thread-cost':
      return `what one thread costs · Node and Python · rep ${step.repetition + 1}/${suite.micro.repetitions}`;
  }
}
