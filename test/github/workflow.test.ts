// The GitHub workflows, checked without GitHub: every .github/workflows/*.yml must pass
// GitHub's own workflow parser (@actions/workflow-parser, from actions/languageservices:
// the schema and expression checks behind GitHub's Actions editor support); broken copies
// must fail it, so the validator provably validates; and bench.yml must keep the choices
// docs/ci.md describes (timeouts, read-only permissions, the gate's flags, ...).
// Quick run: node_modules/.bin/vitest run --config test/unit.vitest.config.ts test/github
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { registerHooks } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { suites } from '../../bench/run/suites.ts';
import { githubBenchmarkFiles } from '../../bench/present/github-benchmark.ts';

// @actions/workflow-parser imports its JSON schema without `with { type: 'json' }`, which
// Node refuses (actions/languageservices#387). Supply the attribute for that package's
// JSON files only; once the package is fixed this changes nothing.
registerHooks({
  load(url, context, nextLoad) {
    if (url.includes('/@actions/workflow-parser/') && url.endsWith('.json')) {
      return nextLoad(url, { ...context, importAttributes: { ...context.importAttributes, type: 'json' } });
    }
    return nextLoad(url, context);
  },
});
const { convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow } = await import('@actions/workflow-parser');

const root = fileURLToPath(new URL('../..', import.meta.url));
const workflowDir = join(root, '.github/workflows');
const workflowFiles = readdirSync(workflowDir).filter((name) => /\.ya?ml$/.test(name)).sort();
const read = (name: string): string => readFileSync(join(workflowDir, name), 'utf8');

// Every error GitHub's parser finds: YAML, schema (unknown keys, wrong values),
// expressions (syntax, unknown contexts), and the job graph (needs).
async function workflowErrors(name: string, content: string): Promise<string[]> {
  const parsed = parseWorkflow({ name, content }, new NoOperationTraceWriter());
  const errors = parsed.context.errors.getErrors().map((error) => error.message);
  if (parsed.value !== undefined) {
    const template = await convertWorkflowTemplate(parsed.context, parsed.value);
    errors.push(...(template.errors ?? []).map((error) => error.Message));
  }
  return [...new Set(errors)];
}

// The parts of a workflow the policy checks below read.
const stepSchema = z.object({
  id: z.string().optional(),
  name: z.string().optional(),
  if: z.string().optional(),
  uses: z.string().optional(),
  run: z.string().optional(),
  with: z.record(z.string(), z.unknown()).optional(),
  env: z.record(z.string(), z.unknown()).optional(),
});
const jobSchema = z.object({
  'runs-on': z.string(),
  'timeout-minutes': z.number().int().positive(),
  if: z.string().optional(),
  needs: z.union([z.string(), z.array(z.string())]).optional(),
  permissions: z.record(z.string(), z.string()).optional(),
  env: z.record(z.string(), z.unknown()).optional(),
  steps: z.array(stepSchema).min(1),
});
const workflowSchema = z.object({
  on: z.record(z.string(), z.unknown()),
  permissions: z.record(z.string(), z.enum(['read', 'none'])),
  jobs: z.record(z.string(), jobSchema),
});
type Workflow = z.infer<typeof workflowSchema>;
type Job = z.infer<typeof jobSchema>;
type Step = z.infer<typeof stepSchema>;

function loadWorkflow(name: string): Workflow {
  return workflowSchema.parse(parse(read(name)));
}

function job(workflow: Workflow, id: string): Job {
  const found = workflow.jobs[id];
  if (found === undefined) throw new Error(`no job ${id}`);
  return found;
}

function stepUsing(steps: readonly Step[], action: string): Step[] {
  return steps.filter((step) => step.uses?.split('@')[0] === action);
}

function stepRunning(steps: readonly Step[], pattern: RegExp): Step {
  const found = steps.find((step) => step.run !== undefined && pattern.test(step.run));
  if (found === undefined) throw new Error(`no step runs ${pattern}`);
  return found;
}

const makeTargets = new Set(
  [...readFileSync(join(root, 'Makefile'), 'utf8').matchAll(/^([a-z][a-z-]*):/gm)].map((match) => match[1]),
);

test('there is a workflow to validate', () => {
  expect(workflowFiles).toContain('bench.yml');
});

