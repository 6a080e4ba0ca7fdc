import { EditPlanError, type EditPlan } from '../../engines/engine.js';
import { validateOperations, type EditOperation } from './edit-ops.js';
import { parseInstruction, UNDERSTOOD_INSTRUCTIONS } from './instruction-parser.js';

/**
 * Turns an edit request into concrete operations before it is queued: an instruction the built-in engine cannot
 * map, or a malformed operation list, is refused with the list of what it understands.
 */
export function planClassicEdit(input: { instruction?: string; operations?: unknown }): EditPlan {
  const operations: EditOperation[] = [];
  const instruction = input.instruction?.trim();
  if (instruction) {
    const parsed = parseInstruction(instruction);
    if ('error' in parsed) throw new EditPlanError(parsed.error, parsed.understood);
    operations.push(...parsed.operations);
  }
  if (input.operations !== undefined && (!Array.isArray(input.operations) || input.operations.length > 0)) {
    try {
      operations.push(...validateOperations(input.operations));
    } catch (err) {
      throw new EditPlanError((err as Error).message, UNDERSTOOD_INSTRUCTIONS);
    }
  }
  if (operations.length === 0) throw new EditPlanError('Say what to change.', UNDERSTOOD_INSTRUCTIONS);
  return { operations, instruction, summary: instruction ?? summarise(operations) };
}

function summarise(ops: EditOperation[]): string {
  return ops.map((o) => o.op).join(', ');
}
