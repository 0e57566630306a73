// The N + 1 check as a team would write it in its own suite (bench/measure/statements/expect-statements.ts):
// call the code that loads a page's data, and fail when a statement repeats. The article's
// wave 2 in one assertion: the batched settings query passes, the per-gid loop is named.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseline } from '../../baseline/index.ts';
import { closeDataAccess, openDataAccess } from '../../lib/data-access.ts';
import { findProject } from '../../lib/project.ts';
import type { DataAccess, Project } from '../../lib/types.ts';
import { optimized } from '../../optimized/index.ts';
import {
  expectNoRepeatedStatements,
  expectStatements,
  recordStatements,
  recordStatementsAtServer,
} from '../../bench/measure/statements/expect-statements.ts';
import { openAdminConnection, seededProjects, sharedMysqlUrl } from '../support/database.ts';

let db: DataAccess;
let project: Project;
let gids: number[];

beforeAll(async () => {
  const admin = await openAdminConnection();
  const largest = (await seededProjects(admin)).at(-1);
  await admin.end();
  db = openDataAccess(sharedMysqlUrl(), { poolSize: 2, settingsChunkSize: 1000, threadPoolSize: 1, dbConnectTimeout: 30_000 });
  const found = largest === undefined ? undefined : await findProject(db, largest.code);
  if (found === undefined) throw new Error('no project seeded');
  project = found;
  gids = project.groups.map((group) => group.gid);
});

afterAll(async () => {
  if (db !== undefined) await closeDataAccess(db);
});

describe('no N + 1 in the settings page (recorded in this process)', () => {
  it('wave 2: the settings of every gid in one statement', async () => {
    const { result, log } = await recordStatements(() => optimized.getGroupProfileSettings(db, project.code, gids));
    expect(result.size).toBeGreaterThan(0);
    expectNoRepeatedStatements(log);
    expectStatements(log, { select: 1, total: 1 });
  });

  it('the article\'s loop is caught, and the message names the statement and its count', async () => {
    const { log } = await recordStatements(() => baseline.getGroupProfileSettings(db, project.code, gids));
    expect(() => expectNoRepeatedStatements(log)).toThrow(
      `1 statement(s) ran more than once (N + 1?):\n  SELECT … FROM profile_settings WHERE name = ? LIMIT ? × ${gids.length}`,
    );
    expect(() => expectStatements(log, { select: 1 })).toThrow(`statements: select ${gids.length} instead of 1`);
  });
});

describe('at the database: statements of every thread and connection', () => {
  it("sees the baseline's Worker per gid, which an in-process recorder cannot", async () => {
    const inProcess = await recordStatements(() => baseline.getMaxCpus(db, project, gids.slice(0, 10)));
    expect(inProcess.log.total).toBe(0);
    const atServer = await recordStatementsAtServer(sharedMysqlUrl(), () => baseline.getMaxCpus(db, project, gids.slice(0, 10)));
    expect(() => expectNoRepeatedStatements(atServer.log)).toThrow(/SELECT MAX\(cpu_percent\) AS max_cpu FROM cpu_samples WHERE project_id = \? AND gid = \? × 10/);
  });
});
