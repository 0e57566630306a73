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
