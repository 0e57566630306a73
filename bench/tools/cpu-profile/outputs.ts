// What `make profile` leaves behind for one variant and project size:
//   <variant>-<gids>gids.cpuprofile  the whole main-thread profile, for Chrome DevTools or speedscope
//   <variant>-<gids>gids.folded      the load window as folded stacks (diffable, speedscope reads it)
//   <variant>-<gids>gids.svg         the load window as a flame graph to open directly
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Capture } from './capture.ts';
import { parseCpuProfile, samplesOf } from './cpuprofile.ts';
import { foldedText, foldSamples, topSelfTime } from './folded.ts';
import type { Folded, HotSpot } from './folded.ts';
import { flameGraphSvg } from './flamegraph-svg.ts';

export type ProfileTarget = { readonly variant: string; readonly projectCode: string; readonly gids: number };

export type WrittenProfile = {
  readonly files: readonly string[];
  readonly folded: Folded;
  readonly hotSpots: readonly HotSpot[];
};

export async function writeProfile(
  outDir: string,
  target: ProfileTarget,
  capture: Capture,
  repositoryUrl: string,
): Promise<WrittenProfile> {
  const profile = parseCpuProfile(capture.profileText);
  const folded = foldSamples(samplesOf(profile, capture.load), repositoryUrl);
  if (folded.stacks.size === 0) throw new Error('the profile holds no sample from the load window');

  const base = join(outDir, `${target.variant}-${target.gids}gids`);
  const [cpuprofileFile, foldedFile, svgFile] = [`${base}.cpuprofile`, `${base}.folded`, `${base}.svg`];
  await mkdir(outDir, { recursive: true });
  await writeFile(cpuprofileFile, capture.profileText);
  await writeFile(foldedFile, foldedText(folded));
  await writeFile(svgFile, flameGraphSvg({ title: title(target), subtitle: subtitle(capture, folded), folded }));
  return { files: [cpuprofileFile, foldedFile, svgFile], folded, hotSpots: topSelfTime(folded, 10) };
}

function title(target: ProfileTarget): string {
  return `${target.variant}: GET /api/projects/${target.projectCode}/settings (${target.gids} gids)`;
}

function subtitle(capture: Capture, folded: Folded): string {
  const requests = capture.pageMs.length;
  const sorted = [...capture.pageMs].sort((a, b) => a - b);
  const median = sorted[Math.floor((sorted.length - 1) / 2)] ?? 0;
  const wallSeconds = (capture.load.toUs - capture.load.fromUs) / 1e6;
  return `main thread, ${requests} sequential request${requests === 1 ? '' : 's'} in ${wallSeconds.toFixed(1)} s `
    + `(median page ${duration(median)}); width = busy time; idle ${(folded.idleUs / 1e6).toFixed(1)} s not drawn`;
}

function duration(ms: number): string {
  return ms < 10_000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}
