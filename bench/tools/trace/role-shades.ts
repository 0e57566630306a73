// One colour range per kind of span, shared by the waterfall and the wall-clock flame
// graph so a query looks the same in both.
import type { Shades } from '../cpu-profile/flamegraph-svg.ts';
import type { SpanRole } from './span-role.ts';

export const roleShades: Record<SpanRole, Shades & { readonly name: string }> = {
  request: { from: [80, 130, 190], to: [120, 165, 215], name: 'HTTP request' },
  code: { from: [225, 80, 40], to: [250, 150, 70], name: 'the page, the article\'s functions' },
  thread: { from: [160, 110, 190], to: [195, 150, 220], name: 'worker thread' },
  connection: { from: [70, 160, 150], to: [120, 195, 185], name: 'new connection' },
  query: { from: [205, 150, 20], to: [240, 200, 70], name: 'query' },
};
