import { deleteObject as deleteOne } from '../objects.js';
import type { S3Operation } from '../types.js';

/** DeleteObject: 204 even for a key that never existed. */
export const deleteObject: S3Operation = {
  iamAction: (req) => (req.query.has('versionId') ? 's3:DeleteObjectVersion' : 's3:DeleteObject'),
  handler({ req, bucketName, key }, store) {
    const outcome = deleteOne(store.bucket(bucketName), key, req.query.get('versionId') ?? undefined);
    const headers: Record<string, string> = {};
    if (outcome.deleteMarker) headers['x-amz-delete-marker'] = 'true';
    if (outcome.versionId) headers['x-amz-version-id'] = outcome.versionId;
    return { status: 204, headers };
  },
};
