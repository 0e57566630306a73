// What every database provider hands back, whichever way the server was obtained.
import type { ServerInfo } from './mysql-probe.ts';

export type Provider = 'url' | 'testcontainers' | 'local';

export type Database = {
  readonly provider: Provider;
  // mysql://user:pass@host:port/settings — holds a password: pass it on, never print it.
  readonly url: string;
  // An account with every privilege, on servers the harness started (tests switch server
  // settings with it); undefined for MYSQL_URL. Holds a password, like url.
  readonly adminUrl: string | undefined;
  // One printable line without the password, e.g. "local mariadbd 10.11.19 on 127.0.0.1:41234".
  readonly summary: string;
  // What the server said when it was first reached.
  readonly server: ServerInfo;
  // Safe to call more than once.
  stop(): Promise<void>;
};

// A provider that cannot run here at all (no runtime, no image, no binary): the chooser
// tries the next one. Anything that fails after that point throws instead.
export type Unavailable = { readonly unavailable: string };

export type Attempt = Database | Unavailable;

export function isUnavailable<T extends object>(value: T | Unavailable): value is Unavailable {
  return 'unavailable' in value;
}
