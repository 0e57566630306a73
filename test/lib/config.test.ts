import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../lib/config.ts';

describe('parseConfig', () => {
  it('uses defaults, then environment, then flags', () => {
    const fromDefaults = parseConfig([], {});
    expect(fromDefaults).toMatchObject({ kind: 'config', config: { host: '127.0.0.1', port: 0, poolSize: 10 } });
    const fromEnv = parseConfig([], { POOL_SIZE: '4' });
    expect(fromEnv).toMatchObject({ config: { poolSize: 4 } });
    const fromFlag = parseConfig(['--pool-size', '7'], { POOL_SIZE: '4' });
    expect(fromFlag).toMatchObject({ config: { poolSize: 7 } });
  });

  it('parses project sizes into numbers', () => {
    expect(parseConfig(['--project-sizes', '5,6'], {})).toMatchObject({ config: { projectSizes: [5, 6] } });
  });

  it('rejects bad values with one line naming the flag and the variable', () => {
    const result = parseConfig(['--port', 'http'], {});
    expect(result.kind).toBe('error');
    if (result.kind === 'error') expect(result.message).toMatch(/^--port \/ PORT = "http": /);
  });

  it('rejects unknown flags', () => {
    expect(parseConfig(['--nope', '1'], {}).kind).toBe('error');
  });

  it('never echoes a bad MYSQL_URL, which may hold a password', () => {
    const result = parseConfig([], { MYSQL_URL: 'postgres://u:hunter2@h/db' });
    expect(result.kind).toBe('error');
    if (result.kind === 'error') expect(result.message).not.toContain('hunter2');
  });

  it('prints every option with its default in --help', () => {
    const result = parseConfig(['--help'], {});
    expect(result.kind).toBe('help');
    if (result.kind === 'help') {
      expect(result.text).toContain('--pool-size <value>   POOL_SIZE   (default: 10)');
      expect(result.text).toContain('MYSQL_URL   (default: unset)');
    }
  });
});