describe.each(workflowFiles)('%s', (name) => {
  test("passes GitHub's workflow parser", async () => {
    expect(await workflowErrors(name, read(name))).toEqual([]);
  });

  test('pins every action to a major version (or a full commit)', () => {
    const uses = Object.values(loadWorkflow(name).jobs).flatMap((j) => j.steps.flatMap((step) => step.uses ?? []));
    for (const action of uses) expect(action, action).toMatch(/^[\w.-]+\/[\w./-]+@(v\d+|[0-9a-f]{40})$/);
  });

  test('declares read-only default permissions and a timeout for every job', () => {
    // The schema requires both; a job may widen permissions for itself only.
    const workflow = loadWorkflow(name);
    expect(Object.keys(workflow.permissions).length).toBeGreaterThan(0);
    for (const j of Object.values(workflow.jobs)) expect(j['timeout-minutes']).toBeLessThanOrEqual(60);
  });

  test('calls only make targets the Makefile has', () => {
    const scripts = Object.values(loadWorkflow(name).jobs).flatMap((j) => j.steps.flatMap((step) => step.run ?? []));
    const called = scripts.flatMap((script) => [...script.matchAll(/(?:^|[;&|]\s*)make\s+(?:-\S+\s+)*([a-z][a-z-]*)/gm)].map((m) => m[1]));
    for (const target of called) expect(makeTargets, `make ${target}`).toContain(target);
  });
});

describe('the validator rejects broken copies of bench.yml', () => {
  const original = read('bench.yml');
  const broken: readonly (readonly [string, string, string, RegExp])[] = [
    ['a misspelt key', 'timeout-minutes: 45', 'timout-minutes: 45', /Unexpected value 'timout-minutes'/],
    ['an unknown permission level', 'contents: read', 'contents: reed', /Unexpected value 'reed'/],
    ['an unclosed expression', '${{ github.ref }}', '${{ github.ref }', /expression is not closed/],
    ['an unknown context', '${{ steps.run.outputs.dir }}', '${{ step.run.outputs.dir }}', /Unrecognized named-value: 'step'/],
    ['a job needing a job that does not exist', 'needs: test', 'needs: tests', /depends on unknown job 'tests'/],
    ['a function called with too few arguments', "github.ref == 'refs/heads/main'", 'startsWith(github.ref)', /Too few parameters supplied: 'startsWith'/],
    ['a job without runs-on', 'runs-on: ubuntu-latest\n    timeout-minutes: 10', 'timeout-minutes: 10', /Required property is missing: runs-on/],
    ['a YAML syntax error', '    timeout-minutes: 45\n', '    timeout-minutes: 45\n   misindented: true\n', /same column/],
  ];

  test.each(broken)('%s', async (_what, from, to, expected) => {
    expect(original).toContain(from);
    const errors = await workflowErrors('broken.yml', original.replace(from, to));
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.join('\n')).toMatch(expected);
  });
});

