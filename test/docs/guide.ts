// The workshop guide (docs/workshop.md) as data, for its doc-test (test/docs/workshop.test.ts):
// its steps, their ```sh blocks, each block's commands (which terminal, which exit code)
// and the doc-test directives before it; the substitution that moves the guide onto a
// small project; and the checks that read a command's output. Pure: no file, process or
// clock, so test/docs/guide.test.ts can hold every rule to a few lines of inline markdown.
//
// The guide's conventions, as this module reads them:
//   ## Step N: title            a step; a ```sh block outside one is an error, not skipped
//   make serve ... # B: why     one command per logical line (`\`-newline joined); a comment
//                               starting `A:`, `B:`, `C:` (or `B and C:`) names its terminals,
//                               none means C; `exits N` in it expects exit code N
//   <!-- doc-test: ... -->      directives, directly before a block (blank lines allowed):
//     skip REASON | env NAME=value ... | expect output /REGEX/flags | expect exit N |
//     expect server-timing queries=2*gids+1 workers=gids ...

export type Terminal = 'A' | 'B' | 'C';

export type Command = {
  readonly text: string; // continuation lines joined, comment removed
  readonly terminals: readonly Terminal[];
  readonly expectedExit: number;
  readonly comment: string;
  readonly line: number; // 1-based, in the guide
};

export type TimingCheck = { readonly entry: string; readonly expression: string };

export type Block = {
  readonly line: number;
  readonly commands: readonly Command[];
  readonly skip: string | undefined;
  readonly env: Readonly<Record<string, string>>;
  readonly expectOutput: readonly RegExp[];
  readonly serverTiming: readonly TimingCheck[];
};

export type Step = { readonly number: number; readonly title: string; readonly line: number; readonly blocks: readonly Block[] };

export type Directive =
  | { readonly kind: 'skip'; readonly reason: string }
  | { readonly kind: 'env'; readonly env: Readonly<Record<string, string>> }
  | { readonly kind: 'expect-output'; readonly pattern: RegExp }
  | { readonly kind: 'expect-exit'; readonly code: number }
  | { readonly kind: 'expect-server-timing'; readonly checks: readonly TimingCheck[] };

// ---------------------------------------------------------------------------------------
// Steps and blocks

const stepHeading = /^## Step (\d+):\s*(.+?)\s*$/;
const sectionHeading = /^## /;
const fenceOpen = /^\s*(`{3,})\s*([\w+-]*)/;
const directiveOpen = /^\s*<!--\s*doc-test:/;

export function parseGuide(markdown: string): Step[] {
  const lines = markdown.split('\n');
  const steps: { number: number; title: string; line: number; blocks: Block[] }[] = [];
  let step: (typeof steps)[number] | undefined;
  let pending: { directive: Directive; line: number }[] = [];
  const orphanCheck = (where: number): void => {
    // A directive that reaches no block would silently test nothing: say so.
    const first = pending[0];
    if (first !== undefined) throw new Error(`line ${first.line}: a doc-test directive must come directly before a \`\`\`sh block (text at line ${where})`);
  };

  for (let i = 0; i < lines.length; i += 1) {
    const text = lines[i] ?? '';
    const lineNumber = i + 1;
    const fence = fenceOpen.exec(text);
    if (fence !== null) {
      const closing = closingFence(lines, i, fence[1] ?? '```');
      if (fence[2] === 'sh') {
        if (step === undefined) throw new Error(`line ${lineNumber}: a \`\`\`sh block outside any "## Step N: title" section`);
        step.blocks.push(blockOf(lines.slice(i + 1, closing), lineNumber, pending.map((p) => p.directive)));
        pending = [];
      } else {
        orphanCheck(lineNumber);
      }
      i = closing;
      continue;
    }
    if (directiveOpen.test(text)) {
      const end = lines.findIndex((candidate, j) => j >= i && candidate.includes('-->'));
      if (end === -1) throw new Error(`line ${lineNumber}: a doc-test directive without its closing -->`);
      const body = lines.slice(i, end + 1).join(' ').replace(directiveOpen, '').replace(/-->.*$/, '');
      pending.push({ directive: parseDirective(body, lineNumber), line: lineNumber });
      i = end;
      continue;
    }
    if (text.trim() === '') continue;
    orphanCheck(lineNumber);
    const heading = stepHeading.exec(text);
    if (heading !== null) {
      step = { number: Number(heading[1]), title: heading[2] ?? '', line: lineNumber, blocks: [] };
      steps.push(step);
    } else if (sectionHeading.test(text)) {
      step = undefined; // another section ("What to take home") ends the steps
    }
  }
  orphanCheck(lines.length);
  return steps;
}

