// Re-renders a run folder's report.md, charts and github-benchmark files from its
// report.json: reports are regenerated from the JSON, never edited by hand.
// Usage: node bench/present/render-cli.ts results/runs/<id>
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { renderRunFiles } from './render.ts';
import { parseReport } from '../report/validate.ts';

async function render(dir: string): Promise<string[]> {
  const report = parseReport(JSON.parse(await readFile(join(dir, 'report.json'), 'utf8')));
  const files = renderRunFiles(report, { folder: dir });
  for (const file of files) {
    // Each file is replaced whole, so a reader never sees a half-written one.
    const path = join(dir, file.path);
    const partial = `${path}.partial-${process.pid}`;
    await mkdir(dirname(path), { recursive: true });
    await writeFile(partial, file.content);
    await rename(partial, path);
  }
  return files.map((file) => file.path);
}

const dir = process.argv[2];
if (dir === undefined || process.argv.length > 3) {
  console.error('usage: node bench/present/render-cli.ts results/runs/<id>');
  process.exit(2);
}
try {
  const written = await render(dir);
  console.log(`rendered ${written.length} files in ${dir}: ${written.join(', ')}`);
} catch (error) {
  console.error(`cannot render ${dir}: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
