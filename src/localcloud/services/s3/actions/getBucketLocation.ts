import { defineAction } from '../action.js';

/** The one S3 answer whose root element holds text: empty for us-east-1, as AWS answers. */
export const getBucketLocation = defineAction({
  name: 'GetBucketLocation',
  action: 's3:GetBucketLocation',
  run({ bucketName }, store) {
    const { region } = store.bucket(bucketName);
    const constraint = region === 'us-east-1' ? '' : region;
    return {
      headers: { 'content-type': 'application/xml' },
      body: `<?xml version="1.0" encoding="UTF-8"?>\n<LocationConstraint xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${constraint}</LocationConstraint>`,
    };
  },
});
