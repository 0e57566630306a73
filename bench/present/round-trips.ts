// Round trips on the critical path, read from the latency sweep: the page's time against
// the injected round-trip time is a line, page = a + k · RTT, and its slope k is the
// number of database round trips the page waits for one after another. Fitted per
// target with Theil–Sen (bench/judge/stats/theil-sen.ts) over every sample of the sweep, and
// checked against what the database counted for the same page.
//
// RTT: the latency proxy (bench/tools/latency/relay.ts) holds every chunk the database sends
// back for the injected time, once; a query waits for its answer, so each query, and
// each step of a connection's handshake, pays it once: one round trip.
import type { SlopeFit } from '../judge/stats/theil-sen.ts';
import { theilSen } from '../judge/stats/theil-sen.ts';
import type { CellSummary, WorkFigures } from './cells.ts';
import { confidence } from './figures.ts';
import type { ReferenceCell } from './story.ts';

// A new connection before its query waits for the server's greeting and for the answer
// to its login: two round trips (mysql_native_password and caching_sha2 fast auth alike).
export const handshakeRoundTrips = 2;

export type ExpectedRoundTrips = {
  readonly value: number;
  // Round trips the fitted k may differ by and still agree: protocol steps that are not
  // SELECTs (a transaction's COMMIT, a ping), and the fit's own rounding.
  readonly tolerance: number;
  readonly basis: string;
};

export type RoundTrips = {
  readonly target: string;
  readonly fit: SlopeFit | null;
  // Why there is no fit (fewer than two latencies timed).
  readonly why: string | null;
  readonly expected: ExpectedRoundTrips | null;
  // null when either side is unknown or k has no interval.
  readonly agrees: boolean | null;
  // Why k and the counters disagree, in words; null when they agree.
  readonly disagreement: string | null;
};

// From the counted work alone: queries on connections the server already had run one
// after another (the worst case for a pool); per-gid new connections run together, as
// every target here that opens them does, so they add one handshake and one query once.
export function expectedRoundTrips(work: WorkFigures): ExpectedRoundTrips {
  const sequential = Math.max(0, work.queries - work.newConnections);
  const parallel = work.newConnections > 0 ? handshakeRoundTrips + 1 : 0;
  const value = sequential + parallel;
  const basis = work.newConnections > 0
    ? `${sequential} queries on open connections + ${handshakeRoundTrips + 1} for ${work.newConnections} new connections at once (handshake, query)`
    : `${sequential} queries, one after another`;
  return { value, tolerance: Math.max(1, 0.1 * value), basis };
}

function disagreementOf(fit: SlopeFit, expected: ExpectedRoundTrips): string | null {
  if (fit.low === null || fit.high === null) return null;
  if (fit.low > expected.value + expected.tolerance) {
    return 'more round trips than the counted work explains: connections that did not all run at once (CPU, a connection limit), round trips that are not SELECTs, or a busy machine waking the latency proxy late';
  }
  if (fit.high < expected.value - expected.tolerance) {
    return 'fewer round trips than the counted queries: some queries overlapped on connections the server already had (a pool of threads)';
  }
  return null;
}

export function roundTrips(cells: readonly CellSummary[], targets: readonly string[], sweep: ReferenceCell): RoundTrips[] {
  return targets.map((target) => {
    const timed = cells.filter((c) => c.target === target && c.gids === sweep.gids && c.page !== null);
    const work = cells.find((c) => c.target === target && c.gids === sweep.gids && c.work !== null)?.work ?? null;
    const expected = work === null ? null : expectedRoundTrips(work);
    if (new Set(timed.map((c) => c.injectedMs)).size < 2) {
      return { target, fit: null, why: `timed at ${timed.length} injected latenc${timed.length === 1 ? 'y' : 'ies'} of ${sweep.gids} gids; a slope needs two`, expected, agrees: null, disagreement: null };
    }
    const points = timed.flatMap((c) => (c.page?.samplesMs ?? []).map((y) => ({ x: c.injectedMs, y })));
    const fit = theilSen(points, confidence);
    const disagreement = expected === null ? null : disagreementOf(fit, expected);
    const bounded = fit.low !== null && fit.high !== null;
    return { target, fit, why: null, expected, agrees: expected === null || !bounded ? null : disagreement === null, disagreement };
  });
}
