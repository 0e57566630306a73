// make workshop: renders docs/workshop.md from docs/workshop.template.md and a run's
// report.json, so every figure the workshop quotes is the reference's, never typed in.
import { readFile, rename, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { renderReadme, workshopFiles, renderWorkshop } from './workshop-files.ts';

const exitCodes = { ok: 0, outOfDate: 1, cannotRender: 2 } as const;

const helpText = `Usage: node bench/present/workshop-cli.ts [--reference <run folder>] [--check]

Renders docs/workshop.template.md with the figures of <run folder>/report.json
(default: results/reference) into docs/workshop.md.

  --reference <dir>  the run whose figures the workshop quotes
  --check            write nothing; exit ${exitCodes.outOfDate} if docs/workshop.md differs from the rendering
  --help             print this text

Exit codes: ${exitCodes.ok} written or up to date; ${exitCodes.outOfDate} out of date (--check); ${exitCodes.cannotRender} bad usage, an unreadable
or invalid report, or a placeholder the vocabulary or the run does not have.`;

function firstDifferentLine(a: string, b: string): number {
  const left = a.split('\n');
  const right = b.split('\n');
  const index = left.findIndex((line, i) => line !== right[i]);
  return (index === -1 ? left.length : index) + 1;
}

async function main(argv: readonly string[]): Promise<number> {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: { reference: { type: 'string' }, check: { type: 'boolean' }, help: { type: 'boolean' } },
  });
  if (values.help === true) {
    console.log(helpText);
    return exitCodes.ok;
  }
  const referenceDir = values.reference ?? workshopFiles.reference;
  const outputs = [
    { path: workshopFiles.doc, name: 'docs/workshop.md', text: await renderWorkshop(referenceDir) },
    { path: workshopFiles.readme, name: 'README.md', text: await renderReadme(referenceDir) },
  ];

  if (values.check === true) {
    let code: number = exitCodes.ok;
    for (const output of outputs) {
      const current = await readFile(output.path, 'utf8').catch(() => '');
      if (current === output.text) continue;
      const line = firstDifferentLine(current, output.text);
      console.error(`${output.name} is out of date with ${referenceDir} (first difference at line ${line}): run make workshop`);
      code = exitCodes.outOfDate;
    }
    return code;
  }
  for (const output of outputs) {
    // Replaced whole, so a reader never sees half a document.
    const partial = `${output.path}.partial-${process.pid}`;
    await writeFile(partial, output.text);
    await rename(partial, output.path);
    console.log(`wrote ${output.name} from ${referenceDir}`);
  }
  return exitCodes.ok;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  console.error(`cannot render docs/workshop.md: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = exitCodes.cannotRender;
}
