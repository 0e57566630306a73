// make compare: node bench/compare-cli.ts BASE NEW [options]. Compares two runs and
// applies the CI gate; the exit code is the verdict (see --help).
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
import { reportSchema } from './report-schema.ts';
import type { Report } from './report-schema.ts';
import { minimumRepetitions } from './stats/mann-whitney.ts';

const exitCodes = { pass: 0, regression: 1, badInput: 2, environmentMismatch: 3 } as const;
const defaultFormat: OutputFormat = 'text';

const helpText = `Usage: node bench/compare-cli.ts BASE NEW [options]
       make compare BASE=results/reference NEW=results/runs/<id> ARGS='--latency ratio'

BASE and NEW are run folders (holding report.json) or report.json files.
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
  --format <format>        text | markdown | json (default: ${defaultFormat})
  --help                   print this text

Gate: fails when a counter (queries, new connections, rows read, workers per request)
increased at all, or a latency/throughput metric is slower. Peak RSS and load errors are
reported, never gated.

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
  format: z.enum(['text', 'markdown', 'json']).default(defaultFormat),
});

type Invocation =
  | { readonly kind: 'help' }
  | { readonly kind: 'run'; readonly base: string; readonly next: string; readonly options: CompareOptions; readonly format: OutputFormat }
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
        format: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    return { kind: 'error', message: (error as Error).message };
  }
  const { help, ...flags } = parsed.values;
  if (help === true) return { kind: 'help' };
  const [base, next, ...extra] = parsed.positionals;
  if (base === undefined || next === undefined || extra.length > 0) {
    return { kind: 'error', message: 'expected exactly two arguments, BASE and NEW' };
  }
  const checked = flagsSchema.safeParse(flags);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    return { kind: 'error', message: `--${issue?.path.join('.') ?? '?'}: ${issue?.message ?? 'invalid'}` };
  }
  const { 'allow-env-mismatch': allowEnvironmentMismatch, format, ...rest } = checked.data;
  return { kind: 'run', base, next, options: { ...rest, allowEnvironmentMismatch }, format };
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
  const base = readReport('BASE', invocation.base);
  if (base.kind === 'error') return fail(base.message);
  const next = readReport('NEW', invocation.next);
  if (next.kind === 'error') return fail(next.message);
  const comparison = compareReports(base.report, next.report, invocation.options);
  const result = gate(comparison);
  process.stdout.write(`${renderComparison(comparison, result, invocation.format)}\n`);
  if (comparison.kind === 'refused') return exitCodes.environmentMismatch;
  return result.pass ? exitCodes.pass : exitCodes.regression;
}

process.exitCode = main(process.argv.slice(2));
