// The text format LOAD DATA reads by default: fields split by TAB, rows by LF,
// backslash as escape character and \N for NULL. JSON text is escaped like any other
// field: a JSON string holding `\d` or `\t` contains a real backslash, which LOAD DATA
// would otherwise read as an escape and silently turn into another character.
export type Field = string | number | null;

const NULL_FIELD = '\\N';
const needsEscape = /[\\\t\n\r\0]/g;
const escapeOf: Readonly<Record<string, string>> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r', '\0': '\\0' };
const escaped = /\\(.)/gs;
const unescapeOf: Readonly<Record<string, string>> = { '0': '\0', b: '\b', n: '\n', r: '\r', t: '\t', Z: '\x1a' };

export function escapeField(value: Field): string {
  if (value === null) return NULL_FIELD;
  if (typeof value === 'number') return String(value);
  return value.replace(needsEscape, (char) => escapeOf[char] ?? char);
}

export function tsvRow(fields: readonly Field[]): string {
  return `${fields.map(escapeField).join('\t')}\n`;
}

// The inverse, for the INSERT fallback: it reads the very files LOAD DATA would.
export function parseTsvLine(line: string): (string | null)[] {
  return line
    .split('\t')
    .map((field) => (field === NULL_FIELD ? null : field.replace(escaped, (_, char: string) => unescapeOf[char] ?? char)));
}
