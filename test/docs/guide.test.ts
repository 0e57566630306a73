// The doc-test's reading of a guide (test/docs/guide.ts), on small inline guides: what
// runs where, what is expected of it, and what the small project changes.
import { describe, expect, it } from 'vitest';
import {
  chooseProject, commandsOf, evaluate, longRunningKind, parseDirective, parseGuide, parseServerTiming,
  projectsOf, serverTimingOf, shellScript, splitComment, stoppedCleanly, substitute, terminalsOf, timingProblems,
} from './guide.ts';

const fence = '```';

const guide = `# A workshop

Intro text, with a block of another language:

${fence}text
make nothing   # not a command
${fence}

## Step 0: setup

${fence}sh
make db                         # A: a throwaway database
export MYSQL_URL="$(cat .cache/db-url)"   # B and C: the URL
make seed                       # B
${fence}

## Step 1: measure the page

<!-- doc-test: env BENCH_TARGETS=baseline,optimized SIZE=30 -->

<!-- doc-test: expect output /TTFB \\d/ -->
<!-- doc-test: expect server-timing queries=2*gids+1
     workers=gids -->
${fence}sh
make serve VARIANT=baseline ARGS='--port 3000'     # B
curl -s -o /dev/null -D - -w 'TTFB %{time_starttransfer} s # not a comment\\n' \\
  http://127.0.0.1:3000/api/projects/shoes-service/settings   # C
${fence}

### Questions

<!-- doc-test: skip CI runs it itself -->
${fence}sh
make test
${fence}

## What to take home

Nothing runs here.
`;

