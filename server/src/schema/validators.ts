// One ajv instance over the bundled schemas; each kind's validator is compiled on first use.

import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { BUNDLE } from './bundle';

const BUNDLE_ID = 'kubernetes';

let ajv: Ajv | undefined;
const compiled = new Map<string, ValidateFunction>();

function instance(): Ajv {
  if (!ajv) {
    ajv = new Ajv({
      // Every problem in a document, not just the first.
      allErrors: true,
      // Errors carry the offending data and the schema around it (for did-you-mean and titles).
      verbose: true,
      // We phrase messages ourselves.
      messages: false,
      // The bundle is generated and tested; `x-format` is our own annotation.
      strict: false,
      validateSchema: false,
      // Shared definitions (PodSpec, ObjectMeta) compile once and are called, not copied into every kind.
      inlineRefs: false,
    });
    ajv.addSchema({ $id: BUNDLE_ID, definitions: BUNDLE.definitions });
  }
  return ajv;
}

/** The compiled validator of a definition. Throws only if the bundle itself is broken. */
export function validatorFor(definitionId: string): ValidateFunction {
  let validate = compiled.get(definitionId);
  if (!validate) {
    const found = instance().getSchema(`${BUNDLE_ID}#/definitions/${definitionId}`);
    if (!found) throw new Error(`kube-netlens: no bundled schema ${definitionId}`);
    validate = found;
    compiled.set(definitionId, validate);
  }
  return validate;
}

/** Validates `value`; the raw ajv errors, empty when valid. */
export function schemaErrors(definitionId: string, value: unknown): ErrorObject[] {
  const validate = validatorFor(definitionId);
  return validate(value) ? [] : [...(validate.errors ?? [])];
}
