/** Classic edits: crop, resize, rotate, flip, adjustments, filters, text, border and vignette on any image. */
export type { EditOperation, FlipDirection, TextPosition } from './edit-operation.js';
export { applyOperations, validateOperations, EDIT_OPERATION_NAMES, type EditOperationName, type EditResult } from './edit-ops.js';
export { checkChain, MAX_PIXELS, MAX_SIDE, MAX_STEP_PIXELS, MAX_STEP_SIDE } from './edit-geometry.js';
export { parseInstruction, UNDERSTOOD_INSTRUCTIONS, type ParseResult } from './instruction-parser.js';
export { planClassicEdit } from './plan-edit.js';
export { runClassicEdit, EDIT_WATERMARK_TEXT } from './classic-edit.js';