describe('parseGuide', () => {
  const steps = parseGuide(guide);

  it('finds the steps, their titles and their sh blocks only', () => {
    expect(steps.map((s) => [s.number, s.title, s.blocks.length])).toEqual([[0, 'setup', 1], [1, 'measure the page', 2]]);
  });

  it('reads one command per logical line, with its terminals', () => {
    const commands = steps[0]?.blocks[0]?.commands ?? [];
    expect(commands.map((c) => [c.text, c.terminals])).toEqual([
      ['make db', ['A']],
      ['export MYSQL_URL="$(cat .cache/db-url)"', ['B', 'C']],
      ['make seed', ['B']],
    ]);
    expect(commands.map((c) => c.line)).toEqual([12, 13, 14]);
  });

  it('joins continuation lines and keeps a quoted # in the command', () => {
    const curl = steps[1]?.blocks[0]?.commands[1];
    expect(curl?.text).toBe("curl -s -o /dev/null -D - -w 'TTFB %{time_starttransfer} s # not a comment\\n' http://127.0.0.1:3000/api/projects/shoes-service/settings");
    expect(curl?.terminals).toEqual(['C']);
  });

  it('applies every directive before a block to that block, across blank and continued lines', () => {
    const block = steps[1]?.blocks[0];
    expect(block?.env).toEqual({ BENCH_TARGETS: 'baseline,optimized', SIZE: '30' });
    expect(block?.expectOutput.map(String)).toEqual(['/TTFB \\d/']);
    expect(block?.serverTiming).toEqual([{ entry: 'queries', expression: '2*gids+1' }, { entry: 'workers', expression: 'gids' }]);
    expect(block?.skip).toBeUndefined();
    expect(steps[1]?.blocks[1]?.skip).toBe('CI runs it itself');
  });

  it('expects exit 0 of every command unless told: expect exit for the last, `exits N` for any', () => {
    const [block] = parseGuide(`## Step 3: diff\n\n<!-- doc-test: expect exit 2 -->\n${fence}sh\ndiff -ru a b   # C: exits 1, the folders differ\ngrep -q x y\n${fence}\n`)[0]?.blocks ?? [];
    expect(block?.commands.map((c) => c.expectedExit)).toEqual([1, 2]);
  });

  it('refuses a directive that reaches no sh block, and a block outside any step', () => {
    expect(() => parseGuide(`## Step 1: a\n\n<!-- doc-test: skip why -->\nSome text.\n${fence}sh\nls\n${fence}\n`)).toThrow(/line 3: a doc-test directive must come directly before/);
    expect(() => parseGuide(`## Step 1: a\n\n<!-- doc-test: skip why -->\n${fence}text\nls\n${fence}\n`)).toThrow(/line 3/);
    expect(() => parseGuide(`# Title\n\n${fence}sh\nls\n${fence}\n`)).toThrow(/line 3: a ```sh block outside any/);
    expect(() => parseGuide(`## Step 1: a\n\n<!-- doc-test: skip -->\n${fence}sh\nls\n${fence}\n`)).toThrow(/say why/);
  });
});

describe('commands', () => {
  it('split off a comment only at an unquoted " # "', () => {
    expect(splitComment('make serve ARGS="--x # y"   # B: why')).toEqual({ code: 'make serve ARGS="--x # y"', comment: 'B: why' });
    expect(splitComment("echo '#' a#b ${#x}")).toEqual({ code: "echo '#' a#b ${#x}", comment: '' });
    expect(splitComment('echo \\# x # C')).toEqual({ code: 'echo \\# x', comment: 'C' });
  });

  it('name their terminals by the comment\'s first word, C when none', () => {
    expect(terminalsOf('A: the database')).toEqual(['A']);
    expect(terminalsOf('B')).toEqual(['B']);
    expect(terminalsOf('B and C: the URL')).toEqual(['B', 'C']);
    expect(terminalsOf('A, B: both')).toEqual(['A', 'B']);
    expect(terminalsOf('A throwaway database')).toEqual(['C']);
    expect(terminalsOf('a few minutes')).toEqual(['C']);
    expect(terminalsOf('')).toEqual(['C']);
  });

  it('skip blank and comment-only lines, and join an odd trailing backslash only', () => {
    expect(commandsOf(['', '# only a comment', 'echo a \\\\', 'echo b \\', '  c'], 10).map((c) => [c.text, c.line])).toEqual([['echo a \\\\', 12], ['echo b c', 13]]);
  });

  it('are long-running when they are make db or make serve', () => {
    expect(longRunningKind('make db')).toBe('db');
    expect(longRunningKind("make serve VARIANT=baseline ARGS='--port 3000'")).toBe('serve');
    expect(longRunningKind('SETTINGS_CHUNK_SIZE=10 make serve')).toBe('serve');
    expect(longRunningKind('make seed')).toBeUndefined();
    expect(longRunningKind('make dbx')).toBeUndefined();
  });

  it('run with no stdin, stderr joined, and a block\'s env in a subshell', () => {
    expect(shellScript('make seed', {})).toBe('{ make seed\n} </dev/null 2>&1');
    expect(shellScript('make bench', { SUITE: "it's quick" })).toBe("( export SUITE='it'\\''s quick'; make bench\n) </dev/null 2>&1");
  });
});

describe('parseDirective', () => {
  it('reads each kind', () => {
    expect(parseDirective(' skip CI runs make test itself ')).toEqual({ kind: 'skip', reason: 'CI runs make test itself' });
    expect(parseDirective('env A=1 B="two"')).toEqual({ kind: 'env', env: { A: '1', B: 'two' } });
    expect(parseDirective('expect output /gate: (PASS|FAIL)/i')).toEqual({ kind: 'expect-output', pattern: /gate: (PASS|FAIL)/i });
    expect(parseDirective('expect exit 1')).toEqual({ kind: 'expect-exit', code: 1 });
    expect(parseDirective('expect server-timing connections=gids')).toEqual({ kind: 'expect-server-timing', checks: [{ entry: 'connections', expression: 'gids' }] });
  });

  it('refuses what it does not know, with the line', () => {
    expect(() => parseDirective('run fast', 7)).toThrow(/line 7: .*expected skip, env/);
    expect(() => parseDirective('env lowercase')).toThrow(/not NAME=value/);
    expect(() => parseDirective('expect output /x/g')).toThrow(/g and y/);
    expect(() => parseDirective('expect output /(/')).toThrow(/Invalid regular expression/);
    expect(() => parseDirective('expect server-timing queries=process.exit()')).toThrow(/unknown "process"/);
  });
});

describe('substitute', () => {
  const from = { code: 'shoes-service', gids: 1000 };
  const to = { code: 'tools-gateway', gids: 30 };

  it('moves a command onto the small project: its code, SIZE= and --sizes', () => {
    expect(substitute('curl http://127.0.0.1:3000/api/projects/shoes-service/settings', { from, to })).toBe('curl http://127.0.0.1:3000/api/projects/tools-gateway/settings');
    expect(substitute('make trace VARIANT=optimized SIZE=1000', { from, to })).toBe('make trace VARIANT=optimized SIZE=30');
    expect(substitute("make bench ARGS='--targets a --sizes 100,300 --latencies 0,5'", { from, to })).toBe("make bench ARGS='--targets a --sizes 30 --latencies 0,5'");
    expect(substitute('x --sizes=1000', { from, to })).toBe('x --sizes=30');
  });

  it('leaves other projects and look-alike names alone', () => {
    expect(substitute('shoes-api shoes-service-2 my-shoes-service BENCH_SIZE=5 PROJECT_SIZES=1000', { from, to })).toBe('shoes-api shoes-service-2 my-shoes-service BENCH_SIZE=5 PROJECT_SIZES=1000');
  });
});

describe('the project', () => {
  const projects = [{ code: 'b', gids: 100 }, { code: 'a', gids: 30 }, { code: 'c', gids: 1000 }];

  it('of the guide is the headline\'s size, or the largest in an older report', () => {
    expect(projectsOf({ parameters: { projects, headline: { gids: 100 } } }).headline).toEqual({ code: 'b', gids: 100 });
    expect(projectsOf({ parameters: { projects } }).headline).toEqual({ code: 'c', gids: 1000 });
    expect(() => projectsOf({ parameters: { projects: [{ code: 'x' }] } })).toThrow(/not a list/);
    expect(() => projectsOf({ parameters: { projects, headline: { gids: 5 } } })).toThrow(/no project of the headline's 5 gids/);
  });

  it('run is the smallest, or the one WORKSHOP_GIDS names', () => {
    expect(chooseProject(projects, undefined)).toEqual({ code: 'a', gids: 30 });
    expect(chooseProject(projects, 100)).toEqual({ code: 'b', gids: 100 });
    expect(() => chooseProject(projects, 50)).toThrow('WORKSHOP_GIDS=50 is not a seeded size; one of 30, 100, 1000');
  });
});

describe('server-timing', () => {
  const output = [
    'HTTP/1.1 200 OK',
    'server-timing: db;dur=9;desc="old"',
    'HTTP/1.1 200 OK',
    'Server-Timing: db;dur=1.2;desc="waiting, for; the database", queries;dur=3.4;desc=61, workers;desc=30, connections;desc=30, total;dur=9\r',
    '',
    'TTFB 0.01 s',
  ].join('\n');

  it('reads the last header\'s entries, quoted values whole', () => {
    expect(serverTimingOf(output)).toEqual([
      { name: 'db', dur: 1.2, desc: 'waiting, for; the database' },
      { name: 'queries', dur: 3.4, desc: '61' },
      { name: 'workers', dur: undefined, desc: '30' },
      { name: 'connections', dur: undefined, desc: '30' },
      { name: 'total', dur: 9, desc: undefined },
    ]);
    expect(serverTimingOf('no headers')).toBeUndefined();
    expect(parseServerTiming('a;desc="say \\"hi\\""')).toEqual([{ name: 'a', dur: undefined, desc: 'say "hi"' }]);
  });

  it('checks each entry\'s desc against its expression', () => {
    const checks = [{ entry: 'queries', expression: '2*gids+1' }, { entry: 'workers', expression: 'gids' }];
    expect(timingProblems(serverTimingOf(output), checks, { gids: 30 })).toEqual([]);
    expect(timingProblems(serverTimingOf(output), checks, { gids: 100 })).toEqual(['queries: desc=61, expected 2*gids+1 = 201', 'workers: desc=30, expected gids = 100']);
    expect(timingProblems(serverTimingOf(output), [{ entry: 'threads', expression: '0' }, { entry: 'total', expression: '9' }], { gids: 30 })).toEqual(['no "threads" entry', 'total: desc=(none), expected 9 = 9']);
    expect(timingProblems(undefined, checks, { gids: 30 })).toEqual(['no server-timing header in the output (curl needs -D -)']);
  });
});

describe('evaluate', () => {
  it('does arithmetic with precedence, parentheses, unary minus and ceil', () => {
    expect(evaluate('2*gids+1', { gids: 30 })).toBe(61);
    expect(evaluate('1 + ceil(gids / 10)', { gids: 95 })).toBe(11);
    expect(evaluate('(gids - 1) * -2', { gids: 4 })).toBe(-6);
    expect(evaluate('gids/4/5', { gids: 100 })).toBe(5);
    expect(evaluate('0.5*gids', { gids: 3 })).toBe(1.5);
  });

  it('runs no code: any other name or character is refused', () => {
    expect(() => evaluate('process.exit()', { gids: 1 })).toThrow(/unknown "process"/);
    expect(() => evaluate('gids; process.exit(1)', { gids: 1 })).toThrow(/unexpected ";"/);
    expect(() => evaluate('constructor', { gids: 1 })).toThrow(/unknown "constructor"/);
    expect(() => evaluate('gids**2', { gids: 1 })).toThrow(/unknown "\*"/);
    expect(() => evaluate('ceil(gids', { gids: 1 })).toThrow(/expected \)/);
    expect(() => evaluate('', { gids: 1 })).toThrow(/expected more/);
  });
});

describe('stoppedCleanly', () => {
  it('takes exit 0, or make killed by our SIGINT after its recipe exited 0', () => {
    expect(stoppedCleanly('node x.ts', { code: 0, signal: null }, '')).toBe(true);
    expect(stoppedCleanly('make db', { code: null, signal: 'SIGINT' }, 'database stopped\n')).toBe(true);
    expect(stoppedCleanly('make db', { code: null, signal: 'SIGINT' }, 'make: *** [Makefile:88: db] Error 1\n')).toBe(false);
    expect(stoppedCleanly('make serve', { code: null, signal: 'SIGINT' }, 'make: *** [Makefile:82: serve] Interrupt\n')).toBe(false);
    expect(stoppedCleanly('node x.ts', { code: null, signal: 'SIGINT' }, '')).toBe(false);
    expect(stoppedCleanly('make db', { code: 1, signal: null }, '')).toBe(false);
    expect(stoppedCleanly('make db', { code: null, signal: 'SIGKILL' }, '')).toBe(false);
  });
});