function closingFence(lines: readonly string[], open: number, marker: string): number {
  for (let j = open + 1; j < lines.length; j += 1) {
    if ((lines[j] ?? '').trim() === marker) return j;
  }
  throw new Error(`line ${open + 1}: a code block without its closing ${marker}`);
}

function blockOf(body: readonly string[], fenceLine: number, directives: readonly Directive[]): Block {
  let skip: string | undefined;
  let expectExit: number | undefined;
  const env: Record<string, string> = {};
  const expectOutput: RegExp[] = [];
  const serverTiming: TimingCheck[] = [];
  for (const directive of directives) {
    if (directive.kind === 'skip') skip = directive.reason;
    else if (directive.kind === 'env') Object.assign(env, directive.env);
    else if (directive.kind === 'expect-output') expectOutput.push(directive.pattern);
    else if (directive.kind === 'expect-exit') expectExit = directive.code;
    else serverTiming.push(...directive.checks);
  }
  const commands = commandsOf(body, fenceLine + 1);
  const last = commands.at(-1);
  if (expectExit !== undefined && last !== undefined) {
    if (/\bexits\s+\d+/.test(last.comment) && last.expectedExit !== expectExit) {
      throw new Error(`line ${last.line}: its comment says exits ${last.expectedExit}, the directive expect exit ${expectExit}`);
    }
    commands[commands.length - 1] = { ...last, expectedExit: expectExit };
  }
  return { line: fenceLine, commands, skip, env, expectOutput, serverTiming };
}

// ---------------------------------------------------------------------------------------
// Commands

// One command per logical line: a line ending in an unescaped backslash goes on with the
// next, as bash reads it. Blank lines and lines that are only a comment are no command.
export function commandsOf(body: readonly string[], firstLine: number): Command[] {
  const commands: Command[] = [];
  for (let i = 0; i < body.length; i += 1) {
    const line = firstLine + i;
    let joined = body[i] ?? '';
    while (endsWithContinuation(joined) && i + 1 < body.length) {
      i += 1;
      joined = `${joined.slice(0, -1).trimEnd()} ${(body[i] ?? '').trim()}`;
    }
    const { code, comment } = splitComment(joined);
    if (code === '') continue;
    commands.push({ text: code, terminals: terminalsOf(comment), expectedExit: exitOf(comment), comment, line });
  }
  return commands;
}

function endsWithContinuation(line: string): boolean {
  const trailing = /\\*$/.exec(line)?.[0].length ?? 0;
  return trailing % 2 === 1;
}

// The comment is what follows the first ` # ` outside quotes; `#` inside '…' or "…", or
// glued to a word (`a#b`, `${#x}`), is bash's, not a comment.
export function splitComment(line: string): { code: string; comment: string } {
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < line.length; i += 1) {
    const char = line[i];
    if (quote === "'") {
      if (char === "'") quote = undefined;
    } else if (char === '\\') {
      i += 1;
    } else if (quote === '"') {
      if (char === '"') quote = undefined;
    } else if (char === '"' || char === "'") {
      quote = char;
    } else if (char === '#' && (i === 0 || /\s/.test(line[i - 1] ?? ''))) {
      return { code: line.slice(0, i).trim(), comment: line.slice(i + 1).trim() };
    }
  }
  return { code: line.trim(), comment: '' };
}

