// GitHub-flavoured Markdown tables: text columns left, figures right, so digits line up.
export type Column = { readonly title: string; readonly align: 'left' | 'right' };

// A `|` inside a cell would end it; a newline would end the row.
function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

export function table(columns: readonly Column[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]): string => `| ${cells.map(escapeCell).join(' | ')} |`;
  const rule = `|${columns.map((c) => (c.align === 'right' ? '---:' : ':---')).join('|')}|`;
  return [line(columns.map((c) => c.title)), rule, ...rows.map(line)].join('\n');
}

export function left(title: string): Column {
  return { title, align: 'left' };
}

export function right(title: string): Column {
  return { title, align: 'right' };
}

// Long reasons (why a cell was not timed) as numbered notes under a table instead of
// in its cells; one reason repeated in many cells gets one number.
export type Footnotes = { readonly mark: (text: string) => string; readonly lines: () => string[] };

export function footnotes(): Footnotes {
  const texts: string[] = [];
  return {
    mark(text) {
      const index = texts.indexOf(text);
      if (index >= 0) return `[${index + 1}]`;
      texts.push(text);
      return `[${texts.length}]`;
    },
    lines: () => texts.map((text, index) => `[${index + 1}] ${text}  `),
  };
}
