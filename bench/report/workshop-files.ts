// Where the workshop's template, its rendered doc and the reference run live, and how the
// doc is rendered from them; shared by the CLI and the test that keeps the doc current.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseReport } from './validate.ts';
import { render } from './workshop.ts';

const repository = fileURLToPath(new URL('../../', import.meta.url));

export const workshopFiles = {
  template: join(repository, 'docs/workshop.template.md'),
  doc: join(repository, 'docs/workshop.md'),
  reference: join(repository, 'results/reference'),
} as const;

export async function renderWorkshop(referenceDir: string): Promise<string> {
  const report = parseReport(JSON.parse(await readFile(join(referenceDir, 'report.json'), 'utf8')));
  return render(await readFile(workshopFiles.template, 'utf8'), report);
}
