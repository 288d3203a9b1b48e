import { defineAction } from '../action.js';
import { xmlOutput } from '../xml.js';

/** An empty `<VersioningConfiguration/>` for a bucket that was never versioned. */
export const getBucketVersioning = defineAction({
  name: 'GetBucketVersioning',
  action: 's3:GetBucketVersioning',
  run({ bucketName }, store) {
    return xmlOutput('VersioningConfiguration', { Status: store.bucket(bucketName).versioning });
  },
});
