// Every server the harness can measure, as data (like fastify/benchmarks' list of
// servers): a name, how to start it, and what its page holds. Our variants are one kind,
// the article's own stack (peers/) another, and a user's own implementation of the two
// routes a third (--targets-file). All get the same treatment: checked for equal data,
// counted at the database, timed, loaded, stopped.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { flaskCommand, flaskPeerStatus, flaskTargets } from '../../peers/flask/target.ts';
import { variants } from '../../variants/index.ts';
import { variantCommand } from './server-process.ts';
import type { TargetCommand } from './target-process.ts';

const repositoryRoot = fileURLToPath(new URL('../..', import.meta.url));

export type TargetKind = 'variant' | 'peer' | 'user';

export type Target = {
  readonly name: string;
  readonly kind: TargetKind;
  readonly summary: string;
  // What the settings page holds: eager pages carry maxCpu, lazy ones leave it to /max-cpus.
  readonly maxCpuOnPage: 'eager' | 'lazy';
  readonly command: TargetCommand;
  // Why it cannot run here (a peer not installed), in one line; the target is then left
  // out when not asked for by name, and the rest measured.
  readonly unavailable?: () => string | undefined;
  // Set when this is the target served from another git revision (atRevision).
  readonly revision?: { readonly ref: string; readonly sha: string; readonly of: string };
};

const ourVariants: readonly Target[] = variants.map((variant) => ({
  name: variant.name,
  kind: 'variant',
  summary: variant.summary,
  maxCpuOnPage: variant.maxCpuOnPage,
  command: variantCommand(variant.name),
}));

// The article's code in its own stack: Flask, SQLAlchemy, PyMySQL, served by gunicorn.
const flaskPeers: readonly Target[] = flaskTargets.map((peer) => ({
  name: peer.name,
  kind: 'peer',
  summary: `the article's stack (Flask): ${peer.summary}`,
  maxCpuOnPage: peer.maxCpuOnPage,
  command: flaskCommand(peer.stage),
  unavailable: () => {
    const status = flaskPeerStatus();
    return status.kind === 'installed' ? undefined : status.line;
  },
}));

export const builtInTargets: readonly Target[] = [...ourVariants, ...flaskPeers];

// A user's own servers: [{ "name", "command", "args", "cwd", "env", "maxCpuOnPage", "summary" }].
const userTargetSchema = z.object({
  name: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/i, 'letters, digits, . _ -'),
  summary: z.string().default('a user-supplied server'),
  maxCpuOnPage: z.enum(['eager', 'lazy']),
  command: z.string().min(1),
  args: z.array(z.string()).default([]),
  cwd: z.string().default('.'),
  env: z.record(z.string(), z.string()).default({}),
});

export async function readUserTargets(file: string): Promise<Target[]> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new Error(`--targets-file ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const result = z.array(userTargetSchema).min(1).safeParse(parsed);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new Error(`--targets-file ${file}: ${issue?.path.join('.') || 'file'}: ${issue?.message ?? 'invalid'}`);
  }
  const base = path.dirname(path.resolve(file));
  return result.data.map((spec) => ({
    name: spec.name,
    kind: 'user',
    summary: spec.summary,
    maxCpuOnPage: spec.maxCpuOnPage,
    command: { command: spec.command, args: spec.args, cwd: path.resolve(base, spec.cwd), env: spec.env },
  }));
}

// The same target served from another checkout of this repository (make bench REF=...):
// named <name>@<label>, run in that checkout. A peer's interpreter (its virtualenv) must
// exist there too; the interpreter that runs our variants is the harness's own Node.
// Only targets that live in this repository have one.
export function atRevision(target: Target, revision: { readonly ref: string; readonly sha: string; readonly label: string; readonly root: string }): Target | undefined {
  if (target.kind === 'user') return undefined;
  const here = path.resolve(repositoryRoot);
  const reroot = (file: string): string => path.join(revision.root, path.relative(here, path.resolve(here, file)));
  const { command } = target;
  const interpreter = target.kind === 'peer' ? reroot(command.command) : command.command;
  const unavailable = interpreter === command.command
    ? target.unavailable
    : (): string | undefined => (existsSync(interpreter) ? undefined : `${interpreter} is missing: run make peers there`);
  return {
    ...target,
    name: `${target.name}@${revision.label}`,
    command: { ...command, command: interpreter, cwd: reroot(command.cwd) },
    ...(unavailable === undefined ? {} : { unavailable }),
    revision: { ref: revision.ref, sha: revision.sha, of: target.name },
  };
}

export type TargetSelection = { readonly targets: readonly Target[]; readonly leftOut: readonly string[] };

// The named targets (default: every built-in one, then the user's), in that order. A
// target named explicitly must be runnable; one left to the default is dropped, with
// its line, when its requirement is missing.
export function selectTargets(all: readonly Target[], names: readonly string[] | undefined): TargetSelection {
  const wanted = names ?? all.map((target) => target.name);
  const targets: Target[] = [];
  const missingBy = new Map<string, string[]>();
  for (const name of wanted) {
    const target = all.find((candidate) => candidate.name === name);
    if (target === undefined) throw new Error(`unknown target "${name}"; one of: ${all.map((t) => t.name).join(', ')}`);
    const missing = target.unavailable?.();
    if (missing === undefined) targets.push(target);
    else if (names === undefined) missingBy.set(missing, [...(missingBy.get(missing) ?? []), target.name]);
    else throw new Error(`${target.name}: ${missing}`);
  }
  const duplicate = targets.find((target, index) => targets.findIndex((t) => t.name === target.name) !== index);
  if (duplicate !== undefined) throw new Error(`two targets are named "${duplicate.name}"`);
  const leftOut = [...missingBy].map(([missing, left]) => `left out ${left.join(', ')} · ${missing}`);
  return { targets, leftOut };
}
