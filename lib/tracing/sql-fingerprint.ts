// A statement's fingerprint: the SQL with every literal replaced by ?, so the thousand
// lookups of an N + 1 loop share one text (and no value, no project code, ever reaches
// a span). The same idea as pt-fingerprint and Sentry's query parameterisation, kept
// to what the statements of this repository need: quoted strings, numbers, IN lists.
const quoted = /'(?:[^'\\]|\\.|'')*'|"(?:[^"\\]|\\.|"")*"/g;
const number = /(?<![\w`.])-?\d+(?:\.\d+)?(?:e[+-]?\d+)?(?![\w`])/gi;
const list = /\(\s*\?(?:\s*,\s*\?)*\s*\)/g;

export function fingerprint(sql: string): string {
  return sql
    .replace(quoted, '?')
    .replace(number, '?')
    .replace(list, '(?)')
    .replace(/\s+/g, ' ')
    .trim();
}

// OpenTelemetry's low-cardinality span name for a query: the operation and its first table.
export function querySummary(fingerprinted: string): string {
  const operation = /^\s*(\w+)/.exec(fingerprinted)?.[1]?.toUpperCase() ?? 'QUERY';
  const table = /\b(?:FROM|INTO|UPDATE|JOIN)\s+`?([\w.]+)`?/i.exec(fingerprinted)?.[1];
  return table === undefined ? operation : `${operation} ${table}`;
}
