import AjvCompiler from '@fastify/ajv-compiler';

type RouteSchema = { schema: unknown; method: string; url: string; httpPart?: string };
type Validate = (data: unknown) => boolean;
type CompilerFor = (route: RouteSchema) => Validate;
type Options = NonNullable<Parameters<AjvCompiler.BuildCompilerFromPool>[1]>;

/** How every request part is validated: defaults filled in, additional properties kept for the schema to judge. */
export const AJV_OPTIONS = { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: false } } as const;

/**
 * Query strings, path parameters and headers arrive as text, so their values are coerced to the schema's types
 * ("25" → 25). A JSON body already carries its types: `{"prompt": 42}` is refused (400), never read as "42".
 */
export function partAwareValidators(): AjvCompiler.BuildCompilerFromPool {
  const pool = AjvCompiler();
  const build = (externalSchemas: Parameters<AjvCompiler.BuildCompilerFromPool>[0], options: Options = {}) => {
    const fromText = pool(externalSchemas, options) as unknown as CompilerFor;
    const strict = { ...options, customOptions: { ...options.customOptions, coerceTypes: false } } as Options;
    const fromJson = pool(externalSchemas, strict) as unknown as CompilerFor;
    return (route: RouteSchema): Validate => (route.httpPart === 'body' ? fromJson : fromText)(route);
  };
  return build as unknown as AjvCompiler.BuildCompilerFromPool;
}
