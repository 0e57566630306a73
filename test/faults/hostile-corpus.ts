// Hostile requests, as data: what each one sends and which answers are acceptable.
// test/faults/hostile-input.test.ts sends every one to every variant under test, byte for
// byte over a raw socket (so NUL bytes, raw UTF-8 and broken encodings reach the server
// exactly as written), then checks the data and the server's health.
// test/api/bad-input.test.ts keeps the small, readable corpus; this one is the long tail.
//
// Acceptable answers:
//   reject     400 or 404 with a JSON body: bad input, or nothing at that address.
//   oversized  431 with a JSON body: a request head over Node's 16 KiB limit
//              (--max-http-header-size) is refused by the HTTP parser before any route
//              runs; Fastify's client-error handler answers it in JSON. Node has no 414:
//              the URL counts towards the same limit.
//   ignored    200, and exactly the body the clean request gets: the hostile part sits
//              where the route does not look (an unknown query parameter).
// Never: a 5xx, a non-JSON body, a stack trace or a file path, a header the request put there.
// Requests the HTTP parser itself refuses (a raw NUL or UTF-8 byte, an invented method,
// a negative Content-Length) get Fastify's JSON shape {"error":"Bad Request",...}; all
// others get the API's {"error":"bad_request"|"not_found",...}.
//
// Placeholders, filled per run: {code} a seeded project's code, {gid} one of its gids.

export type Expect = 'reject' | 'oversized' | 'ignored';

export type HostileCase = {
  readonly name: string;
  readonly method?: string;
  // The request-target exactly as sent (not encoded for you).
  readonly target: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly expect: Expect;
  // For `ignored`: the clean request whose body must come back unchanged.
  readonly same?: string;
};

const settings = (code: string): string => `/api/projects/${code}/settings`;
const maxCpus = (gids: string, code = '{code}'): string => `/api/projects/${code}/max-cpus?gids=${gids}`;
const enc = encodeURIComponent;

// Aimed at a string spliced into SQL; every one must die in validation.
export const sqlInjections = [
  "' OR 1=1 -- ",
  "admin'--",
  "1' UNION SELECT name, thread_settings FROM profile_settings -- ",
  '1 UNION SELECT 1,2,3',
  '1) OR (1=1',
  '1,2) OR (1=1',
  "' OR SLEEP(5)#",
  '1 AND SLEEP(5)',
  "\\' OR 1=1 /*",
  "'; SHUTDOWN; --",
  "'; UPDATE profile_settings SET status = 'x'; --",
  '1; TRUNCATE cpu_samples',
  "1' AND (SELECT COUNT(*) FROM projects) > 0 AND '1'='1",
  '1 OR 1=1',
  "CHAR(39)||CHAR(39)",
  '0x31',
  '1e3',
  '+1',
  ' 1',
  '1 ',
  '1\t2',
  '${jndi:ldap://127.0.0.1/x}',
  '{{7*7}}',
  '<script>alert(1)</script>',
  '{"$gt":""}',
];

const traversals = [
  '..%2f..%2fetc%2fpasswd',
  '..%252f..%252fetc%252fpasswd',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '%252e%252e%252f%252e%252e%252fetc%252fpasswd',
  '..%5c..%5cwindows%5cwin.ini',
  '..%c0%af..%c0%afetc%c0%afpasswd',
  '%2e%2e',
  '.',
  '..',
  '{code}%2f..%2f..%2fhealth',
];

// Gids that look like numbers to a human, or to a lax parser.
const unicodeGids = [
  '😀', '1,😀', '１２３', '٣', '۳', '¹', '𝟙', '1️⃣', 'Ⅻ', '1\u200b', '\u200b1', '1\u00a0', '\u202e1', 'ä', '१',
];

const unicodeCodes = ['ÄÖÜ-ünïcödé', 'chéckout-api', 'ｃｈｅｃｋｏｕｔ', '😀', '\u202eipa-tuokcehc', 'CHECKOUT-API', 'checkout_api', '-checkout', ' checkout'];

const hugeGids = (count: number): string => Array.from({ length: count }, (_, index) => index + 1).join(',');