// `A: …`, `B`, `B and C: …`, `A, B: …` name terminals; anything else (or nothing) is C.
export function terminalsOf(comment: string): Terminal[] {
  const names = /^([ABC](?:(?:\s*,\s*|\s+and\s+)[ABC])*)(?::|$)/.exec(comment.trim());
  if (names === null) return ['C'];
  return [...new Set(names[1]?.match(/[ABC]/g) ?? [])] as Terminal[];
}

function exitOf(comment: string): number {
  const match = /\bexits\s+(\d+)\b/.exec(comment);
  return match === null ? 0 : Number(match[1]);
}

// `make db` and `make serve …` run until Ctrl-C: the doc-test starts them in the
// background of their terminal and waits until they are ready instead of until they end.
export function longRunningKind(command: string): 'db' | 'serve' | undefined {
  const match = /^(?:[A-Za-z_]\w*=\S*\s+)*make\s+(db|serve)(?:\s|$)/.exec(command);
  return match === null ? undefined : (match[1] as 'db' | 'serve');
}

// What a terminal's bash runs for one command: its input is not ours to read (the next
// commands come on the same stdin), stderr joins stdout in order, and a block's env
// directive holds for this command only, so it runs in a subshell.
export function shellScript(command: string, env: Readonly<Record<string, string>>): string {
  const names = Object.entries(env);
  if (names.length === 0) return `{ ${command}\n} </dev/null 2>&1`;
  const exports = names.map(([name, value]) => `export ${name}=${shellQuote(value)}`).join('; ');
  return `( ${exports}; ${command}\n) </dev/null 2>&1`;
}

export function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

// ---------------------------------------------------------------------------------------
// Directives

export function parseDirective(body: string, line = 0): Directive {
  const text = body.trim();
  const fail = (why: string): never => {
    throw new Error(`line ${line}: doc-test directive "${text}": ${why}`);
  };
  const skip = /^skip(?:\s+(.*))?$/s.exec(text);
  if (skip !== null) {
    const reason = (skip[1] ?? '').trim();
    return reason === '' ? fail('say why it is skipped: skip REASON') : { kind: 'skip', reason };
  }
  const env = /^env\s+(.+)$/s.exec(text);
  if (env !== null) return { kind: 'env', env: envOf(env[1] ?? '', fail) };
  const output = /^expect\s+output\s+\/(.*)\/([a-z]*)$/s.exec(text);
  if (output !== null) {
    const flags = output[2] ?? '';
    // g and y make RegExp.test stateful: a second look would start where the first ended.
    if (/[gy]/.test(flags)) fail('flags g and y are not allowed');
    try {
      return { kind: 'expect-output', pattern: new RegExp(output[1] ?? '', flags) };
    } catch (error) {
      return fail(error instanceof Error ? error.message : String(error));
    }
  }
  const exit = /^expect\s+exit\s+(\d+)$/.exec(text);
  if (exit !== null) return { kind: 'expect-exit', code: Number(exit[1]) };
  const timing = /^expect\s+server-timing\s+(.+)$/s.exec(text);
  if (timing !== null) return { kind: 'expect-server-timing', checks: timingChecksOf(timing[1] ?? '', fail) };
  return fail('expected skip, env, expect output, expect exit or expect server-timing');
}