describe('bench.yml', () => {
  const workflow = loadWorkflow('bench.yml');
  const text = read('bench.yml');

  test('runs on push, pull_request and by hand, read-only by default', () => {
    expect(Object.keys(workflow.on).sort()).toEqual(['pull_request', 'push', 'workflow_dispatch']);
    expect(workflow.permissions).toEqual({ contents: 'read' });
    const widened = Object.entries(workflow.jobs).filter(([, j]) => j.permissions !== undefined);
    expect(widened.map(([id, j]) => [id, j.permissions])).toEqual([['track', { contents: 'write' }]]);
  });

  test('every job: ubuntu-latest, checkout without persisted credentials, Node from .nvmrc', () => {
    expect(existsSync(join(root, '.nvmrc'))).toBe(true);
    for (const [id, j] of Object.entries(workflow.jobs)) {
      expect(j['runs-on'], id).toBe('ubuntu-latest');
      const [checkout] = stepUsing(j.steps, 'actions/checkout');
      expect(checkout?.with?.['persist-credentials'], id).toBe(false);
      for (const setup of stepUsing(j.steps, 'actions/setup-node')) expect(setup.with?.['node-version-file'], id).toBe('.nvmrc');
    }
  });

  test('make test, without requiring the locally built Testcontainers image', () => {
    const test = job(workflow, 'test');
    stepRunning(test.steps, /^make test$/m);
    expect(test.env?.['REQUIRE_TESTCONTAINERS']).not.toBe('1');
    expect(text).not.toMatch(/REQUIRE_TESTCONTAINERS:\s*'?1/);
  });

  test('a pull request is measured beside its merge base, in one run, and gated against it', () => {
    const bench = job(workflow, 'bench');
    expect(bench.needs).toBe('test');
    const [checkout] = stepUsing(bench.steps, 'actions/checkout');
    expect(checkout?.with?.['fetch-depth']).toBe(0);
    const base = bench.steps.find((step) => step.id === 'base');
    expect(base?.run).toMatch(/git merge-base "\$BASE_SHA" "\$HEAD_SHA"/);
    expect(base?.env).toEqual({ BASE_SHA: '${{ github.event.pull_request.base.sha }}', HEAD_SHA: '${{ github.event.pull_request.head.sha }}' });
    const run = stepRunning(bench.steps, /\bmake bench SUITE=quick REF="\$BASE_REF"/);
    expect(run.env?.['BASE_REF']).toBe('${{ steps.base.outputs.ref }}');
    // The run folder is found, not guessed: the newest complete one under results/runs.
    const find = bench.steps.find((step) => step.id === 'run');
    expect(find?.run).toMatch(/find results\/runs .*report\.json/s);
    const gate = stepRunning(bench.steps, /\bmake -s compare RUN="\$RUN_DIR"/);
    expect(gate.if).toBe("${{ steps.base.outputs.ref != '' }}");
    expect(gate.env?.['RUN_DIR']).toBe('${{ steps.run.outputs.dir }}');
    // Timings absolute (one machine, one run): no ratio, no tolerance of mismatches.
    expect(gate.run).not.toMatch(/--latency|--allow-env-mismatch|--allow-missing/);
  });

  test("counters against results/reference exactly, at the reference's chunk sizes, only named sizes allowed missing", () => {
    const bench = job(workflow, 'bench');
    const count = stepRunning(bench.steps, /--counters-only true/);
    expect(count.run).toMatch(/--settings-chunk-size \$REFERENCE_CHUNK_SIZE/);
    expect(count.run).toMatch(/--max-gids-per-request \$REFERENCE_MAX_GIDS/);
    const gate = stepRunning(bench.steps, /\bmake -s compare BASE=results\/reference\b/);
    expect(gate.run).toMatch(/ARGS="--latency off --allow-env-mismatch /);
    const allowed = [...(gate.run ?? '').matchAll(/--allow-missing '([^']*)'/g)].map((match) => match[1]);
    // Exactly the sizes the full suite (the reference) counts and the quick one does not.
    const notInQuick = suites.full.projects.filter((gids) => !suites.quick.projects.includes(gids));
    expect(allowed).toEqual(notInQuick.map((gids) => `* · ${gids} gids · *`));
    for (const step of [count, gate]) expect(step.if).toBe('${{ !cancelled() }}');
  });

  test('uploads results/runs/ as an artifact whatever happened', () => {
    const [upload, ...more] = stepUsing(job(workflow, 'bench').steps, 'actions/upload-artifact');
    expect(more).toEqual([]);
    expect(upload?.if).toBe('always()');
    expect(upload?.with?.['path']).toBe('results/runs/');
  });

  test('github-action-benchmark: pushes to main only, never fails the build, never pushes', () => {
    const track = job(workflow, 'track');
    expect(track.if).toMatch(/github\.event_name == 'push'/);
    expect(track.if).toMatch(/github\.ref == 'refs\/heads\/main'/);
    const steps = stepUsing(track.steps, 'benchmark-action/github-action-benchmark');
    expect(steps.map((step) => [step.with?.['tool'], step.with?.['output-file-path']])).toEqual([
      ['customSmallerIsBetter', `run/\${{ needs.bench.outputs.run-id }}/${githubBenchmarkFiles.smallerIsBetter}`],
      ['customBiggerIsBetter', `run/\${{ needs.bench.outputs.run-id }}/${githubBenchmarkFiles.biggerIsBetter}`],
    ]);
    for (const step of steps) {
      expect(step.with?.['fail-on-alert']).toBe(false);
      expect(step.with?.['comment-on-alert']).toBe(true);
      expect(step.with?.['auto-push'] ?? false).toBe(false);
      expect(step.with?.['external-data-json-path']).toMatch(/^bench-history\//);
    }
  });
});
