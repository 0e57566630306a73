// The data tables in load order and the columns each generated file holds, in file
// order. SQL built from these names is safe: they come from this fixed list only.
export const dataTables = {
  projects: ['id', 'code', 'name'],
  project_groups: ['project_id', 'gid', 'name'],
  profile_settings: ['id', 'name', 'tag_indexes', 'interval', 'status', 'profile_machines', 'thread_settings'],
  cpu_samples: ['project_id', 'gid', 'sampled_at', 'cpu_percent'],
} as const;

export type TableName = keyof typeof dataTables;

export const tableNames = Object.keys(dataTables) as readonly TableName[];

export function fileNameOf(table: TableName): string {
  return `${table}.tsv`;
}

// `interval` is a reserved word, so every identifier is quoted the same way.
export function columnList(table: TableName): string {
  return dataTables[table].map((column) => `\`${column}\``).join(', ');
}
