// A statement's fingerprint: its SQL with every literal replaced by `?`, so the 1000
// lookups of an N + 1 loop share one fingerprint and are counted as one statement run
// 1000 times. It accepts raw SQL (what a client sends) and the server's own digest text
// (performance_schema, which has removed the literals already) and writes both alike:
// no backticks, one space between words, `IN (...)` for any list of values.

// Words after which a parenthesis opens a list, not a function's arguments.
const listKeywords = new Set([
  'IN', 'VALUES', 'AND', 'OR', 'NOT', 'ON', 'WHERE', 'SELECT', 'FROM', 'JOIN', 'USING', 'EXISTS',
  'AS', 'INTO', 'SET', 'BY', 'WHEN', 'THEN', 'ELSE', 'IS', 'LIKE', 'UNION', 'ALL', 'ANY', 'HAVING',
]);

// Written in capitals whatever the source's case, as the servers' digests write them.
const keywords = new Set([
  ...listKeywords, 'ORDER', 'GROUP', 'LIMIT', 'OFFSET', 'INSERT', 'UPDATE', 'DELETE', 'REPLACE',
  'DISTINCT', 'LEFT', 'RIGHT', 'INNER', 'OUTER', 'CROSS', 'BETWEEN', 'CASE', 'END', 'ASC', 'DESC',
  'NULL', 'TRUE', 'FALSE', 'BEGIN', 'COMMIT', 'ROLLBACK', 'START', 'TRANSACTION', 'SHOW', 'DO',
  'FOR', 'LOCK', 'SHARE', 'MODE', 'DUPLICATE', 'KEY', 'IGNORE', 'DEFAULT',
]);

const literal = new RegExp(
  [
    String.raw`'(?:[^'\\]|\\.|'')*'`, // 'text', with \' and '' escapes
    String.raw`"(?:[^"\\]|\\.|"")*"`, // "text" (MySQL's default sql_mode reads it as a string)
    String.raw`\b0x[0-9a-f]+\b`, // 0x1F
    String.raw`\b[xb]'[0-9a-f]*'`, // x'1F', b'0101'
    String.raw`(?<![\w$.])\d+(?:\.\d+)?(?:e[+-]?\d+)?(?![\w$])`, // 42, 4.2, 4e2; not t1
  ].join('|'),
  'gi',
);

const comment = /\/\*[\s\S]*?\*\/|(?:--\s|#)[^\n]*/g;

export function fingerprint(sql: string): string {
  let text = sql.replace(comment, ' ').replace(literal, '?').replace(/`([^`]*)`/g, '$1');
  text = text.replace(/\s+/g, ' ').replace(/\s*\(\s*/g, '(').replace(/\s*\)/g, ')').replace(/\)(?=[\w?@'"])/g, ') ');
  text = text.replace(/\s*,\s*/g, ', ').replace(/\s*\.\s*/g, '.');
  // A function's arguments hug its name; a list after a keyword keeps its space.
  text = text.replace(/(\w+)\(/g, (match, word: string) => (listKeywords.has(word.toUpperCase()) ? `${word} (` : match));
  text = text.replace(/\b[a-z_]+\b/gi, (word) => (keywords.has(word.toUpperCase()) ? word.toUpperCase() : word));
  // Any list of values is one shape: IN (?), IN (?, ?, ?) and the digest's IN (...) alike.
  text = text.replace(/\bIN \((?:\?(?:, \?)*|\.\.\.)\)/g, 'IN (...)');
  text = text.replace(/\bVALUES \((?:\?(?:, \?)*|\.\.\.)\)(?:, \((?:\?(?:, \?)*)\))*/g, 'VALUES (...)');
  return text.replace(/[\s;]+$/, '').trim();
}

// For tables and gate lines: a long select list becomes "…", the issue's
// "SELECT … FROM profile_settings WHERE name = ?". The full fingerprint stays in the report.
export function shortFingerprint(fingerprintText: string, maxListLength = 40): string {
  return fingerprintText.replace(/^SELECT (DISTINCT )?(.+?) FROM /, (match, distinct: string | undefined, list: string) =>
    list.length > maxListLength ? `SELECT ${distinct ?? ''}… FROM ` : match,
  );
}
