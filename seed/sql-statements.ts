// Splits a SQL script into statements at semicolons that are outside quotes and
// comments, so a `;` inside a string or a comment never cuts a statement in two.
// Comments are dropped; statements come back trimmed and non-empty.
export function splitSqlStatements(script: string): string[] {
  const statements: string[] = [];
  let current = '';
  let i = 0;
  while (i < script.length) {
    const char = script[i] ?? '';
    const next = script[i + 1] ?? '';
    if ((char === '-' && next === '-' && /^\s?$/.test(script[i + 2] ?? '')) || char === '#') {
      i = endOf(script, '\n', i);
    } else if (char === '/' && next === '*') {
      i = endOf(script, '*/', i + 2);
    } else if (char === "'" || char === '"' || char === '`') {
      const end = closingQuote(script, char, i + 1);
      current += script.slice(i, end);
      i = end;
    } else if (char === ';') {
      statements.push(current);
      current = '';
      i++;
    } else {
      current += char;
      i++;
    }
  }
  statements.push(current);
  return statements.map((statement) => statement.trim()).filter((statement) => statement !== '');
}

function endOf(script: string, terminator: string, from: number): number {
  const at = script.indexOf(terminator, from);
  return at === -1 ? script.length : at + terminator.length;
}

// Index just past the closing quote; a doubled quote or a backslash escape stays inside.
function closingQuote(script: string, quote: string, from: number): number {
  let i = from;
  while (i < script.length) {
    const char = script[i];
    if (char === '\\' && quote !== '`') i += 2;
    else if (char === quote && script[i + 1] === quote) i += 2;
    else if (char === quote) return i + 1;
    else i++;
  }
  return script.length;
}
