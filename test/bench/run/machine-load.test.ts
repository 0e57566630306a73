import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { busyReasons, machineBetween, snapshotMachine } from '../../../bench/run/machine-load.ts';

describe('snapshotMachine', () => {
  it("counts a busy child's CPU time as the run's, not as outside", async () => {
    const before = await snapshotMachine();
    // A child that spins for about half a second of CPU, then exits (and is reaped).
    await new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, ['-e', 'const end = Date.now() + 500; while (Date.now() < end);']);
      child.once('exit', () => resolve());
      child.once('error', reject);
    });
    const machine = machineBetween(before, await snapshotMachine(), true);
    expect(machine.cpuSeconds.run).toBeGreaterThan(0.3);
    expect(machine.cpuSeconds.wall).toBeGreaterThan(0.4);
    expect(machine.loadAverage.before).toHaveLength(3);
    expect(machine.cores).toBeGreaterThan(0);
  });
});

describe('busyReasons', () => {
  const quiet = {
    cores: 2,
    loadAverage: { before: [0.3, 0.2, 0.1] as [number, number, number], after: [2.1, 1, 0.5] as [number, number, number] },
    cpuSeconds: { wall: 600, run: 900, outside: 30 },
    databaseInRun: true,
  };

  it('is quiet below the thresholds, whatever the run itself did to the load', () => {
    expect(busyReasons(quiet)).toEqual([]);
  });

  it('names a load above the cores before the run, and others using over a quarter of the machine', () => {
    expect(busyReasons({ ...quiet, loadAverage: { ...quiet.loadAverage, before: [2.5, 2, 2] } })).toEqual([
      'the load average was 2.5 when the run began, above the 2 cores',
    ]);
    expect(busyReasons({ ...quiet, cpuSeconds: { wall: 600, run: 900, outside: 360 } })[0]).toBe(
      'processes outside the run used 0.60 cores on average (360 CPU-seconds in 600 s), over 25 % of the machine',
    );
  });
});
