// The wall-clock flame graph of one traced page: the same drawing as the CPU flame
// graphs (bench/tools/cpu-profile/flamegraph-svg.ts), but a box's width is wall time, waiting
// included, and its colour says what kind of span it is.
import { drawFlameGraph, formatUs, shade } from '../cpu-profile/flamegraph-svg.ts';
import { roleShades } from './role-shades.ts';
import { roles } from './span-role.ts';
import type { WallFolded } from './wall-folded.ts';

export type WallGraphSpec = { readonly title: string; readonly subtitle: string; readonly folded: WallFolded };

export function wallFlameGraphSvg(spec: WallGraphSpec): string {
  const { folded } = spec;
  return drawFlameGraph({
    title: spec.title,
    subtitle: spec.subtitle,
    stacks: folded.stacks,
    rootLabel: `all: ${formatUs(folded.wallUs)} wall time`,
    legend: roles.map((role) => ({ name: roleShades[role].name, fill: shade(roleShades[role], '') })),
    fill: (box) => shade(roleShades[folded.roles.get(box.label) ?? 'code'], box.label),
    tooltip: (box) => {
      const share = folded.wallUs > 0 ? (100 * box.us) / folded.wallUs : 0;
      return `${box.label}\n${formatUs(box.us)}, ${share.toFixed(1)}% of wall time`;
    },
  });
}
