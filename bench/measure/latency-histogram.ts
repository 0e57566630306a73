// Latencies of a load run as an HdrHistogram (the structure autocannon and wrk2 keep):
// microseconds, 3 significant digits (0.1 % error), up to an hour. Stored compressed in
// report.json, so any percentile can be recomputed and repetitions or runs merged.
import hdr from 'hdr-histogram-js';
import type { Histogram, JsHistogram } from 'hdr-histogram-js';

export type { Histogram } from 'hdr-histogram-js';

const microsecondsPerMs = 1000;

export function newLatencyHistogram(): Histogram {
  return hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 3_600_000_000, numberOfSignificantValueDigits: 3, bitBucketSize: 32 });
}

export function recordMs(histogram: Histogram, ms: number): void {
  histogram.recordValue(Math.max(1, Math.round(ms * microsecondsPerMs)));
}

export function encodeHistogram(histogram: Histogram): string {
  return hdr.encodeIntoCompressedBase64(histogram);
}

export function mergeHistograms(encoded: readonly string[]): Histogram {
  const merged = newLatencyHistogram();
  for (const text of encoded) merged.add(hdr.decodeFromCompressedBase64(text));
  return merged;
}

// The recorded values in order, each with how many answers lie at or below it: read once,
// so that many ranks cost one pass (asking HdrHistogram per percentile walks every bucket).
export type RankedValues = { readonly ms: readonly number[]; readonly cumulative: readonly number[]; readonly count: number };

export function rankedValues(histogram: Histogram): RankedValues {
  // build() makes a JsHistogram unless WebAssembly is asked for, which it never is here.
  const iterator = (histogram as JsHistogram).recordedValuesIterator;
  iterator.reset();
  const ms: number[] = [];
  const cumulative: number[] = [];
  let running = 0;
  while (iterator.hasNext()) {
    const value = iterator.next();
    running += value.countAtValueIteratedTo;
    ms.push(value.valueIteratedTo / microsecondsPerMs);
    cumulative.push(running);
  }
  return { ms, cumulative, count: running };
}

// The value at 1-based rank `rank`, in ms (the top of its 0.1 % bucket, as HdrHistogram's
// own percentiles report it).
export function msAtRank(ranked: RankedValues, rank: number): number {
  let low = 0;
  let high = ranked.cumulative.length - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((ranked.cumulative[middle] ?? 0) >= rank) high = middle;
    else low = middle + 1;
  }
  return ranked.ms[low] ?? Number.NaN;
}

// HdrHistogram's percentile q: the value at rank ceil(q · n), at least the first.
export function msAtQuantile(ranked: RankedValues, q: number): number {
  return msAtRank(ranked, Math.max(1, Math.ceil(q * ranked.count - 1e-9)));
}
