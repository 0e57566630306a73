// Every process's /proc/<pid>/stat, parsed: its parent, its process group and the CPU
// time it and its reaped children used (utime + stime + cutime + cstime, in clock ticks).
import { readdir, readFile } from 'node:fs/promises';

export type ProcStat = { readonly pid: number; readonly parent: number; readonly group: number; readonly ticks: number };

// Fields after the command name, which may itself hold spaces and parentheses.
function parseStat(pid: number, text: string): ProcStat | undefined {
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const parent = Number(fields[1]);
  const group = Number(fields[2]);
  const ticks = [11, 12, 13, 14].reduce((sum, index) => sum + Number(fields[index] ?? NaN), 0);
  return [parent, group, ticks].every(Number.isFinite) ? { pid, parent, group, ticks } : undefined;
}

// Processes that exit while being read are left out.
export async function processTable(): Promise<ProcStat[]> {
  const pids = (await readdir('/proc').catch(() => [])).filter((name) => /^\d+$/.test(name)).map(Number);
  const stats = await Promise.all(pids.map(async (pid) => parseStat(pid, await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => ''))));
  return stats.filter((stat): stat is ProcStat => stat !== undefined);
}
