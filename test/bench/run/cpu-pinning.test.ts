import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePinning, pinProcessGroup } from '../../../bench/run/cpu-pinning.ts';

describe('parsePinning', () => {
  it('reads <harness CPUs>:<target CPUs>, and nothing as no pinning', () => {
    expect(parsePinning('0:1')).toEqual({ harness: '0', targets: '1' });
    expect(parsePinning('0:1-3')).toEqual({ harness: '0', targets: '1-3' });
    expect(parsePinning('')).toBeNull();
    expect(() => parsePinning('one')).toThrow('--pin-cpus one: expected <harness CPUs>:<target CPUs>, e.g. 0:1');
  });
});

describe('pinProcessGroup', () => {
  it('pins every process of a group, as a target server is started', async () => {
    // A shell that starts a child of its own: both are in the group the shell leads.
    const leader = spawn('sh', ['-c', 'sleep 30 & wait'], { detached: true, stdio: 'ignore' });
    try {
      await new Promise((resolve) => setTimeout(resolve, 200));
      const pid = leader.pid ?? 0;
      await pinProcessGroup(pid, '0');
      expect(readFileSync(`/proc/${pid}/status`, 'utf8')).toMatch(/^Cpus_allowed_list:\s+0$/m);
    } finally {
      process.kill(-(leader.pid ?? 0), 'SIGKILL');
    }
  });
});
