// A hand-made .cpuprofile small enough to work out by hand. Node ids and call tree:
//   1 (root)
//   ├─ 2 (program)
//   ├─ 3 main            file:///repo/app.ts, line 1
//   │  ├─ 4 handler      file:///repo/lib/server.ts, line 10
//   │  │  └─ 5 query     file:///repo/node_modules/mysql2/lib/query.js, line 5
//   │  └─ 6 (anonymous)  node:internal/timers, line 2
//   └─ 7 (idle)
// Samples land at 1010, 1110, 1210, 1410, 1460, 1760, 1860 µs; each lasts until the next
// one, the last until endTime (2010): 100, 100, 200, 50, 300, 100, 150 µs.
import type { CpuProfile } from '../../../../bench/tools/cpu-profile/cpuprofile.ts';

export const repositoryUrl = 'file:///repo/';

const frame = (functionName: string, url: string, line: number) => ({
  functionName,
  scriptId: url === '' ? '0' : '1',
  url,
  lineNumber: line - 1,
  columnNumber: 0,
});

export const smallProfile: CpuProfile = {
  nodes: [
    { id: 1, callFrame: frame('(root)', '', 0), children: [2, 3, 7] },
    { id: 2, callFrame: frame('(program)', '', 0) },
    { id: 3, callFrame: frame('main', 'file:///repo/app.ts', 1), children: [4, 6] },
    { id: 4, callFrame: frame('handler', 'file:///repo/lib/server.ts', 10), children: [5] },
    { id: 5, callFrame: frame('query', 'file:///repo/node_modules/mysql2/lib/query.js', 5) },
    { id: 6, callFrame: frame('', 'node:internal/timers', 2) },
    { id: 7, callFrame: frame('(idle)', '', 0) },
  ],
  startTime: 1000,
  endTime: 2010,
  samples: [5, 5, 4, 2, 7, 6, 5],
  timeDeltas: [10, 100, 100, 200, 50, 300, 100],
};

// query: 100 + 100 + 150; handler alone: 200; (program): 50; timers: 100; idle: 300.
export const expectedFolded = [
  '(program) 50',
  'main app.ts:1;(anonymous) node:internal/timers:2 100',
  'main app.ts:1;handler lib/server.ts:10 200',
  'main app.ts:1;handler lib/server.ts:10;query mysql2/lib/query.js:5 350',
  '',
].join('\n');
