import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * The error messages the server's source throws, read from its syntax (tests only): every message given to
 * `new AppError(code, message)` and to the helpers that build one. A template literal's `${…}` parts become `{}`;
 * both arms of a `?:` count; a name is followed to a string constant of the same file. A message built at run time
 * from a variable cannot be read here; it is answered with its code's sentence in the other languages.
 */

/** Calls that build a catalogue error, and which argument is its message (or the noun that goes into it). */
const MESSAGE_ARGUMENT: Record<string, number> = { AppError: 1, invalid: 0, planLimit: 1, notFound: 0, invalidLink: 0 };

export interface ThrownMessage {
  template: string;
  file: string;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'test-support' ? [] : sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

function stringConstants(file: ts.SourceFile): Map<string, ts.Expression> {
  const constants = new Map<string, ts.Expression>();
  const visit = (node: ts.Node) => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) constants.set(node.name.text, node.initializer);
    ts.forEachChild(node, visit);
  };
  visit(file);
  return constants;
}

/**
 * The words a `${…}` part of a message can be when the source spells them: both arms of a `?:` and the values of a
 * constant table indexed by a key (`WHAT[limit]`). They are translated where they fill a message's `{}`.
 */
function spanWords(expr: ts.Expression, constants: Map<string, ts.Expression>): string[] {
  if (ts.isConditionalExpression(expr)) return [expr.whenTrue, expr.whenFalse].flatMap((e) => (ts.isStringLiteral(e) && /[a-z]{2}/i.test(e.text) ? [e.text] : []));
  if (ts.isElementAccessExpression(expr) && ts.isIdentifier(expr.expression)) {
    const table = constants.get(expr.expression.text);
    if (table && ts.isObjectLiteralExpression(table)) {
      return table.properties.flatMap((p) => (ts.isPropertyAssignment(p) && ts.isStringLiteral(p.initializer) ? [p.initializer.text] : []));
    }
  }
  return [];
}

/**
 * The texts an expression can evaluate to, with `{}` for what is only known at run time ([] when none is static);
 * the words of its `${…}` parts are added to `words`.
 */
function texts(expr: ts.Expression, constants: Map<string, ts.Expression>, words: string[], depth = 0): string[] {
  if (depth > 4) return [];
  const inner = (e: ts.Expression) => texts(e, constants, words, depth + 1);
  if (ts.isStringLiteral(expr) || ts.isNoSubstitutionTemplateLiteral(expr)) return [expr.text];
  if (ts.isTemplateExpression(expr)) {
    words.push(...expr.templateSpans.flatMap((s) => spanWords(s.expression, constants)));
    return [expr.head.text + expr.templateSpans.map((s) => `{}${s.literal.text}`).join('')];
  }
  if (ts.isParenthesizedExpression(expr)) return inner(expr.expression);
  if (ts.isConditionalExpression(expr)) return [...inner(expr.whenTrue), ...inner(expr.whenFalse)];
  if (ts.isBinaryExpression(expr) && expr.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const right = inner(expr.right);
    return inner(expr.left).flatMap((l) => right.map((r) => l + r));
  }
  if (ts.isIdentifier(expr)) {
    const value = constants.get(expr.text);
    return value ? inner(value) : [];
  }
  return [];
}

function calleeName(node: ts.CallExpression | ts.NewExpression): string | undefined {
  return ts.isIdentifier(node.expression) ? node.expression.text : undefined;
}

/** `message: …` beside a `code` in an object literal: an error answered without an AppError ({code, message}). */
function isCodedMessage(node: ts.Node): node is ts.PropertyAssignment {
  if (!ts.isPropertyAssignment(node) || !ts.isIdentifier(node.name) || node.name.text !== 'message') return false;
  const owner = node.parent;
  return ts.isObjectLiteralExpression(owner) && owner.properties.some((p) => p.name && ts.isIdentifier(p.name) && p.name.text === 'code');
}

/** Every statically known message of the server's source under `root`. */
export function thrownMessages(root: string): ThrownMessage[] {
  const found: ThrownMessage[] = [];
  for (const filePath of sourceFiles(root)) {
    const file = ts.createSourceFile(filePath, fs.readFileSync(filePath, 'utf8'), ts.ScriptTarget.Latest, true);
    const constants = stringConstants(file);
    const visit = (node: ts.Node) => {
      if ((ts.isCallExpression(node) || ts.isNewExpression(node)) && node.arguments) {
        const index = MESSAGE_ARGUMENT[calleeName(node) ?? ''];
        const arg = index === undefined ? undefined : node.arguments[index];
        const words: string[] = [];
        const whole = arg ? texts(arg, constants, words) : [];
        for (const template of [...whole, ...words]) found.push({ template, file: path.relative(root, filePath) });
      }
      if (isCodedMessage(node)) {
        const words: string[] = [];
        for (const template of [...texts(node.initializer, constants, words), ...words]) found.push({ template, file: path.relative(root, filePath) });
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  return found;
}
