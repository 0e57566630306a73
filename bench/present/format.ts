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

// 0.94×, 25.6×, 7181×: enough digits to see a difference, never more than the whole.
export function formatTimes(ratio: number): string {
  return `${timesDigits(ratio)}×`;
}

function timesDigits(ratio: number): string {
  const abs = Math.abs(ratio);
  return abs >= 100 ? ratio.toFixed(0) : abs >= 10 ? ratio.toFixed(1) : ratio.toFixed(2);
}

// Two bounds in one unit where they share one: "12.1–13.4 ms", "980 ms–1.02 s".
export function formatMsSpan(low: number, high: number): string {
  const [lowText, lowUnit] = formatMs(low).split(' ');
  const [highText, highUnit] = formatMs(high).split(' ');
  return lowUnit === highUnit ? `${lowText}–${highText} ${highUnit}` : `${formatMs(low)}–${formatMs(high)}`;
}

export function formatTimesSpan(low: number, high: number): string {
  return `${timesDigits(low)}–${timesDigits(high)}×`;
}

export function formatPercent(fraction: number): string {
  return `${(fraction * 100).toFixed(1)}%`;
}

export function formatPercentSpan(low: number, high: number): string {
  return `${(low * 100).toFixed(1)}–${(high * 100).toFixed(1)}%`;
}

// Counters are per-request averages: whole numbers stay whole (2001), others get one decimal.
export function formatCount(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

function trimZeros(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}
