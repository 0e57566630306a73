// Builds SVG markup as plain strings. Coordinates are rounded to 0.1 px so the same
// figures always give the same bytes, whatever floating-point noise came before.
export type Attributes = Readonly<Record<string, string | number>>;

export function escapeXml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function attributeValue(value: string | number): string {
  return typeof value === 'number' ? String(Math.round(value * 10) / 10) : escapeXml(value);
}

// Children are markup already; use `escapeXml` for text content.
export function element(name: string, attributes: Attributes, ...children: string[]): string {
  const attrs = Object.entries(attributes)
    .map(([key, value]) => ` ${key}="${attributeValue(value)}"`)
    .join('');
  if (children.length === 0) return `<${name}${attrs}/>`;
  return `<${name}${attrs}>${children.join('')}</${name}>`;
}

export function label(x: number, y: number, content: string, attributes: Attributes = {}): string {
  return element('text', { x, y, ...attributes }, escapeXml(content));
}

export function document(width: number, height: number, title: string, body: readonly string[]): string {
  const root = element(
    'svg',
    {
      xmlns: 'http://www.w3.org/2000/svg',
      width,
      height,
      viewBox: `0 0 ${width} ${height}`,
      role: 'img',
      'font-family': 'Helvetica, Arial, sans-serif',
      'font-size': 14,
    },
    element('title', {}, escapeXml(title)),
    // White, not transparent: a chart must stay readable on a dark page or projector theme.
    element('rect', { width, height, fill: '#ffffff' }),
    ...body.map((part) => `\n${part}`),
    '\n',
  );
  return `${root}\n`;
}
