import { deleteObject as deleteOne } from '../objects.js';
import { defineAction, versioned } from '../action.js';

/** DeleteObject: 204 even for a key that never existed. */
export const deleteObject = defineAction({
  name: 'DeleteObject',
  action: 's3:DeleteObject',
  permissions: versioned('s3:DeleteObject', 's3:DeleteObjectVersion'),
  run({ req, bucketName, key }, store) {
    const outcome = deleteOne(store.bucket(bucketName), key, req.query.get('versionId') ?? undefined);
    const headers: Record<string, string> = {};
    if (outcome.deleteMarker) headers['x-amz-delete-marker'] = 'true';
    if (outcome.versionId) headers['x-amz-version-id'] = outcome.versionId;
    return { status: 204, headers };
  },
});
