// The thresholds the trace analysis applies, declared once.
export const traceRules = {
  // Sentry's N + 1 query detector (docs.sentry.io, Issues → N+1 Queries): sequential,
  // non-overlapping database spans with the same statement under one parent, at least
  // `minSpans` of them taking at least `minTotalMs` together (its defaults).
  nPlusOne: { minSpans: 5, minTotalMs: 50 },
  // This many spans or more with one label, one after another in a waterfall group,
  // are drawn as one band and named once.
  collapseAtLeast: 5,
} as const;

export type NPlusOneRule = { readonly minSpans: number; readonly minTotalMs: number };
