// make compare: node bench/judge/compare-cli.ts BASE NEW [options], or RUN alone for a
// two-revision run (make bench REF=...). Compares two runs and applies the CI gate; the
// exit code is the verdict (see --help).
// Flags are parsed here rather than in lib/config.ts: that table has no positionals
// and no value-less switches, which this command needs (BASE NEW, --allow-env-mismatch).
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { compareDefaults, compareReports } from './compare.ts';
import type { CompareOptions } from './compare.ts';
import { renderComparison } from './compare-format.ts';
import type { OutputFormat } from './compare-format.ts';
import { formatShare } from './compare-numbers.ts';
import { gate } from './gate.ts';
import { reportSchema } from '../report/schema.ts';
import { splitRevisions } from './revision-split.ts';
import type { Report } from '../report/schema.ts';
import { minimumRepetitions } from './stats/mann-whitney.ts';

const exitCodes = { pass: 0, regression: 1, badInput: 2, environmentMismatch: 3 } as const;
const defaultFormat: OutputFormat = 'text';

const helpText = `Usage: node bench/judge/compare-cli.ts BASE NEW [options]
       node bench/judge/compare-cli.ts RUN [options]
       make compare BASE=results/reference NEW=results/runs/<id> ARGS='--latency ratio'
       make compare RUN=results/runs/<id>

BASE and NEW are run folders (holding report.json) or report.json files. RUN alone is
a two-revision run (make bench REF=<ref>): its targets from REF (<name>@<sha>) are BASE,
their twins from the working tree NEW, measured interleaved in one run on one machine.
Compares every metric present in both runs: median, change with a confidence interval
(Hodges-Lehmann, on the ratio), a two-sided Mann-Whitney p-value, and a verdict.
A timed metric is "slower" only when significant at alpha AND worse than the threshold;
"~ unchanged" means not distinguishable from noise. Counters are compared exactly.
With alpha ${compareDefaults.alpha}, each run needs at least ${minimumRepetitions(compareDefaults.alpha)} repetitions to detect anything.

Options:
  --alpha <p>              significance level (default: ${compareDefaults.alpha})
  --threshold <fraction>   smallest relative change that fails the gate (default: ${compareDefaults.threshold} = ±${formatShare(compareDefaults.threshold)})
  --latency <mode>         absolute | ratio | off (default: ${compareDefaults.latency})
                             absolute: timings as measured (same machine)
                             ratio: each target divided by 'baseline' of the same run,
                                    cell and repetition (runs from different machines)
                             off: counters only
  --allow-env-mismatch     compare even if the environments differ (printed as a banner)
  --allow-missing <glob>   a metric of BASE that NEW lacks may match this pattern (* = anything)
                           without failing the gate; repeat for more (default: none may be missing)
  --multiple-comparisons <method>
                           holm | none (default: ${compareDefaults.multipleComparisons}): holm adjusts the p-values of
                           all timed metrics together, so that one comparison raises a
                           false alarm at most alpha of the time however many it tests
  --rows-read-tolerance <fraction>
                           rows read depends on the query plan: a change within this
                           fraction is "within tolerance" (default: ${compareDefaults.rowsReadTolerance})
  --format <format>        text | markdown | json (default: ${defaultFormat})
  --help                   print this text

Gate: fails when a counter per request increased at all (statements, by kind and by
fingerprint — a repeated statement run more often is named —, new connections, bytes and
rows sent, workers; rows read beyond its tolerance), when a latency/throughput metric is
slower, or when a metric of BASE is missing from NEW (a skipped or dropped cell) and no
--allow-missing pattern names it. Peak RSS and load errors are reported, never gated.

Exit codes:
  ${exitCodes.pass}  gate passed
  ${exitCodes.regression}  gate failed: a regression (reasons printed)
  ${exitCodes.badInput}  bad usage or input (unreadable or schema-invalid report)
  ${exitCodes.environmentMismatch}  refused: the environments differ (see --allow-env-mismatch)`;

const flagsSchema = z.object({
  alpha: z.coerce.number().gt(0).lt(1).default(compareDefaults.alpha),
  threshold: z.coerce.number().min(0).default(compareDefaults.threshold),
  latency: z.enum(['absolute', 'ratio', 'off']).default(compareDefaults.latency),
  'allow-env-mismatch': z.boolean().default(compareDefaults.allowEnvironmentMismatch),
  'allow-missing': z.array(z.string().min(1)).default([...compareDefaults.allowMissing]),
  'rows-read-tolerance': z.coerce.number().min(0).default(compareDefaults.rowsReadTolerance),
  'multiple-comparisons': z.enum(['holm', 'none']).default(compareDefaults.multipleComparisons),
  format: z.enum(['text', 'markdown', 'json']).default(defaultFormat),
});

