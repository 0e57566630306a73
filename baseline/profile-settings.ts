import { timedQuery } from '../lib/db.ts';
import { profileSettingsColumns, settingsName, toProfileSettings } from '../lib/settings-row.ts';
import type { ProfileSettingsRow } from '../lib/settings-row.ts';
import type { GetGroupProfileSettings, Gid, ProfileSettings } from '../lib/types.ts';

// The article's utils.py:get_group_profile_settings: one query per gid (N + 1).
// The unique index on name makes each query fast; their number is what costs.
export const getGroupProfileSettings: GetGroupProfileSettings = async (db, projectCode, gids) => {
  const profileSettings = new Map<Gid, ProfileSettings>();
  for (const gid of gids) {
    const rows = await timedQuery<ProfileSettingsRow>(
      db.pool,
      `SELECT ${profileSettingsColumns} FROM profile_settings WHERE name = ? LIMIT 1`,
      [settingsName(projectCode, gid)],
    );
    const result = rows[0];
    if (result === undefined) continue;
    profileSettings.set(gid, toProfileSettings(result));
  }
  return profileSettings;
};
