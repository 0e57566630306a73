import { describe, expect, it } from 'vitest';
import {
  newRequestStats,
  parseServerTiming,
  recordNewConnection,
  recordQuery,
  recordWorker,
  runWithStats,
  serverTimingHeader,
} from '../../lib/request-stats.ts';

describe('request stats', () => {
  it('counts inside the request context and nowhere else', async () => {
    const stats = newRequestStats();
    recordQuery(100);
    await runWithStats(stats, async () => {
      recordQuery(1.5);
      await new Promise((resolve) => setTimeout(resolve, 1));
      recordQuery(2.5);
      recordWorker();
      recordNewConnection();
    });
    expect(stats).toMatchObject({ queries: 2, dbMs: 4, workers: 1, newConnections: 1 });
  });

  it('writes a Server-Timing header that reads back', () => {
    const stats = { ...newRequestStats(), queries: 2001, dbMs: 12.345, workers: 1000, newConnections: 1000 };
    const header = serverTimingHeader(stats);
    expect(header).toMatch(/^db;dur=12\.35;desc="2001 queries", queries;desc=2001, workers;desc=1000/);
    expect(parseServerTiming(header)).toMatchObject({ dbMs: 12.35, queries: 2001, workers: 1000, connections: 1000 });
  });
});
