// Database URLs carry a password; these are the only ways they are made, built and shown.
import { randomBytes } from 'node:crypto';

export type UrlParts = {
  readonly user: string;
  readonly password: string;
  readonly host: string;
  readonly port: number;
  readonly database: string;
};

// base64url: safe in URLs and inside the SQL string literals of init files.
export function newPassword(): string {
  return randomBytes(18).toString('base64url');
}

export function mysqlUrl(parts: UrlParts): string {
  const user = encodeURIComponent(parts.user);
  const password = encodeURIComponent(parts.password);
  return `mysql://${user}:${password}@${parts.host}:${parts.port}/${encodeURIComponent(parts.database)}`;
}

// For log lines: the same URL with the password dropped.
export function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = '';
    return parsed.toString();
  } catch {
    return 'mysql://(unparsable url)';
  }
}

// Driver errors do not normally echo the password, but a message must never depend on it.
export function redact(text: string, url: string): string {
  let password: string;
  try {
    password = new URL(url).password;
  } catch {
    return text;
  }
  if (password === '') return text;
  return text.replaceAll(password, '***').replaceAll(decoded(password), '***');
}

function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
