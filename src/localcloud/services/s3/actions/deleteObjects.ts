import { AwsError } from '../../../core/errors.js';
import { asArray, type XmlObject } from '../../../core/xml.js';
import { malformedXml } from '../errors.js';
import { deleteObject } from '../objects.js';
import { objectArn } from '../resources.js';
import { defineAction } from '../action.js';
import { xmlBoolean, xmlInput, xmlOutput } from '../xml.js';

const MAX_KEYS_PER_REQUEST = 1000;

/** DeleteObjects: each key authorized and deleted on its own; refusals are reported per key, never fail the call. */
export const deleteObjects = defineAction({
  name: 'DeleteObjects',
  action: 's3:DeleteObject',
  unchecked: 'each key is checked on its own in the handler (s3:DeleteObject or s3:DeleteObjectVersion), a refusal reported for that key',
  run({ req, bucketName, authorize }, store) {
    const bucket = store.bucket(bucketName);
    const doc = xmlInput(req, 'Delete');
    const objects = asArray(doc.Object as Record<string, unknown> | Record<string, unknown>[] | undefined);
    if (!objects.length || objects.length > MAX_KEYS_PER_REQUEST || objects.some((o) => typeof o.Key !== 'string')) throw malformedXml();
    const quiet = xmlBoolean(doc.Quiet);
    const deleted: XmlObject[] = [];
    const errors: XmlObject[] = [];
    for (const o of objects) {
      const key = String(o.Key);
      const versionId = o.VersionId === undefined ? undefined : String(o.VersionId);
      try {
        authorize(versionId === undefined ? 's3:DeleteObject' : 's3:DeleteObjectVersion', objectArn(bucketName, key));
        const outcome = deleteObject(bucket, key, versionId);
        deleted.push({
          Key: key,
          VersionId: versionId,
          DeleteMarker: outcome.deleteMarker || undefined,
          DeleteMarkerVersionId: outcome.deleteMarker ? outcome.versionId : undefined,
        });
      } catch (err) {
        if (!(err instanceof AwsError)) throw err;
        errors.push({ Key: key, VersionId: versionId, Code: err.code, Message: err.message });
      }
    }
    return xmlOutput('DeleteResult', { Deleted: quiet ? [] : deleted, Error: errors });
  },
});