function envOf(text: string, fail: (why: string) => never): Record<string, string> {
  const env: Record<string, string> = {};
  for (const token of text.trim().split(/\s+/)) {
    const pair = /^([A-Za-z_]\w*)=(.*)$/.exec(token);
    if (pair === null) fail(`"${token}" is not NAME=value`);
    else env[pair[1] ?? ''] = (pair[2] ?? '').replace(/^(['"])(.*)\1$/, '$2');
  }
  return env;
}

function timingChecksOf(text: string, fail: (why: string) => never): TimingCheck[] {
  return text.trim().split(/\s+/).map((token) => {
    const pair = /^([\w-]+)=(.+)$/.exec(token);
    if (pair === null) return fail(`"${token}" is not entry=expression`);
    const check = { entry: pair[1] ?? '', expression: pair[2] ?? '' };
    try {
      evaluate(check.expression, { gids: 1 }); // a typo fails when the guide is read, not at the step
    } catch (error) {
      fail(error instanceof Error ? error.message : String(error));
    }
    return check;
  });
}

// ---------------------------------------------------------------------------------------
// The small project

export type Project = { readonly code: string; readonly gids: number };
export type Substitution = { readonly from: Project; readonly to: Project };

// The guide is written for the reference's headline project (1000 gids); CI runs it on a
// seeded project small enough to take minutes: its code for the headline's, its size in
// every SIZE=… and --sizes ….
export function substitute(command: string, { from, to }: Substitution): string {
  const code = new RegExp(`(?<![\\w-])${escapeRegExp(from.code)}(?![\\w-])`, 'g');
  return command
    .replace(code, to.code)
    .replace(/(?<![\w-])SIZE=\d+(?:,\d+)*/g, `SIZE=${to.gids}`)
    .replace(/--sizes([= ])\d+(?:,\d+)*/g, `--sizes$1${to.gids}`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// From results/reference/report.json: the seeded projects and the guide's project (the
// headline's size; a report from before parameters.headline: its largest project).
export function projectsOf(report: unknown): { projects: Project[]; headline: Project } {
  const parameters = (report as { parameters?: { projects?: unknown; headline?: { gids?: unknown } } } | null)?.parameters;
  const projects = Array.isArray(parameters?.projects) ? parameters.projects : [];
  const valid = projects.filter((p): p is Project => typeof p?.code === 'string' && Number.isInteger(p?.gids));
  if (valid.length === 0 || valid.length !== projects.length) throw new Error('report.json: parameters.projects is not a list of {code, gids}');
  const headlineGids = parameters?.headline?.gids ?? Math.max(...valid.map((p) => p.gids));
  const headline = valid.find((p) => p.gids === headlineGids);
  if (headline === undefined) throw new Error(`report.json: no project of the headline's ${String(headlineGids)} gids`);
  return { projects: valid, headline };
}

// The smallest seeded project, or the one of exactly `wantedGids` (WORKSHOP_GIDS).
export function chooseProject(projects: readonly Project[], wantedGids: number | undefined): Project {
  const sizes = projects.map((p) => p.gids).sort((a, b) => a - b);
  if (wantedGids === undefined) return projects.find((p) => p.gids === sizes[0]) ?? fail('no project');
  return projects.find((p) => p.gids === wantedGids) ?? fail(`WORKSHOP_GIDS=${wantedGids} is not a seeded size; one of ${sizes.join(', ')}`);
}

function fail(message: string): never {
  throw new Error(message);
}

// ---------------------------------------------------------------------------------------
// Checks on output

export type TimingEntry = { readonly name: string; readonly dur: number | undefined; readonly desc: string | undefined };

// The last `server-timing:` header in curl's `-D -` output: the final response's.
export function serverTimingOf(output: string): TimingEntry[] | undefined {
  const headers = [...output.matchAll(/^server-timing:[ \t]*(.*?)\r?$/gim)];
  const last = headers.at(-1);
  return last === undefined ? undefined : parseServerTiming(last[1] ?? '');
}

// `db;dur=1.2;desc="waiting, for the database", queries;dur=3.4;desc=61`: commas and
// semicolons inside quotes belong to the value.
export function parseServerTiming(value: string): TimingEntry[] {
  return splitOutsideQuotes(value, ',').filter((entry) => entry.trim() !== '').map((entry) => {
    const [name = '', ...parameters] = splitOutsideQuotes(entry, ';').map((part) => part.trim());
    const values = new Map(parameters.map((parameter) => {
      const at = parameter.indexOf('=');
      const raw = at === -1 ? '' : parameter.slice(at + 1).trim();
      const unquoted = /^".*"$/s.test(raw) ? raw.slice(1, -1).replace(/\\(.)/g, '$1') : raw;
      return [(at === -1 ? parameter : parameter.slice(0, at)).trim().toLowerCase(), unquoted];
    }));
    const dur = values.get('dur');
    return { name, dur: dur === undefined ? undefined : Number(dur), desc: values.get('desc') };
  });
}

function splitOutsideQuotes(text: string, separator: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i] ?? '';
    if (quoted && char === '\\') {
      current += char + (text[i + 1] ?? '');
      i += 1;
    } else if (char === '"') {
      quoted = !quoted;
      current += char;
    } else if (char === separator && !quoted) {
      parts.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  return [...parts, current];
}

// Every problem with the header against the directive's checks; none means it passed.
export function timingProblems(entries: readonly TimingEntry[] | undefined, checks: readonly TimingCheck[], variables: Readonly<Record<string, number>>): string[] {
  if (checks.length === 0) return [];
  if (entries === undefined) return ['no server-timing header in the output (curl needs -D -)'];
  return checks.flatMap(({ entry, expression }) => {
    const found = entries.find((e) => e.name === entry);
    const expected = evaluate(expression, variables);
    if (found === undefined) return [`no "${entry}" entry`];
    if (found.desc === undefined || Number(found.desc) !== expected) return [`${entry}: desc=${found.desc ?? '(none)'}, expected ${expression} = ${expected}`];
    return [];
  });
}

// Was a long-running command stopped the way Ctrl-C stops it? It exited 0, or it was
// make: GNU make re-raises the SIGINT on itself after its recipe ends, so make dies of
// the signal even when the recipe exited 0, and says `make: *** […] Error N` (or
// `Interrupt`, `Killed`) only when the recipe did not.
export function stoppedCleanly(command: string, exit: { code: number | null; signal: string | null }, outputAfterStop: string): boolean {
  if (exit.code === 0) return true;
  const viaMake = /^(?:[A-Za-z_]\w*=\S*\s+)*make\s/.test(command);
  return viaMake && exit.signal === 'SIGINT' && !/^make(?:\[\d+\])?: \*\*\* /m.test(outputAfterStop);
}

// ---------------------------------------------------------------------------------------
// Expressions: numbers, names given, + - * / ( ) and ceil(…). Parsed here, never eval'd,
// so a guide can only ask for arithmetic.

export function evaluate(expression: string, variables: Readonly<Record<string, number>>): number {
  const tokens = expression.match(/\d+(?:\.\d+)?|[A-Za-z_]\w*|\S/g) ?? [];
  let at = 0;
  const peek = (): string | undefined => tokens[at];
  const take = (expected?: string): string => {
    const token = tokens[at];
    if (token === undefined || (expected !== undefined && token !== expected)) {
      throw new Error(`expression "${expression}": expected ${expected ?? 'more'} at "${token ?? 'the end'}"`);
    }
    at += 1;
    return token;
  };
  const sum = (): number => {
    let value = product();
    while (peek() === '+' || peek() === '-') value = take() === '+' ? value + product() : value - product();
    return value;
  };
  const product = (): number => {
    let value = factor();
    while (peek() === '*' || peek() === '/') value = take() === '*' ? value * factor() : value / factor();
    return value;
  };
  const factor = (): number => {
    const token = take();
    if (token === '-') return -factor();
    if (token === '(') {
      const value = sum();
      take(')');
      return value;
    }
    if (/^\d/.test(token)) return Number(token);
    if (token === 'ceil') {
      take('(');
      const value = sum();
      take(')');
      return Math.ceil(value);
    }
    const value = Object.hasOwn(variables, token) ? variables[token] : undefined;
    if (value === undefined) throw new Error(`expression "${expression}": unknown "${token}" (allowed: numbers, ${[...Object.keys(variables), 'ceil(…)'].join(', ')}, + - * / ( ))`);
    return value;
  };
  const value = sum();
  if (at !== tokens.length) throw new Error(`expression "${expression}": unexpected "${tokens[at] ?? ''}"`);
  return value;
}
