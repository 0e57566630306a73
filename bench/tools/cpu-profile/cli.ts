// `make profile VARIANT=baseline`: runs one variant's server under Node's built-in
// sampling profiler while sequential requests hit the settings page, and writes, per
// project size, into --out: the main thread's .cpuprofile (Chrome DevTools → Performance
// → Load profile, or speedscope), the load window as folded stacks, and as an SVG flame
// graph that opens directly. Then prints the top 10 functions by self time.
//
// Why Node's --cpu-prof and a small converter, not 0x or Clinic.js Flame:
// - --cpu-prof ships with the Node that runs the server (nothing to install, never out of
//   step with it), writes the .cpuprofile that DevTools and speedscope open, and names
//   each file by process and thread, so the main thread is picked out of the baseline's
//   thread-per-gid run; the harness's own server start (fork + ready message) is kept.
// - 0x wraps the command it profiles, samples with V8's --prof tick logs (one log per
//   isolate: a thousand per baseline request here), produces no .cpuprofile, and its
//   flame graph is an HTML page with a bundled viewer that needs a browser with JavaScript.
// - Clinic.js Flame runs 0x underneath and is no longer actively maintained: its authors
//   said so in 2024 (clinicjs/node-clinic#474), adding that on Node 20/22 it works "but
//   not accurate"; a large dependency tree for the same HTML view.
// - The conversion is small enough to check: the .cpuprofile is a documented call tree
//   with per-sample time deltas; folding it into stacks and drawing boxes proportional to
//   time is what Brendan Gregg's flamegraph.pl does. Here it is a few hundred lines under
//   bench/tools/cpu-profile/, tested on a hand-made profile, deterministic (same profile, same
//   bytes), with no new dependency.
// Exit codes: 0 written; 1 failed; 2 bad flags; 130/143 interrupted.
import { configFromCli } from '../../../lib/config.ts';
import type { Config } from '../../../lib/config.ts';
import { findVariant, variantNames } from '../../../variants/index.ts';
import type { ProjectSummary } from '../../../seed/generate.ts';
import { log, runPageCommand, startSeededPages } from '../page-command.ts';
import { serverEnv } from '../../run/server-env.ts';
import { captureProfile } from './capture.ts';
import { writeProfile } from './outputs.ts';
import type { WrittenProfile } from './outputs.ts';

const repositoryUrl = new URL('../../..', import.meta.url).href;
const pagePath = (project: ProjectSummary): string => `/api/projects/${project.code}/settings`;

async function profileVariant(config: Config): Promise<string[]> {
  if (findVariant(config.variant) === undefined) {
    throw new Error(`unknown variant "${config.variant}"; one of: ${variantNames.join(', ')}`);
  }
  const { database, smallest, projects } = await startSeededPages(config);
  const report: string[] = [];
  for (const project of projects) {
    const { gids } = project;
    log(`profile: ${config.variant}, ${pagePath(project)} (${gids} gids), up to ${config.profileRequests} requests or ${config.profileSeconds} s`);
    const capture = await captureProfile({
      variant: config.variant,
      mysqlUrl: database.url,
      env: serverEnv(config),
      warmUpPath: pagePath(smallest),
      pagePath: pagePath(project),
      requests: config.profileRequests,
      maxSeconds: config.profileSeconds,
    });
    const written = await writeProfile(config.profileDir, { variant: config.variant, projectCode: project.code, gids }, capture, repositoryUrl);
    report.push(...summaryLines(written, capture.workerProfiles));
  }
  await database.stop();
  return report;
}

function summaryLines(written: WrittenProfile, workerProfiles: number): string[] {
  const { folded } = written;
  const busy = (folded.busyUs / 1e6).toFixed(2);
  const idle = (folded.idleUs / 1e6).toFixed(2);
  return [
    '',
    `top 10 self time, main thread, during the load (${busy} s busy, ${idle} s idle in the event loop):`,
    '       ms      %  function',
    ...written.hotSpots.map((spot) => `  ${(spot.selfUs / 1000).toFixed(1).padStart(7)} ${(spot.share * 100).toFixed(1).padStart(5)}%  ${spot.label}`),
    ...(workerProfiles > 0 ? [`(worker threads wrote ${workerProfiles} profiles of their own; only the main thread's is kept)`] : []),
    'written:',
    ...written.files.map((file) => `  ${file}`),
  ];
}

const config = configFromCli(['bench', 'server', 'seed', 'database']);
await runPageCommand('profile', () => profileVariant(config));
