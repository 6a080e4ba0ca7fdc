import { Type, type Static, type TProperties } from '@sinclair/typebox';
import { MAX_SIDE } from './edit-geometry.js';

/**
 * The classic edit operations, as the API publishes them (the route schema, the API document and the typed client
 * all come from this union); edit-ops.ts validates them once more, with a message for each problem, and applies
 * them to any image, from any engine or upload.
 */
const operation = <Name extends string, P extends TProperties>(op: Name, properties: P, description: string) =>
  Type.Object({ op: Type.Literal(op), ...properties }, { additionalProperties: false, description });

const Amount = Type.Number({ minimum: -1, maximum: 1, description: 'From -1 to 1; 0 leaves the image as it is' });
const Pixels = (min: number, max: number) => Type.Integer({ minimum: min, maximum: max });
const Colour = Type.String({ minLength: 1, maxLength: 40, description: 'A colour name ("white") or a hex colour ("#ff8800")' });

export const TextPositionSchema = Type.Union([Type.Literal('top'), Type.Literal('bottom'), Type.Literal('center')]);
export const FlipDirectionSchema = Type.Union([Type.Literal('horizontal'), Type.Literal('vertical')]);

export const EditOperationSchema = Type.Union([
  operation('brightness', { amount: Amount }, 'Lighter (above 0) or darker'),
  operation('contrast', { amount: Amount }, 'More (above 0) or less contrast'),
  operation('saturation', { amount: Amount }, 'More (above 0) or less colour'),
  operation('temperature', { amount: Amount }, 'Warmer (above 0) or cooler'),
  operation('grayscale', {}, 'Black and white'),
  operation('sepia', {}, 'Sepia tones'),
  operation('invert', {}, 'A negative'),
  operation('blur', { sigma: Type.Number({ minimum: 0.3, maximum: 100 }) }, 'Gaussian blur'),
  operation('sharpen', { sigma: Type.Optional(Type.Number({ minimum: 0.3, maximum: 10 })) }, 'Sharpen'),
  operation('rotate', { degrees: Type.Number({ minimum: -3600, maximum: 3600 }) }, 'Rotate clockwise'),
  operation('flip', { direction: FlipDirectionSchema }, 'Mirror'),
  operation('crop', { aspect: Type.String({ minLength: 3, maxLength: 20, description: 'E.g. "16:9"' }) }, 'Crop the centre to an aspect ratio'),
  operation('crop', { left: Pixels(0, 1_000_000), top: Pixels(0, 1_000_000), width: Pixels(1, 1_000_000), height: Pixels(1, 1_000_000) },
    'Crop to a rectangle, in pixels'),
  operation('resize', {
    width: Type.Optional(Pixels(1, MAX_SIDE)),
    height: Type.Optional(Pixels(1, MAX_SIDE)),
    scale: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 16 })),
    longSide: Type.Optional(Pixels(1, MAX_SIDE)),
  }, 'Resize: width and/or height, a scale, or the longer side in pixels (the shape kept, "upscale to 4K")'),
  operation('zoom', { factor: Type.Number({ exclusiveMinimum: 1, maximum: 8 }) }, 'Enlarge the centre by this factor, at the image\'s own size'),
  operation('text', {
    text: Type.String({ minLength: 1, maxLength: 200 }),
    position: Type.Optional(TextPositionSchema),
    color: Type.Optional(Colour),
  }, 'A caption'),
  operation('border', {
    width: Type.Number({ exclusiveMinimum: 0, maximum: 1024, description: 'Pixels (1 to 1024), or with unit percent a share of the shorter side (at most 25)' }),
    color: Colour,
    unit: Type.Optional(Type.Union([Type.Literal('px'), Type.Literal('percent')])),
  }, 'A border around the image'),
  operation('vignette', { amount: Type.Number({ minimum: 0, maximum: 1 }) }, 'Darkened corners'),
], { description: 'A classic edit operation' });

export type EditOperation = Static<typeof EditOperationSchema>;
export type TextPosition = Static<typeof TextPositionSchema>;
export type FlipDirection = Static<typeof FlipDirectionSchema>;
