// How every number in report.md and on the charts is written. One place, so a table and
// a chart never show the same figure two ways. Output never depends on the machine's locale.

// Three significant digits, without exponent notation: 0.0412, 12.3, 1470.
export function significant(value: number, digits = 3): string {
  if (value === 0 || !Number.isFinite(value)) return String(value);
  // Round first: 9.996 becomes 10.0, not "10.00".
  const rounded = Number(value.toPrecision(digits));
  const decimals = Math.max(0, digits - 1 - Math.floor(Math.log10(Math.abs(rounded))));
  return rounded.toFixed(decimals);
}

// Milliseconds below one second, seconds above: the article speaks in seconds (37.6 s).
export function formatMs(ms: number): string {
  const rounded = Number(ms.toPrecision(3));
  return Math.abs(rounded) >= 1000 ? `${significant(ms / 1000)} s` : `${significant(ms)} ms`;
}

// Axis ticks are round numbers: "10 ms", not "10.0 ms".
export function formatTickMs(ms: number): string {
  return ms >= 1000 ? `${trimZeros(significant(ms / 1000))} s` : `${trimZeros(significant(ms))} ms`;
}

export function formatTimes(ratio: number): string {
  return `${ratio.toFixed(1)}×`;
}

export function formatPercent(fraction: number): string {
  return `${(fraction * 100).toFixed(1)}%`;
}

// Counters are per-request averages: whole numbers stay whole (2001), others get one decimal.
export function formatCount(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

function trimZeros(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}
