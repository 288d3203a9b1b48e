import { malformedXml } from '../errors.js';
import { defineAction } from '../action.js';
import { xmlInput } from '../xml.js';

/** PutBucketVersioning: Enabled or Suspended; a bucket once versioned never returns to unversioned. */
export const putBucketVersioning = defineAction({
  name: 'PutBucketVersioning',
  action: 's3:PutBucketVersioning',
  run({ req, bucketName }, store) {
    const bucket = store.bucket(bucketName);
    const { Status } = xmlInput(req, 'VersioningConfiguration');
    if (Status !== 'Enabled' && Status !== 'Suspended') throw malformedXml();
    bucket.versioning = Status;
    return {};
  },
});
