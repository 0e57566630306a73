// The span names and attributes every traced server writes, this TypeScript server and
// the Flask peer alike: the waterfall, the N + 1 rule and the wall-clock flame graphs
// read nothing else. Keys follow OpenTelemetry's semantic conventions where one exists;
// app.* are this repository's own. docs/tracing.md describes the same contract in prose.
export const attribute = {
  httpMethod: 'http.request.method',
  httpRoute: 'http.route',
  httpStatus: 'http.response.status_code',
  urlPath: 'url.path',
  dbSystem: 'db.system.name',
  dbNamespace: 'db.namespace',
  // The statement's fingerprint, never the statement: literals are replaced by ?.
  dbQueryText: 'db.query.text',
  dbQuerySummary: 'db.query.summary',
  dbReturnedRows: 'db.response.returned_rows',
  serverAddress: 'server.address',
  serverPort: 'server.port',
  threadId: 'thread.id',
  codeFunction: 'code.function.name',
  errorType: 'error.type',
  variant: 'app.variant',
  gid: 'app.gid',
  gidCount: 'app.gids',
} as const;

export const spanName = {
  page: 'settings page',
  connect: 'connect',
  thread: 'thread',
} as const;

// The service.name of a variant's server, so Jaeger lists each variant apart.
export function serviceName(variant: string): string {
  return `settings-api-${variant}`;
}

export const harnessServiceName = 'settings-bench';
