// docs/workshop.md is docs/workshop.template.md with every {{placeholder}} replaced by a
// figure of one run (the committed reference). Pure: reading and writing files is
// workshop-files.ts's job. The vocabulary is in workshop-vocabulary.ts.
import type { Report } from '../report/schema.ts';
import { workshopFigures } from './workshop-figures.ts';
import type { WorkshopFigures } from './workshop-figures.ts';
import type { FoldedStacks } from './workshop-profiles.ts';
import { placeholderRenderer } from './workshop-vocabulary.ts';

const placeholder = /\{\{([^{}\n]*)\}\}/g;

// What a figure must never look like: a lookup that went wrong, rendered anyway.
const broken = /\b(NaN|undefined|Infinity|null)\b/;

function lineOf(text: string, index: number): number {
  return text.slice(0, index).split('\n').length;
}

export type Placeholder = { readonly name: string; readonly line: number };

// A stray "{{" or "}}" is a placeholder the author failed to close: refused, not printed.
export function placeholdersOf(template: string): Placeholder[] {
  const stray = /\{\{|\}\}/.exec(template.replace(placeholder, (match) => ' '.repeat(match.length)));
  if (stray !== null) throw new Error(`line ${lineOf(template, stray.index)}: unmatched "${stray[0]}"`);
  return [...template.matchAll(placeholder)].map((match) => ({ name: (match[1] ?? '').trim(), line: lineOf(template, match.index) }));
}

export function isKnownPlaceholder(name: string): boolean {
  return placeholderRenderer(name) !== undefined;
}

function figureText({ name, line }: Placeholder, figures: WorkshopFigures): string {
  const where = `{{${name}}} (template line ${line})`;
  const renderer = placeholderRenderer(name);
  if (renderer === undefined) throw new Error(`unknown placeholder ${where}; the vocabulary is in bench/present/workshop-vocabulary.ts`);
  let text: string;
  try {
    text = renderer(figures);
  } catch (error) {
    throw new Error(`${where}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (broken.test(text)) throw new Error(`${where}: rendered as "${text}"`);
  return text;
}

export function render(template: string, report: Report, profiles: ReadonlyMap<string, FoldedStacks> = new Map()): string {
  placeholdersOf(template);
  const figures = workshopFigures(report, profiles);
  return template.replace(placeholder, (_match: string, name: string, offset: number) =>
    figureText({ name: name.trim(), line: lineOf(template, offset) }, figures),
  );
}
