// Error text for one-line messages. Node's network errors can have an empty message
// (an AggregateError from trying IPv4 and IPv6), so fall back to their code.
export function oneLine(error: unknown): string {
  if (!(error instanceof Error)) return (String(error).split('\n')[0] ?? '').trim();
  const code = (error as { code?: unknown }).code;
  const text = error.message !== '' ? error.message : typeof code === 'string' ? code : error.name;
  return (text.split('\n')[0] ?? text).trim();
}
