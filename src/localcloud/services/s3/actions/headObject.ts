import { readAction, readObject } from '../objects.js';
import type { S3Operation } from '../types.js';

/** HeadObject: GetObject's headers (Content-Length of the object) without the body. */
export const headObject: S3Operation = {
  iamAction: readAction,
  handler: (input, store) => readObject(input, store).output,
};
