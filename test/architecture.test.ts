// docs/architecture.md against the tree: every folder it names exists, and every source
// file is imported by another, run by a make target or CI, or documented as a command,
// so nothing in the tree is dead or undiscoverable.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const read = (file: string): string => readFileSync(path.join(root, file), 'utf8');
const sourceFolders = ['bench', 'lib', 'baseline', 'optimized', 'variants', 'seed', 'peers', 'scripts'];
const sourceFile = /\.(ts|mjs|py|sh)$/;

function filesUnder(folder: string): string[] {
  return readdirSync(path.join(root, folder), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(folder, entry.name);
    if (entry.isDirectory()) return entry.name === '.venv' || entry.name === '__pycache__' ? [] : filesUnder(relative);
    return [relative];
  });
}

// Relative imports of TypeScript/JavaScript and Python files, resolved to repository paths.
function importedFiles(files: readonly string[]): Set<string> {
  const imported = new Set<string>();
  for (const file of files) {
    const text = read(file);
    const dir = path.dirname(file);
    for (const match of text.matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]|new URL\(\s*['"](\.{1,2}\/[^'"]+)['"]/g)) {
      const spec = match[1] ?? match[2];
      if (spec !== undefined) imported.add(path.normalize(path.join(dir, spec)));
    }
    // Python: absolute module names from the script's folder (peers/flask is sys.path[0]),
    // as a module file or a package's __init__.py, from a package's parent folder too.
    if (file.endsWith('.py')) {
      for (const match of text.matchAll(/^(?:from|import)\s+([a-z_.]+)/gm)) {
        const module = match[1]?.replaceAll('.', '/');
        if (module === undefined) continue;
        for (const base of [dir, path.dirname(dir)]) {
          imported.add(path.join(base, `${module}.py`));
          imported.add(path.join(base, module, '__init__.py'));
        }
      }
    }
  }
  return imported;
}

describe('docs/architecture.md', () => {
  const architecture = read('docs/architecture.md');

  it('names only folders that exist', () => {
    const named = [...architecture.matchAll(/`((?:bench|lib|test|results|docs|peers|seed|variants|baseline|optimized)\/[\w/.-]*)`/g)].map((m) => m[1]!);
    expect(named.length).toBeGreaterThan(10);
    const missing = named.filter((name) => {
      try {
        statSync(path.join(root, name));
        return false;
      } catch {
        return true;
      }
    });
    expect(missing).toEqual([]);
  });

  it('has a folder of bench/ for every stage it draws, and bench/ has no other', () => {
    const stages = readdirSync(path.join(root, 'bench'), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
    for (const stage of stages) expect(architecture).toContain(`bench/${stage}/`);
    expect(readdirSync(path.join(root, 'bench')).filter((name) => !stages.includes(name))).toEqual([]);
  });
});

describe('every source file', () => {
  it('is imported, run by make or CI, or documented as a command', () => {
    const sources = sourceFolders.flatMap(filesUnder).filter((file) => sourceFile.test(file));
    const imported = importedFiles([...sources, ...filesUnder('test').filter((file) => sourceFile.test(file))]);
    const documents = ['Makefile', '.ci/run', '.github/workflows/bench.yml', 'package.json', 'README.md', ...readdirSync(path.join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`), 'peers/README.md']
      .map(read).join('\n');
    // A file another source names by its path (a script it spawns, a file it copies) is run.
    const named = (file: string): boolean => sources.some((other) => other !== file && read(other).includes(file));
    const orphans = sources.filter((file) => !imported.has(file) && !documents.includes(file) && !named(file));
    expect(orphans).toEqual([]);
  });
});
