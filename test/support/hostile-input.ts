// Hostile strings in a project code and in a gid list, sent to any target: each is refused
// with a JSON 400/404, the data stays exactly as it was, and the server still answers.
import { expect } from 'vitest';
import type { Connection } from 'mysql2/promise';
import { tableChecksums } from './database.ts';
import { getJson } from './http.ts';

const injections = [
  "x' OR '1'='1",
  "'; DROP TABLE profile_settings; --",
  '1; DELETE FROM cpu_samples',
  '../../etc/passwd',
  'x%00y',
  'ÄÖÜ-ünïcödé',
];

export async function expectHostileInputRefused(url: string, projectCode: string, admin: Connection): Promise<void> {
  const before = await tableChecksums(admin);
  for (const hostile of injections) {
    const encoded = encodeURIComponent(hostile);
    const onCode = await getJson(url, `/api/projects/${encoded}/settings`);
    expect([400, 404], hostile).toContain(onCode.status);
    expect(onCode.body).toHaveProperty('error');
    const onGids = await getJson(url, `/api/projects/${projectCode}/max-cpus?gids=${encoded}`);
    expect(onGids.status, hostile).toBe(400);
  }
  const malformedUrl = await getJson(url, '/api/projects/%E0%A4%A/settings');
  expect(malformedUrl.status).toBe(400);
  expect(malformedUrl.body).toMatchObject({ error: 'bad_request' });

  expect(await tableChecksums(admin)).toEqual(before);
  expect((await getJson(url, `/api/projects/${projectCode}/settings`)).status).toBe(200);
}
