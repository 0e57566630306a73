// <before>-vs-<after>-<gids>gids.wall-diff.svg: the differential wall-clock flame graph
// of two traced pages, e.g. baseline → wave1-lazy (the article's wave 1) or
// wave1-lazy → optimized (wave 2).
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { formatUs } from '../cpu-profile/flamegraph-svg.ts';
import { differentialFlameGraphSvg } from '../cpu-profile/flamegraph-diff.ts';
import type { WallFolded } from './wall-folded.ts';

export type NamedWall = { readonly name: string; readonly wall: WallFolded };

export async function writeDifferential(outDir: string, gids: number, before: NamedWall, after: NamedWall): Promise<string> {
  const file = join(outDir, `${before.name}-vs-${after.name}-${gids}gids.wall-diff.svg`);
  await writeFile(file, differentialFlameGraphSvg({
    title: `${before.name} → ${after.name}: one settings page (${gids} gids), wall time`,
    subtitle: `${formatUs(before.wall.wallUs)} → ${formatUs(after.wall.wallUs)}; width = the larger of the two, colour = change (red grew, blue shrank)`,
    beforeName: before.name,
    afterName: after.name,
    before: before.wall.stacks,
    after: after.wall.stacks,
  }));
  return file;
}
