// Logarithmic axes: latencies span 1 ms to a minute. An axis that starts at 0 ms uses
// log(1 + x), or a linear scale where the model drawn on it is a line (page = a + k · RTT)
// and on a timeline (the trace waterfall), where a span sits in time is the point.
export type Tick = { readonly value: number; readonly label: string };

export type Transform = 'log' | 'log1p' | 'linear';

export type Scale = { readonly toPixel: (value: number) => number; readonly ticks: readonly Tick[] };

function transformed(transform: Transform, value: number): number {
  if (transform === 'linear') return value;
  return transform === 'log' ? Math.log10(value) : Math.log10(1 + value);
}

// Maps [domain] onto [range] in pixels; range may run downwards (y axes).
export function scale(transform: Transform, domain: readonly [number, number], range: readonly [number, number], ticks: readonly Tick[]): Scale {
  const low = transformed(transform, domain[0]);
  const span = transformed(transform, domain[1]) - low || 1;
  return {
    toPixel: (value) => range[0] + ((transformed(transform, value) - low) / span) * (range[1] - range[0]),
    ticks,
  };
}

// A domain padded out to whole decades, ticked at each decade, and at 2 and 5 between
// them when there are too few decades for a reader to place a value.
export function decadeTicks(values: readonly number[], format: (value: number) => string): { domain: [number, number]; ticks: Tick[] } {
  const positive = values.filter((value) => value > 0);
  const exponents = positive.length > 0 ? positive.map((value) => Math.log10(value)) : [0, 1];
  const low = Math.floor(Math.min(...exponents));
  const high = Math.max(low + 1, Math.ceil(Math.max(...exponents)));
  const steps = high - low <= 2 ? [1, 2, 5] : [1];
  const ticks: Tick[] = [];
  for (let exponent = low; exponent <= high; exponent++) {
    for (const step of steps) {
      // toPrecision: 10 ** -1 is 0.1 only after rounding.
      const value = Number((step * 10 ** exponent).toPrecision(6));
      if (exponent < high || step === 1) ticks.push({ value, label: format(value) });
    }
  }
  return { domain: [10 ** low, 10 ** high], ticks };
}

// Ticks from 0 to the first round value at or past max, at a round step (1, 2 or 5 times
// a power of ten), about `count` of them.
export function linearTicks(max: number, format: (value: number) => string, count = 6): { domain: [number, number]; ticks: Tick[] } {
  const rough = (max > 0 ? max : 1) / count;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = ([1, 2, 5, 10].find((factor) => factor * power >= rough) ?? 10) * power;
  const ticks: Tick[] = [];
  for (let index = 0; ticks.length === 0 || (ticks.at(-1)?.value ?? 0) < max; index++) {
    const value = Number((index * step).toPrecision(12));
    ticks.push({ value, label: format(value) });
  }
  return { domain: [0, Math.max(ticks.at(-1)?.value ?? step, step)], ticks };
}
