/** `{{ name }}` in a template: letters, digits, spaces, _ and -; the name is trimmed. */
const VARIABLE = /\{\{\s*([\p{L}\p{N}_ -]{1,40}?)\s*\}\}/gu;

/** The template's variables, each once, in order of first use. */
export function templateVariables(text: string): string[] {
  return [...new Set([...text.matchAll(VARIABLE)].map((m) => m[1]!))];
}

/** The template with each variable replaced by its value (a variable without a value is left as written). */
export function fillTemplate(text: string, values: Record<string, string>): string {
  return text.replace(VARIABLE, (whole, name: string) => (values[name] !== undefined && values[name] !== '' ? values[name]! : whole));
}