type Invocation =
  | { readonly kind: 'help' }
  | { readonly kind: 'run'; readonly paths: readonly [string] | readonly [string, string]; readonly options: CompareOptions; readonly format: OutputFormat }
  | { readonly kind: 'error'; readonly message: string };

type Loaded = { readonly kind: 'report'; readonly report: Report } | { readonly kind: 'error'; readonly message: string };

function parseInvocation(argv: readonly string[]): Invocation {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        alpha: { type: 'string' },
        threshold: { type: 'string' },
        latency: { type: 'string' },
        'allow-env-mismatch': { type: 'boolean' },
        'allow-missing': { type: 'string', multiple: true },
        'rows-read-tolerance': { type: 'string' },
        'multiple-comparisons': { type: 'string' },
        format: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    return { kind: 'error', message: (error as Error).message };
  }
  const { help, ...flags } = parsed.values;
  if (help === true) return { kind: 'help' };
  const [first, second, ...extra] = parsed.positionals;
  if (first === undefined || extra.length > 0) {
    return { kind: 'error', message: 'expected BASE and NEW, or one two-revision RUN' };
  }
  const checked = flagsSchema.safeParse(flags);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    return { kind: 'error', message: `--${issue?.path.join('.') ?? '?'}: ${issue?.message ?? 'invalid'}` };
  }
  const {
    'allow-env-mismatch': allowEnvironmentMismatch, 'allow-missing': allowMissing, 'rows-read-tolerance': rowsReadTolerance,
    'multiple-comparisons': multipleComparisons, format, ...rest
  } = checked.data;
  const paths = second === undefined ? ([first] as const) : ([first, second] as const);
  return { kind: 'run', paths, options: { ...rest, allowEnvironmentMismatch, allowMissing, rowsReadTolerance, multipleComparisons }, format };
}

function readReport(label: string, path: string): Loaded {
  let file = path;
  let json: unknown;
  try {
    if (statSync(path).isDirectory()) file = join(path, 'report.json');
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    return { kind: 'error', message: `${label} ${file}: ${(error as Error).message}` };
  }
  const parsed = reportSchema.safeParse(json);
  if (parsed.success) return { kind: 'report', report: parsed.data };
  const issue = parsed.error.issues[0];
  return { kind: 'error', message: `${label} ${file} is not a valid report: ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}` };
}

type Pair = { readonly kind: 'pair'; readonly base: Report; readonly next: Report } | { readonly kind: 'error'; readonly message: string };

function readPair(paths: readonly [string] | readonly [string, string]): Pair {
  if (paths.length === 2) {
    const base = readReport('BASE', paths[0]);
    if (base.kind === 'error') return base;
    const next = readReport('NEW', paths[1]);
    if (next.kind === 'error') return next;
    return { kind: 'pair', base: base.report, next: next.report };
  }
  const run = readReport('RUN', paths[0]);
  if (run.kind === 'error') return run;
  const split = splitRevisions(run.report);
  if (split === undefined) return { kind: 'error', message: `RUN ${paths[0]} is not a two-revision run (make bench REF=<ref>); give BASE and NEW` };
  if (split.leftOut.length > 0) process.stderr.write(`not compared (no twin from the other revision): ${split.leftOut.join(', ')}\n`);
  return { kind: 'pair', base: split.base, next: split.head };
}

function fail(message: string): number {
  process.stderr.write(`error: ${message}; see --help\n`);
  return exitCodes.badInput;
}

function main(argv: readonly string[]): number {
  const invocation = parseInvocation(argv);
  if (invocation.kind === 'error') return fail(invocation.message);
  if (invocation.kind === 'help') {
    process.stdout.write(`${helpText}\n`);
    return exitCodes.pass;
  }
  const pair = readPair(invocation.paths);
  if (pair.kind === 'error') return fail(pair.message);
  const comparison = compareReports(pair.base, pair.next, invocation.options);
  const result = gate(comparison);
  process.stdout.write(`${renderComparison(comparison, result, invocation.format)}\n`);
  if (comparison.kind === 'refused') return exitCodes.environmentMismatch;
  return result.pass ? exitCodes.pass : exitCodes.regression;
}

process.exitCode = main(process.argv.slice(2));
