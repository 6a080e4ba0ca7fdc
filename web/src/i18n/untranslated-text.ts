import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * Text a person would read that the studio's source writes in English instead of going through the translator
 * (tests only): JSX text outside <code>, and string literals given to attributes people read or hear (aria-label, title, alt,
 * placeholder, label). Brand and format names are no translation's business.
 */

const READ_ATTRIBUTES = new Set(['aria-label', 'aria-description', 'aria-valuetext', 'title', 'alt', 'placeholder', 'label']);

/** Words that stay as they are in every language: names of products, formats, units and keys of the keyboard. */
const UNTRANSLATED = /^(Atelier|Seedream|ComfyUI|OpenAI|Automatic1111|Stripe|PNG|JPEG|WebP|GIF|ZIP|CSV|JSONL?|API|URL|SSO|OIDC|MFA|TOTP|XMP|IP|ID|px|MiB|GiB|KiB|MB|GB|KB|[0-9]+[KkMx×]?|[A-Z]{1,4}|Cookies?|Webhooks?|Mac|AI|PIN|https|Ctrl|Shift|Enter|Esc|Alt|Tab|English|中文)$/;

export interface UntranslatedText {
  file: string;
  line: number;
  text: string;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.tsx') && !entry.name.endsWith('.test.tsx') ? [full] : [];
  });
}

/** A message key handed to a component that translates it (label="admin.audit"), or an example address. */
const NOT_PROSE = /^([a-z][A-Za-z]*\.)+[A-Za-z.]+$|^https?:\/\//;

/** True when `text` holds a word of English that is not a brand, format or unit. */
export function readsAsEnglish(text: string): boolean {
  if (NOT_PROSE.test(text.trim())) return false;
  return (text.match(/[A-Za-z][A-Za-z0-9'’-]*/g) ?? []).some((word) => !UNTRANSLATED.test(word));
}

/** Text inside <code> or <kbd> is an identifier to type as it is (a column, an event name), in every language. */
function inCode(node: ts.JsxText, file: ts.SourceFile): boolean {
  const element = node.parent;
  return ts.isJsxElement(element) && ['code', 'kbd'].includes(element.openingElement.tagName.getText(file));
}

export function untranslatedTexts(root: string): UntranslatedText[] {
  const found: UntranslatedText[] = [];
  for (const filePath of sourceFiles(root)) {
    const file = ts.createSourceFile(filePath, fs.readFileSync(filePath, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
    const report = (node: ts.Node, text: string) => {
      if (!readsAsEnglish(text)) return;
      const line = file.getLineAndCharacterOfPosition(node.getStart()).line + 1;
      found.push({ file: path.relative(root, filePath), line, text: text.trim() });
    };
    const visit = (node: ts.Node) => {
      if (ts.isJsxText(node) && !inCode(node, file)) report(node, node.text);
      if (ts.isJsxAttribute(node) && READ_ATTRIBUTES.has(node.name.getText(file)) && node.initializer) {
        const value = node.initializer;
        if (ts.isStringLiteral(value)) report(value, value.text);
        if (ts.isJsxExpression(value) && value.expression && (ts.isStringLiteral(value.expression) || ts.isNoSubstitutionTemplateLiteral(value.expression))) {
          report(value.expression, value.expression.text);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  return found;
}
