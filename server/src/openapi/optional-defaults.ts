/**
 * A parameter or body field with a default may be left out: the validator (`useDefaults`) fills it in before it
 * checks `required`. TypeBox lists such a field as required all the same, which would make every generated client
 * send it; the document says what a caller may really omit.
 */

interface Parameter {
  in?: string;
  required?: boolean;
  schema?: { default?: unknown };
}

interface ObjectSchema {
  required?: string[];
  properties?: Record<string, { default?: unknown }>;
}

interface Operation {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: ObjectSchema }> };
}

const withoutDefaulted = (schema: ObjectSchema | undefined): void => {
  if (!schema?.required || !schema.properties) return;
  const required = schema.required.filter((name) => schema.properties![name]?.default === undefined);
  if (required.length) schema.required = required;
  else delete schema.required;
};

export function withOptionalDefaults<T extends object>(document: T): T {
  const paths = (document as { paths?: Record<string, Record<string, Operation>> }).paths ?? {};
  for (const operations of Object.values(paths)) {
    for (const operation of Object.values(operations)) {
      if (typeof operation !== 'object' || operation === null) continue;
      for (const parameter of operation.parameters ?? []) {
        if (parameter.in !== 'path' && parameter.schema?.default !== undefined) parameter.required = false;
      }
      for (const media of Object.values(operation.requestBody?.content ?? {})) withoutDefaulted(media.schema);
    }
  }
  return document;
}
