// Another git revision of this repository, ready to serve: a worktree at REF under
// .cache/revisions/<sha> (git-ignored), with its own `npm ci`, so its servers run its own
// code and dependencies beside the working tree's (make bench REF=<ref>). The worktree
// and its node_modules are kept and reused by later runs at the same commit.
//
// What REF must have (docs/ci.md, "Two revisions in one run"): lib/serve.ts started as
// `node lib/serve.ts --variant <name>` that reads MYSQL_URL, HOST and PORT from the
// environment, prints `ready <url>` and answers /health; variants/index.ts exporting
// variantNames; and code that reads the database as the working tree seeds it.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const repositoryRoot = fileURLToPath(new URL('../..', import.meta.url));

export type Revision = {
  readonly ref: string;
  readonly sha: string;
  // The name suffix of its targets: <name>@<label>.
  readonly label: string;
  readonly root: string;
  // The variants REF has, by its own variants/index.ts.
  readonly variants: readonly string[];
};

type Log = (line: string) => void;

export async function prepareRevision(ref: string, log: Log): Promise<Revision> {
  const sha = await resolveCommit(ref);
  const root = path.join(repositoryRoot, '.cache', 'revisions', sha);
  if (!existsSync(path.join(root, 'package.json'))) {
    log(`REF ${ref}: checking out ${sha.slice(0, 7)} into ${path.relative(repositoryRoot, root)}`);
    await git(['worktree', 'prune']);
    await mkdir(path.dirname(root), { recursive: true });
    await git(['worktree', 'add', '--detach', '--force', root, sha]);
  }
  await installDependencies(root, ref, log);
  return { ref, sha, label: sha.slice(0, 7), root, variants: await variantsAt(root, ref) };
}

async function git(args: readonly string[], cwd: string = repositoryRoot): Promise<string> {
  return (await run('git', [...args], { cwd, maxBuffer: 16 * 2 ** 20 })).stdout.trim();
}

async function resolveCommit(ref: string): Promise<string> {
  try {
    return await git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  } catch {
    throw new Error(`REF ${ref} is not a commit of this repository (fetch it first; CI checks out with fetch-depth: 0)`);
  }
}

// `npm ci` once per lockfile: a marker holds the lockfile's hash.
async function installDependencies(root: string, ref: string, log: Log): Promise<void> {
  const lockfile = await readFile(path.join(root, 'package-lock.json'), 'utf8').catch(() => {
    throw new Error(`REF ${ref} has no package-lock.json: its dependencies cannot be installed with npm ci`);
  });
  const hash = createHash('sha256').update(lockfile).digest('hex');
  const marker = path.join(root, 'node_modules', '.installed-for-revision');
  if ((await readFile(marker, 'utf8').catch(() => '')) === hash) return;
  log(`REF ${ref}: npm ci in ${path.relative(repositoryRoot, root)} (once per lockfile)`);
  // The harness's own Node first on PATH, so npm installs for the Node that will serve.
  const env = { ...process.env, PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env['PATH'] ?? ''}` };
  try {
    await run('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: root, env, maxBuffer: 64 * 2 ** 20 });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim().split('\n').at(-1) ?? String(error);
    throw new Error(`REF ${ref}: npm ci failed in ${root}: ${stderr}`);
  }
  await writeFile(marker, hash);
}

async function variantsAt(root: string, ref: string): Promise<string[]> {
  const script = "const { variantNames } = await import('./variants/index.ts'); process.stdout.write(JSON.stringify(variantNames));";
  try {
    const { stdout } = await run(process.execPath, ['--input-type=module', '--eval', script], { cwd: root });
    const names: unknown = JSON.parse(stdout);
    if (Array.isArray(names) && names.every((name) => typeof name === 'string')) return names;
  } catch {
    // Reported below, with what REF needs.
  }
  throw new Error(`REF ${ref} cannot be measured: its variants/index.ts must export variantNames (see docs/ci.md, "Two revisions in one run")`);
}
