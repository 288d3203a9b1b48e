import { readObject } from '../objects.js';
import { defineAction, versioned } from '../action.js';

/** HeadObject: GetObject's headers (Content-Length of the object) without the body. */
export const headObject = defineAction({
  name: 'HeadObject',
  action: 's3:GetObject',
  permissions: versioned('s3:GetObject', 's3:GetObjectVersion'),
  run: (input, store) => readObject(input, store).output,
});
