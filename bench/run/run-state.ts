// What one run holds while its steps execute: the database, the running targets and
// everything measured so far. Steps read and add to it; only run.ts creates it.
import type http from 'node:http';
import type { Connection } from 'mysql2/promise';
import type { Config } from '../../lib/config.ts';
import type { DataAccess, Project } from '../../lib/types.ts';
import type { Database } from '../tools/db/index.ts';
import type { LatencyProxy } from '../tools/latency/types.ts';
import type { PlannedProject } from './plan.ts';
import type { Suite } from './suites.ts';
import type { Measurement, Report } from '../report/schema.ts';
import type { Story } from './stories.ts';
import type { Target } from './targets.ts';
import type { WorkCounter } from '../measure/work-counters.ts';

export type Log = (line: string) => void;

export type RunningTarget = {
  readonly target: Target;
  readonly url: string;
  // The server's process (and process group); undefined for a remote server.
  readonly pid: number | undefined;
  stop(): Promise<void>;
};

export type RunState = {
  readonly config: Config;
  readonly suite: Suite;
  readonly targets: readonly Target[];
  readonly stories: readonly Story[];
  readonly database: Database;
  readonly admin: Connection;
  // Counts each request's work at the database (its own connection).
  readonly counter: WorkCounter;
  readonly agent: http.Agent;
  readonly log: Log;
  readonly measurements: Measurement[];
  readonly equivalence: Report['equivalence'];
  readonly projects: readonly PlannedProject[];
  running: RunningTarget[];
  proxy: LatencyProxy | undefined;
  // Opened at the first micro step and reused: connections and the project's gids.
  micro: { db: DataAccess; bare: Connection; project: Project } | undefined;
  // What the check step measured per cell "target gids": its page time and threads.
  readonly checked: Map<string, { readonly ms: number; readonly workers: number | null }>;
  // How each page-load cell (by step key) is sampled, chosen from its first timing.
  readonly pagePlans: Map<string, CellPlan>;
  // Cells "target gids" not checked, hence never timed (predicted too slow to afford).
  readonly excluded: Set<string>;
};

export type CellPlan =
  | { readonly kind: 'skip'; readonly reason: string }
  // `requests` sequential requests in each of the first `repetitions` repetitions.
  | { readonly kind: 'fast' | 'slow'; readonly requests: number; readonly repetitions: number };

export const pagePath = (project: PlannedProject): string => `/api/projects/${project.code}/settings`;

export const cellKey = (target: string, gids: number): string => `${target} ${gids}`;

// A target and its twin from another revision share one name here, so that the
// decisions that depend on timing (skip a slow cell, how to sample it, whether it fits
// under load) are taken once for both and noise cannot measure one twin and not the other.
export function pairName(state: Pick<RunState, 'targets'>, name: string): string {
  return state.targets.find((target) => target.name === name)?.revision?.of ?? name;
}

export function twinsOf(state: Pick<RunState, 'targets'>, name: string): string[] {
  const pair = pairName(state, name);
  return state.targets.map((target) => target.name).filter((candidate) => pairName(state, candidate) === pair);
}

export function runningTarget(state: RunState, name: string): RunningTarget {
  const found = state.running.find((candidate) => candidate.target.name === name);
  if (found === undefined) throw new Error(`no server for target ${name}`);
  return found;
}

// The headline's cells without injected latency are measured whatever they cost: each
// story's before and after at the headline size.
export function isHeadlineCell(state: RunState, target: string, gids: number, injectedMs: number): boolean {
  if (gids !== state.suite.headline.gids || injectedMs !== 0) return false;
  return state.stories.some((story) => story.before === target || story.after === target);
}
