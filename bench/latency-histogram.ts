// Latencies of a load run as an HdrHistogram (the structure autocannon and wrk2 keep):
// microseconds, 3 significant digits (0.1 % error), up to an hour. Stored compressed in
// report.json, so any percentile can be recomputed and repetitions or runs merged.
import hdr from 'hdr-histogram-js';
import type { Histogram } from 'hdr-histogram-js';

export type { Histogram } from 'hdr-histogram-js';

const microsecondsPerMs = 1000;

export function newLatencyHistogram(): Histogram {
  return hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 3_600_000_000, numberOfSignificantValueDigits: 3, bitBucketSize: 'packed' });
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

// The value at 1-based rank `rank` of the recorded values, in ms (the top of its
// 0.1 % bucket). HdrHistogram's percentile p is the value at rank ceil(p · n).
export function msAtRank(histogram: Histogram, rank: number): number {
  return histogram.getValueAtPercentile((100 * rank) / histogram.totalCount) / microsecondsPerMs;
}

export function msAtQuantile(histogram: Histogram, q: number): number {
  return histogram.getValueAtPercentile(100 * q) / microsecondsPerMs;
}
