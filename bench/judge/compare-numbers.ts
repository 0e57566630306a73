// Number formatting shared by the comparison table and the gate's reasons, so a
// change reads the same in both places.
import type { ChangeInterval } from './stats/change-interval.ts';

export function formatValue(value: number, unit: string): string {
  const abs = Math.abs(value);
  const digits = Number.isInteger(value) ? value.toString()
    : abs >= 100 ? value.toFixed(0)
    : abs >= 10 ? value.toFixed(1)
    : abs >= 1 ? value.toFixed(2)
    : value.toPrecision(3);
  return unit.startsWith('×') ? `${digits}${unit}` : `${digits} ${unit}`;
}

export function formatPercent(ratio: number): string {
  // Rounded first, so -0.04 % prints as 0.0% rather than -0.0%.
  const percent = Number(((ratio - 1) * 100).toFixed(1));
  return `${percent > 0 ? '+' : ''}${percent === 0 ? '0.0' : percent.toFixed(1)}%`;
}

export function formatInterval(change: ChangeInterval): string {
  if (change.low === 0 && change.high === Infinity) return 'n/a';
  return `[${formatPercent(change.low)}, ${formatPercent(change.high)}]`;
}

export function formatP(p: number): string {
  return p < 0.001 ? '<0.001' : p.toFixed(3);
}

// A fraction as a percentage without float dust: 0.1 → "10%", 0.025 → "2.5%".
export function formatShare(fraction: number): string {
  return `${Number((fraction * 100).toFixed(2))}%`;
}
