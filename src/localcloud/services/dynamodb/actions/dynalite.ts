import { dynaliteAction, dynaliteValidation, runAction, validateInput, type DynaliteOperation } from '../dynalite.js';
import type { Handler } from '../store.js';
import type { Admission } from '../throughput/admission.js';

/**
 * An operation dynalite implements, run as its HTTP handler would: validated (expressions parsed),
 * then optionally admitted by the throughput model, then performed on the shared store.
 */
export function dynaliteOperation(operation: DynaliteOperation, admit?: Admission): Handler {
  const action = dynaliteAction(operation);
  const validation = dynaliteValidation(operation);
  return async (input, store) => {
    const request = validateInput(input, validation, store.dynalite);
    await admit?.(request, store);
    return runAction(action, store.dynalite, request);
  };
}
