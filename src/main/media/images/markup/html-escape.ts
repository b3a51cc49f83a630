const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#x27;',
}

/** Escapes text for element content and quoted attribute values (the same five characters as Django). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char)
}

export type Attribute = readonly [name: string, value: string | number | null | undefined]

/** ` name="value"` for each attribute with a value; null and undefined are left out. */
export function attributes(list: readonly Attribute[]): string {
  return list
    .filter((attribute): attribute is readonly [string, string | number] => attribute[1] != null)
    .map(([name, value]) => ` ${name}="${escapeHtml(String(value))}"`)
    .join('')
}
