// make reference RUN=results/runs/<id>: takes a run as the new results/reference, or
// refuses it (exit 1, every reason printed) when it is not fit to be one
// (bench/report/reference.ts). The folder's report.md and charts are rendered again so
// that their commands name results/reference, the folder they now live in; the
// reference's flame graphs (results/reference/profiles, from make profile) are kept.
import { cp, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { referenceFolder, referenceProblems } from './reference.ts';
import { renderRunFiles, reportJson } from '../present/render.ts';
import { parseReport } from './validate.ts';

async function takeReference(runDir: string): Promise<number> {
  const report = parseReport(JSON.parse(await readFile(join(runDir, 'report.json'), 'utf8')));
  const problems = referenceProblems(report);
  if (problems.length > 0) {
    console.error(`refusing ${runDir} as ${referenceFolder}:`);
    for (const problem of problems) console.error(`  - ${problem}`);
    return 1;
  }
  // Built beside the old reference and swapped in whole.
  const partial = `${referenceFolder}.partial-${process.pid}`;
  await rm(partial, { recursive: true, force: true });
  await mkdir(partial, { recursive: true });
  const files = [...renderRunFiles(report, { folder: referenceFolder }), { path: 'report.json', content: reportJson(report) }];
  for (const file of files) {
    await mkdir(dirname(join(partial, file.path)), { recursive: true });
    await writeFile(join(partial, file.path), file.content);
  }
  await cp(join(referenceFolder, 'profiles'), join(partial, 'profiles'), { recursive: true }).catch(() => undefined);
  await rm(referenceFolder, { recursive: true, force: true });
  await rename(partial, referenceFolder);
  console.log(`${referenceFolder} is now run ${report.run.id}; run make workshop to render the docs from it`);
  return 0;
}

const runDir = process.argv[2];
if (runDir === undefined || process.argv.length > 3) {
  console.error('usage: node bench/report/reference-cli.ts results/runs/<id>   (make reference RUN=results/runs/<id>)');
  process.exit(2);
}
try {
  process.exitCode = await takeReference(runDir);
} catch (error) {
  console.error(`cannot take ${runDir} as the reference: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 2;
}