export const hostileCorpus: readonly HostileCase[] = [
  // SQL injection, in each place a request can carry text.
  ...sqlInjections.flatMap((text): HostileCase[] => [
    { name: `sql in code (settings): ${text}`, target: settings(enc(text)), expect: 'reject' },
    { name: `sql in code (max-cpus): ${text}`, target: maxCpus('{gid}', enc(text)), expect: 'reject' },
    { name: `sql in gids: ${text}`, target: maxCpus(enc(text)), expect: 'reject' },
    { name: `sql after a valid gid: ${text}`, target: maxCpus(`{gid},${enc(text)}`), expect: 'reject' },
  ]),

  // Path traversal, encoded, double-encoded, overlong UTF-8, backslashes, and raw.
  ...traversals.flatMap((path): HostileCase[] => [
    { name: `traversal as code (settings): ${path}`, target: settings(path), expect: 'reject' },
    { name: `traversal as code (max-cpus): ${path}`, target: maxCpus('{gid}', path), expect: 'reject' },
    { name: `traversal in gids: ${path}`, target: maxCpus(path), expect: 'reject' },
  ]),
  { name: 'raw ../ inside the API path', target: '/api/projects/../../etc/passwd/settings', expect: 'reject' },
  { name: 'raw ../ from the root', target: '/../../../../etc/passwd', expect: 'reject' },
  { name: 'raw ../ after a valid route', target: '/api/projects/{code}/settings/../../../../etc/passwd', expect: 'reject' },
  { name: 'encoded ../ from the root', target: '/%2e%2e/%2e%2e/etc/passwd', expect: 'reject' },
  { name: 'doubled dots and slashes', target: '/api/projects/....//....//etc/passwd/settings', expect: 'reject' },
  { name: 'backslashes', target: '/api\\projects\\{code}\\settings', expect: 'reject' },
  { name: 'source file', target: '/lib/server.ts', expect: 'reject' },
  { name: 'dotfile', target: '/.env', expect: 'reject' },
  { name: 'git config', target: '/.git/config', expect: 'reject' },
  { name: 'node_modules', target: '/node_modules/fastify/package.json', expect: 'reject' },

  // Sizes: just over the documented gid limit, far over it, and over the parser's limit.
  { name: '2001 gids (limit 2000), 9 KB', target: maxCpus(hugeGids(2001)), expect: 'reject' },
  { name: '7,500 gids in a 15 KB query (under the head limit)', target: maxCpus('1,'.repeat(7_499) + '1'), expect: 'reject' },
  { name: '100 KB query string', target: maxCpus('1,'.repeat(51_200)), expect: 'oversized' },
  { name: '100,000 gids (590 KB)', target: maxCpus(hugeGids(100_000)), expect: 'oversized' },
  { name: 'a gid of 1000 digits', target: maxCpus('9'.repeat(1000)), expect: 'reject' },
  { name: 'gid one past 2^32 - 1', target: maxCpus('4294967296'), expect: 'reject' },
  { name: 'gid 2^32 - 1 (valid, not in the project)', target: maxCpus('4294967295'), expect: 'reject' },
  { name: 'a valid gid with 11 digits of zero padding', target: maxCpus('00000000001'), expect: 'reject' },
  { name: '2000 commas', target: maxCpus(','.repeat(2000)), expect: 'reject' },
  { name: 'code of 65 characters (limit 64)', target: settings('a'.repeat(65)), expect: 'reject' },
  { name: 'code of 101 characters (over the router\'s 100-character limit)', target: settings('a'.repeat(101)), expect: 'reject' },
  { name: 'code of 10,000 characters', target: settings('a'.repeat(10_000)), expect: 'reject' },
  { name: 'code of 20,000 characters', target: settings('a'.repeat(20_000)), expect: 'oversized' },
  { name: 'a 20 KB cookie', target: settings('{code}'), headers: { Cookie: `a=${'b'.repeat(20_000)}` }, expect: 'oversized' },
  { name: '300 headers', target: maxCpus('x'), headers: Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`x-h${i}`, 'v'])), expect: 'reject' },
  { name: '3000 headers (over the 16 KiB head)', target: maxCpus('x'), headers: Object.fromEntries(Array.from({ length: 3000 }, (_, i) => [`x-h${i}`, 'v'])), expect: 'oversized' },

  // Unicode and emoji, percent-encoded and as raw UTF-8 bytes in the request line.
  ...unicodeGids.map((gid): HostileCase => ({ name: `unicode gid ${JSON.stringify(gid)}`, target: maxCpus(enc(gid)), expect: 'reject' })),
  ...unicodeCodes.map((code): HostileCase => ({ name: `unicode code ${JSON.stringify(code)}`, target: settings(enc(code)), expect: 'reject' })),
  { name: 'raw UTF-8 emoji gid', target: maxCpus('😀'), expect: 'reject' },
  { name: 'raw UTF-8 code', target: settings('chéckout'), expect: 'reject' },

  // NUL, percent-encoded and raw.
  { name: 'NUL in code', target: settings('{code}%00'), expect: 'reject' },
  { name: 'NUL before code', target: settings('%00{code}'), expect: 'reject' },
  { name: 'NUL in gids', target: maxCpus('{gid}%00'), expect: 'reject' },
  { name: 'NUL between gids', target: maxCpus('1%002'), expect: 'reject' },
  { name: 'double-encoded NUL', target: maxCpus('%2500'), expect: 'reject' },
  { name: 'raw NUL byte in the request line', target: settings('{code}\0'), expect: 'reject' },
  { name: 'raw NUL byte in a header', target: settings('{code}'), headers: { 'X-Test': 'a\0b' }, expect: 'reject' },
  { name: 'CR LF injection in the path', target: '/health%0d%0aSet-Cookie:%20x=1', expect: 'reject' },

  // Malformed percent-encoding, in the path and in the query.
  ...['%E0%A4%A', '%', '%Z', '%ZZ', '%C0%80', '%ED%A0%80', '%FF', '%%', '{code}%'].map(
    (code): HostileCase => ({ name: `malformed escape in code: ${code}`, target: settings(code), expect: 'reject' }),
  ),
  ...['%', '%ZZ', '1%2', '%E0%A4%A', '%FF', '%C0%AF', '1%2C'].map(
    (gids): HostileCase => ({ name: `malformed escape in gids: ${gids}`, target: maxCpus(gids), expect: 'reject' }),
  ),
  { name: 'malformed escape in the parameter name', target: '/api/projects/{code}/max-cpus?gids%=1', expect: 'reject' },
  { name: 'only escapes', target: '/api/projects/{code}/max-cpus?%=%', expect: 'reject' },

  // Query strings of odd shape and repeated parameters (plain `gids=1&gids=2` is in test/api).
  { name: 'gids without a value', target: '/api/projects/{code}/max-cpus?gids', expect: 'reject' },
  { name: 'value without a name', target: '/api/projects/{code}/max-cpus?=1', expect: 'reject' },
  { name: 'only ampersands', target: '/api/projects/{code}/max-cpus?&&&', expect: 'reject' },
  { name: 'the same gid twice as a parameter', target: '/api/projects/{code}/max-cpus?gids={gid}&gids={gid}', expect: 'reject' },
  { name: 'a gid, then an empty repeat', target: '/api/projects/{code}/max-cpus?gids={gid}&gids=', expect: 'reject' },
  { name: '100 repeats of gids', target: `/api/projects/{code}/max-cpus?${'gids={gid}&'.repeat(100)}`, expect: 'reject' },
  { name: 'array syntax gids[]', target: '/api/projects/{code}/max-cpus?gids[]={gid}', expect: 'reject' },
  { name: 'indexed syntax gids[0]', target: '/api/projects/{code}/max-cpus?gids[0]={gid}&gids[1]={gid}', expect: 'reject' },
  { name: 'object syntax gids[a]', target: '/api/projects/{code}/max-cpus?gids[a]={gid}', expect: 'reject' },
  { name: 'semicolon as separator', target: '/api/projects/{code}/max-cpus?gids={gid};gids=2', expect: 'reject' },
  { name: 'fragment in the target', target: '/api/projects/{code}/max-cpus?gids=abc#{gid}', expect: 'reject' },
  { name: 'query on the settings route with injection (ignored)', target: `/api/projects/{code}/max-cpus?gids={gid}&code=${enc("' OR 1=1 --")}`, expect: 'ignored', same: maxCpus('{gid}') },
  { name: 'differently cased GIDS (ignored)', target: '/api/projects/{code}/max-cpus?gids={gid}&GIDS=abc', expect: 'ignored', same: maxCpus('{gid}') },
  { name: '__proto__ parameter (ignored)', target: '/api/projects/{code}/max-cpus?__proto__[gids]=1&gids={gid}', expect: 'ignored', same: maxCpus('{gid}') },
  { name: 'constructor.prototype parameter (ignored)', target: '/api/projects/{code}/max-cpus?constructor[prototype][x]=1&gids={gid}', expect: 'ignored', same: maxCpus('{gid}') },
  { name: '/health with a hostile query (ignored)', target: `/health?x=${enc("'; DROP TABLE projects; --")}`, expect: 'ignored', same: '/health' },

  // Methods and bodies: only GET (and HEAD, which Fastify derives from it) has a route.
  ...['POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'].flatMap((method): HostileCase[] => [
    { name: `${method} settings`, method, target: settings('{code}'), expect: 'reject' },
    { name: `${method} max-cpus`, method, target: maxCpus('{gid}'), expect: 'reject' },
    { name: `${method} health`, method, target: '/health', expect: 'reject' },
  ]),
  { name: 'TRACE health', method: 'TRACE', target: '/health', expect: 'reject' },
  { name: 'PROPFIND settings', method: 'PROPFIND', target: settings('{code}'), expect: 'reject' },
  { name: 'an invented method', method: 'FOO', target: '/health', expect: 'reject' },
  { name: 'HEAD of an unknown route', method: 'HEAD', target: '/api/nothing', expect: 'reject' },
  { name: 'HEAD with malformed gids', method: 'HEAD', target: maxCpus('abc'), expect: 'reject' },
  { name: 'asterisk-form target', method: 'OPTIONS', target: '*', expect: 'reject' },
  { name: 'absolute-form target', target: 'http://example.com/api/projects/x%27/settings', expect: 'reject' },
  {
    name: 'POST a JSON gid list', method: 'POST', target: '/api/projects/{code}/max-cpus',
    headers: { 'Content-Type': 'application/json' }, body: '{"gids":[{gid}]}', expect: 'reject',
  },
  {
    name: 'POST JSON with __proto__', method: 'POST', target: settings('{code}'),
    headers: { 'Content-Type': 'application/json' }, body: '{"__proto__":{"admin":true},"constructor":{"prototype":{"x":1}}}', expect: 'reject',
  },
  {
    name: 'POST malformed JSON', method: 'POST', target: settings('{code}'),
    headers: { 'Content-Type': 'application/json' }, body: '{"gids": [1, 2', expect: 'reject',
  },
  {
    name: 'DELETE with a JSON body', method: 'DELETE', target: settings('{code}'),
    headers: { 'Content-Type': 'application/json' }, body: '{"confirm":true}', expect: 'reject',
  },
  {
    name: 'POST 200 KB of JSON', method: 'POST', target: maxCpus('{gid}'),
    headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ gids: Array.from({ length: 30_000 }, (_, i) => i) }), expect: 'reject',
  },
  {
    name: 'GET with a JSON body and malformed gids', target: maxCpus('abc'),
    headers: { 'Content-Type': 'application/json' }, body: '{"gids":[1]}', expect: 'reject',
  },
  {
    name: 'a body length that lies', method: 'POST', target: settings('{code}'),
    headers: { 'Content-Type': 'application/json', 'Content-Length': '-1' }, body: '{}', expect: 'reject',
  },

  // Addresses near the real ones.
  { name: 'the API root', target: '/api', expect: 'reject' },
  { name: 'the projects list', target: '/api/projects', expect: 'reject' },
  { name: 'a project without a page', target: '/api/projects/{code}', expect: 'reject' },
  { name: 'trailing slash', target: `${settings('{code}')}/`, expect: 'reject' },
  { name: 'upper-case API', target: '/API/projects/{code}/settings', expect: 'reject' },
  { name: 'duplicate slashes', target: '//api/projects/{code}/settings', expect: 'reject' },
  { name: 'extension', target: `${settings('{code}')}.json`, expect: 'reject' },
  { name: 'a gid as a path segment', target: '/api/projects/{code}/max-cpus/{gid}', expect: 'reject' },
  { name: 'health with a trailing slash', target: '/health/', expect: 'reject' },
  { name: 'empty code', target: settings(''), expect: 'reject' },
];
