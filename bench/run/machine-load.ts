// How busy the machine was while a run measured: the load average, and the CPU time
// used by everything outside the run (all CPU time the kernel counted, less the run's
// own process tree), read at the run's start and end. On a shared machine a benchmark
// measures its neighbours as much as its targets; the report says so, and the
// reference refuses a run taken on a busy machine.
import { execFile } from 'node:child_process';
import os from 'node:os';
import { promisify } from 'node:util';
import { processTable } from './proc-stat.ts';
import type { ProcStat } from './proc-stat.ts';
import type { Machine } from '../report/schema.ts';

export type MachineSnapshot = {
  readonly atMs: number;
  readonly loadAverage: [number, number, number];
  // CPU time of all CPUs, not idle, in seconds.
  readonly busySeconds: number;
  // CPU time of this process and its descendants, living or reaped, in seconds.
  readonly runSeconds: number;
};

// Thresholds of "busy", declared once: a load average above the cores means work was
// queueing for a CPU before the run began; others using a quarter of the machine on
// average means they took CPU time the targets would have had.
export const busyRule = { loadAverageAboveCores: 1, outsideShareOfMachine: 0.25 } as const;

let clockTicks: number | undefined;

// /proc counts process CPU time in USER_HZ ticks (100 on mainstream Linux; asked, not assumed).
async function ticksPerSecond(): Promise<number> {
  if (clockTicks !== undefined) return clockTicks;
  const answer = await promisify(execFile)('getconf', ['CLK_TCK']).then((r) => Number(r.stdout.trim())).catch(() => 100);
  clockTicks = Number.isFinite(answer) && answer > 0 ? answer : 100;
  return clockTicks;
}

// Reaped children are already in a parent's cutime/cstime; living ones are added here.
async function treeTicks(root: number): Promise<number> {
  const table = await processTable();
  const children = new Map<number, ProcStat[]>();
  for (const stat of table) children.set(stat.parent, [...(children.get(stat.parent) ?? []), stat]);
  let ticks = 0;
  const stack = table.filter((stat) => stat.pid === root);
  while (stack.length > 0) {
    const next = stack.pop() as ProcStat;
    ticks += next.ticks;
    stack.push(...(children.get(next.pid) ?? []));
  }
  return ticks;
}

function busySecondsOfAllCpus(): number {
  return os.cpus().reduce((sum, cpu) => sum + (cpu.times.user + cpu.times.nice + cpu.times.sys + cpu.times.irq) / 1000, 0);
}

export async function snapshotMachine(): Promise<MachineSnapshot> {
  const ticks = await treeTicks(process.pid);
  const [one, five, fifteen] = os.loadavg();
  return {
    atMs: Date.now(),
    loadAverage: [one ?? 0, five ?? 0, fifteen ?? 0],
    busySeconds: busySecondsOfAllCpus(),
    runSeconds: ticks / (await ticksPerSecond()),
  };
}

export function machineBetween(before: MachineSnapshot, after: MachineSnapshot, databaseInRun: boolean): Machine {
  const run = Math.max(0, after.runSeconds - before.runSeconds);
  return {
    cores: os.cpus().length,
    loadAverage: { before: before.loadAverage, after: after.loadAverage },
    cpuSeconds: {
      wall: Math.max(0, (after.atMs - before.atMs) / 1000),
      run,
      outside: Math.max(0, after.busySeconds - before.busySeconds - run),
    },
    databaseInRun,
  };
}

// Why the machine counts as busy, in words; empty when it was quiet.
export function busyReasons(machine: Machine): string[] {
  const reasons: string[] = [];
  const [loadBefore] = machine.loadAverage.before;
  if (loadBefore > machine.cores * busyRule.loadAverageAboveCores) {
    reasons.push(`the load average was ${loadBefore.toFixed(1)} when the run began, above the ${machine.cores} cores`);
  }
  const { wall, outside } = machine.cpuSeconds;
  const outsideCores = wall === 0 ? 0 : outside / wall;
  if (outsideCores > machine.cores * busyRule.outsideShareOfMachine) {
    const share = Math.round(busyRule.outsideShareOfMachine * 100);
    reasons.push(`processes outside the run used ${outsideCores.toFixed(2)} cores on average (${outside.toFixed(0)} CPU-seconds in ${wall.toFixed(0)} s), over ${share} % of the machine`);
  }
  return reasons;
}
