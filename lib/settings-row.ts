import type { RowDataPacket } from 'mysql2/promise';
import type { Json, ProfileSettings } from './types.ts';

export type ProfileSettingsRow = RowDataPacket & {
  name: string;
  tag_indexes: Json | string;
  interval: number;
  status: string;
  profile_machines: Json | string;
  thread_settings: Json | string;
};

export const profileSettingsColumns = 'name, tag_indexes, `interval`, status, profile_machines, thread_settings';

// MySQL returns JSON columns parsed; MariaDB stores JSON as text and returns a string.
function json(value: Json | string): Json {
  return typeof value === 'string' ? (JSON.parse(value) as Json) : value;
}

export function toProfileSettings(row: ProfileSettingsRow): ProfileSettings {
  return {
    tagIndexes: json(row.tag_indexes),
    interval: row.interval,
    status: row.status,
    profileMachines: json(row.profile_machines),
    threadSettings: json(row.thread_settings),
  };
}

export function settingsName(projectCode: string, gid: number): string {
  return `${projectCode}:${gid}`;
}

// The article's `result['name'].split(':')[1]`.
export function gidOfSettingsName(name: string): number {
  return Number(name.slice(name.lastIndexOf(':') + 1));
}
