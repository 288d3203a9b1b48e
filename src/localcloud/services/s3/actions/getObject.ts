import { readObject } from '../objects.js';
import { defineAction, versioned } from '../action.js';

/** Query parameters that override a response header, as presigned downloads use them. */
const RESPONSE_OVERRIDES = ['content-type', 'content-language', 'expires', 'cache-control', 'content-disposition', 'content-encoding'];

export const getObject = defineAction({
  name: 'GetObject',
  action: 's3:GetObject',
  permissions: versioned('s3:GetObject', 's3:GetObjectVersion'),
  run(input, store) {
    const { version, output } = readObject(input, store);
    if (output.status === 304) return output;
    const headers = { ...output.headers };
    for (const name of RESPONSE_OVERRIDES) {
      const value = input.req.query.get(`response-${name}`);
      if (value !== null) headers[name] = value;
    }
    return { headers, body: version.body };
  },
});
