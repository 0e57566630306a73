import type { RowDataPacket } from 'mysql2/promise';
import type { Json, ProfileSettings } from './types.ts';

// JSON columns arrive as text (lib/db.ts sets jsonStrings), NULL as null.
export type ProfileSettingsRow = RowDataPacket & {
  name: string;
  tag_indexes: string | null;
  interval: number;
  status: string;
  profile_machines: string;
  thread_settings: string;
};

export const profileSettingsColumns = 'name, tag_indexes, `interval`, status, profile_machines, thread_settings';

// Parsed exactly once: guessing from the value ("a string must still be JSON text")
// would parse the JSON string "x" a second time, which fails, and turn "123" into 123.
function json(column: string, value: string | null): Json {
  if (value === null) return null;
  if (typeof value !== 'string') {
    throw new Error(`profile_settings.${column} arrived parsed; open connections with lib/db.ts connectionOptions (jsonStrings)`);
  }
  return JSON.parse(value) as Json;
}

export function toProfileSettings(row: ProfileSettingsRow): ProfileSettings {
  return {
    tagIndexes: json('tag_indexes', row.tag_indexes),
    interval: row.interval,
    status: row.status,
    profileMachines: json('profile_machines', row.profile_machines),
    threadSettings: json('thread_settings', row.thread_settings),
  };
}

export function settingsName(projectCode: string, gid: number): string {
  return `${projectCode}:${gid}`;
}

// The article's `result['name'].split(':')[1]`.
export function gidOfSettingsName(name: string): number {
  return Number(name.slice(name.lastIndexOf(':') + 1));
}
