// The settings page itself, served by the API server so its requests are same-origin:
// the browser then exposes their Server-Timing without a Timing-Allow-Origin header.
// Static HTML and plain DOM JS: it renders the list, and for a lazy variant asks
// /max-cpus only when the user clicks (the article's wave 1).
import { readFileSync } from 'node:fs';
import type { FastifyInstance, RouteHandlerMethod } from 'fastify';
import type { Variant } from './types.ts';

const template = readFileSync(new URL('./ui/settings-page.html', import.meta.url), 'utf8');

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (char) => `&#${char.charCodeAt(0)};`);
}

// `/?project=<code>` and `/projects/<code>` serve the same page; its script reads the code.
export function registerSettingsUi(app: FastifyInstance, variant: Variant): void {
  // Filled once: a server runs one variant for its whole life.
  const html = template
    .replace('{{variant}}', escapeHtml(variant.name))
    .replace('{{summary}}', escapeHtml(variant.summary));
  const sendPage: RouteHandlerMethod = (_request, reply) => reply.type('text/html; charset=utf-8').send(html);
  app.get('/', sendPage);
  app.get('/projects/:code', sendPage);
}
