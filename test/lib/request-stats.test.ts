import { describe, expect, it } from 'vitest';
import {
  newRequestStats,
  parseServerTiming,
  recordNewConnection,
  recordQuery,
  recordWorker,
  runWithStats,
  serverTimingHeader,
  waitedMs,
} from '../../lib/request-stats.ts';

describe('request stats', () => {
  it('counts inside the request context and nowhere else', async () => {
    const stats = newRequestStats();
    recordQuery(0, 100);
    await runWithStats(stats, async () => {
      recordQuery(10, 11.5);
      await new Promise((resolve) => setTimeout(resolve, 1));
      recordQuery(20, 22.5);
      recordWorker();
      recordNewConnection();
    });
    expect(stats).toMatchObject({ queryIntervals: [[10, 11.5], [20, 22.5]], workers: 1, newConnections: 1 });
  });

  it('waits for the union of overlapping queries, not their sum', () => {
    expect(waitedMs([])).toBe(0);
    expect(waitedMs([[0, 10], [20, 25]])).toBe(15);
    // Three threads querying at once, one of them inside another: 0–12 and 15–16.
    expect(waitedMs([[5, 12], [0, 10], [2, 3], [15, 16]])).toBe(13);
  });

  it('writes a Server-Timing header that reads back, db never above total', () => {
    const stats = newRequestStats();
    const now = stats.startedAt;
    stats.queryIntervals.push([now, now + 0.004], [now, now + 0.006]);
    Object.assign(stats, { workers: 1000, newConnections: 1000 });
    const header = serverTimingHeader(stats);
    expect(header).toMatch(/^db;dur=0\.01;desc="waiting for the database", queries;dur=0\.01;desc=2, workers;desc=1000/);
    const timing = parseServerTiming(header);
    expect(timing).toMatchObject({ queries: 2, workers: 1000, connections: 1000 });
    expect(timing.dbMs).toBeLessThanOrEqual(timing.totalMs);
  });
});
