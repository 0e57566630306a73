// One gid's day of CPU load: a quiet base, a daily swing peaking at the gid's busy hour,
// minute-to-minute drift, and the occasional spike (a deploy, a GC storm, a cron job).
import type { Faker } from '@faker-js/faker';
import { gaussian } from './prng.ts';
import type { Random } from './prng.ts';

export type CpuProfile = {
  readonly baseLoad: number; // percent at the quietest hour
  readonly dailySwing: number; // extra percent at the busiest hour
  readonly peakMinute: number; // minute of the UTC day with the most traffic
  readonly noise: number; // standard deviation of the drift, percent
  readonly spikeChance: number; // per sample
};

const MINUTES_PER_DAY = 1440;

// Few parameters per gid, so faker (readable, seeded) picks them; the samples are drawn
// from the fast generator (see prng.ts).
export function cpuProfile(faker: Faker, peakHourUtc: number): CpuProfile {
  return {
    baseLoad: faker.number.float({ min: 2, max: 30, fractionDigits: 2 }),
    dailySwing: faker.number.float({ min: 5, max: 40, fractionDigits: 2 }),
    peakMinute: peakHourUtc * 60 + faker.number.int({ min: -90, max: 90 }),
    noise: faker.number.float({ min: 0.5, max: 3, fractionDigits: 2 }),
    spikeChance: faker.number.float({ min: 0, max: 0.0015, fractionDigits: 5 }),
  };
}

// The text of every sampled_at (each followed by TAB) and of every cpu_percent from 0.00
// to 100.00 (each followed by LF) is computed once: the inner loop then only picks and
// joins strings, which keeps two million rows to about a second.
export function timestampFields(startMs: number, samples: number): readonly string[] {
  return Array.from({ length: samples }, (_, i) => `${new Date(startMs + i * 60_000).toISOString().slice(0, 19).replace('T', ' ')}\t`);
}

export const percentFields: readonly string[] = Array.from({ length: 10_001 }, (_, hundredths) => `${(hundredths / 100).toFixed(2)}\n`);

// TSV rows `<prefix><sampled_at>\t<cpu_percent>\n`, where prefix is "project_id\tgid\t".
export function cpuSeriesRows(prefix: string, profile: CpuProfile, random: Random, timestamps: readonly string[]): string {
  let rows = '';
  let drift = 0;
  let spikeLeft = 0;
  let spikeHeight = 0;
  for (let minute = 0; minute < timestamps.length; minute++) {
    const daily = 0.5 + 0.5 * Math.cos(((minute - profile.peakMinute) / MINUTES_PER_DAY) * 2 * Math.PI);
    // Autoregressive drift: real load wanders rather than jumping independently each minute.
    drift = 0.8 * drift + profile.noise * gaussian(random);
    if (spikeLeft === 0 && random() < profile.spikeChance) {
      spikeLeft = 1 + Math.floor(random() * 8);
      spikeHeight = 10 + random() * 40;
    }
    const spike = spikeLeft > 0 ? spikeHeight : 0;
    if (spikeLeft > 0) spikeLeft--;
    const cpu = profile.baseLoad + profile.dailySwing * daily * daily + drift + spike;
    const hundredths = Math.round(Math.min(100, Math.max(0, cpu)) * 100);
    rows += prefix + timestamps[minute] + percentFields[hundredths];
  }
  return rows;
}
