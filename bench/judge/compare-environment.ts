// Two runs are only comparable when they measured the same thing: same data, same
// database, same parameters, and (for absolute timings) the same kind of machine.
// Each differing field is listed so the reader sees why a comparison was refused.
import type { Report } from '../report/schema.ts';

export type EnvironmentMismatch = {
  readonly field: string;
  readonly base: string;
  readonly next: string;
};

function nodeMajor(version: string): string {
  return /^v?(\d+)/.exec(version)?.[1] ?? version;
}

const checkedFields: readonly (readonly [string, (report: Report) => unknown])[] = [
  ['schemaVersion', (r) => r.schemaVersion],
  ['database.server', (r) => r.environment.database.server],
  ['database.provider', (r) => r.environment.database.provider],
  ['cpu.model', (r) => r.environment.cpu.model],
  ['cpu.cores', (r) => r.environment.cpu.cores],
  ['servers', (r) => r.environment.servers],
  ['seed.value', (r) => r.environment.seed.value],
  ['seed.fingerprint', (r) => r.environment.seed.fingerprint],
  ['seed.projectSizes', (r) => r.environment.seed.projectSizes],
  ['seed.samplesPerGid', (r) => r.environment.seed.samplesPerGid],
  ['node major version', (r) => nodeMajor(r.environment.node)],
  ['parameters.injectedLatenciesMs', (r) => r.parameters.injectedLatenciesMs],
  ['parameters.chunkSize', (r) => r.parameters.chunkSize],
  ['parameters.maxGidsPerRequest', (r) => r.parameters.maxGidsPerRequest],
];

export function environmentMismatches(base: Report, next: Report): EnvironmentMismatch[] {
  return checkedFields.flatMap(([field, read]) => {
    const before = JSON.stringify(read(base));
    const after = JSON.stringify(read(next));
    return before === after ? [] : [{ field, base: before, next: after }];
  });
}
