// A small XML well-formedness check for the SVG charts, so tests need no parser package:
// one root element, balanced and well-named tags, quoted unique attributes, escaped text.
const entity = /&(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g;
const name = /^[A-Za-z_][\w:.-]*$/;
const attribute = /\s+([A-Za-z_:][\w:.-]*)="([^"<]*)"/g;

function unescapedAmpersand(text: string): boolean {
  return text.replace(entity, '').includes('&');
}

export function xmlProblems(xml: string): string[] {
  const problems: string[] = [];
  const open: string[] = [];
  let roots = 0;
  let position = 0;
  for (const match of xml.matchAll(/<[^>]*>/g)) {
    const text = xml.slice(position, match.index);
    position = match.index + match[0].length;
    if (unescapedAmpersand(text)) problems.push(`unescaped & in text near ${JSON.stringify(text.slice(0, 40))}`);
    if (open.length === 0 && text.trim() !== '') problems.push(`text outside the root: ${JSON.stringify(text.slice(0, 40))}`);
    const tag = match[0];
    if (tag.startsWith('</')) {
      const closing = tag.slice(2, -1).trim();
      const expected = open.pop();
      if (closing !== expected) problems.push(`</${closing}> closes <${expected ?? 'nothing'}>`);
      continue;
    }
    const selfClosing = tag.endsWith('/>');
    const body = tag.slice(1, selfClosing ? -2 : -1);
    const tagName = body.split(/\s/, 1)[0] ?? '';
    if (!name.test(tagName)) problems.push(`bad tag name in ${tag}`);
    const rest = body.slice(tagName.length);
    const seen = new Set<string>();
    for (const [, key = '', value = ''] of rest.matchAll(attribute)) {
      if (seen.has(key)) problems.push(`duplicate attribute ${key} in <${tagName}>`);
      seen.add(key);
      if (unescapedAmpersand(value)) problems.push(`unescaped & in attribute ${key}`);
    }
    if (rest.replace(attribute, '').trim() !== '') problems.push(`malformed attributes in ${tag.slice(0, 80)}`);
    if (open.length === 0) roots++;
    if (!selfClosing) open.push(tagName);
  }
  if (xml.slice(position).trim() !== '') problems.push('text after the root');
  if (open.length > 0) problems.push(`unclosed: ${open.join(', ')}`);
  if (roots !== 1) problems.push(`${roots} root elements`);
  return problems;
}
