import { chunks } from '../lib/chunks.ts';
import { timedQuery } from '../lib/db.ts';
import { gidOfSettingsName, profileSettingsColumns, settingsName, toProfileSettings } from '../lib/settings-row.ts';
import type { ProfileSettingsRow } from '../lib/settings-row.ts';
import type { GetGroupProfileSettings, Gid, ProfileSettings } from '../lib/types.ts';

// Wave 2: one batched IN (...) query instead of one query per gid. Very large projects
// are split into chunks so a statement stays within the server's packet limit.
export const getGroupProfileSettings: GetGroupProfileSettings = async (db, projectCode, gids) => {
  const profileSettings = new Map<Gid, ProfileSettings>();
  for (const part of chunks(gids, db.chunkSize)) {
    const rows = await timedQuery<ProfileSettingsRow>(
      db.pool,
      `SELECT ${profileSettingsColumns} FROM profile_settings WHERE name IN (?)`,
      [part.map((gid) => settingsName(projectCode, gid))],
    );
    for (const result of rows) {
      profileSettings.set(gidOfSettingsName(result.name), toProfileSettings(result));
    }
  }
  return profileSettings;
};
