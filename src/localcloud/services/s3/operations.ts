import { AwsError } from '../../core/errors.js';
import { header, type EdgeRequest } from '../../core/request.js';
import type { S3Operation } from './action.js';
import { createBucket } from './actions/createBucket.js';
import { headBucket } from './actions/headBucket.js';
import { listBuckets } from './actions/listBuckets.js';
import { deleteBucket } from './actions/deleteBucket.js';
import { getBucketLocation } from './actions/getBucketLocation.js';
import { putObject } from './actions/putObject.js';
import { copyObject } from './actions/copyObject.js';
import { getObject } from './actions/getObject.js';
import { headObject } from './actions/headObject.js';
import { deleteObject } from './actions/deleteObject.js';
import { deleteObjects } from './actions/deleteObjects.js';
import { listObjectsV2 } from './actions/listObjectsV2.js';
import { listObjectVersions } from './actions/listObjectVersions.js';
import { putBucketVersioning } from './actions/putBucketVersioning.js';
import { getBucketVersioning } from './actions/getBucketVersioning.js';
import { putBucketPolicy } from './actions/putBucketPolicy.js';
import { getBucketPolicy } from './actions/getBucketPolicy.js';
import { deleteBucketPolicy } from './actions/deleteBucketPolicy.js';
import { getBucketPolicyStatus } from './actions/getBucketPolicyStatus.js';
import { putPublicAccessBlock } from './actions/putPublicAccessBlock.js';
import { getPublicAccessBlock } from './actions/getPublicAccessBlock.js';
import { deletePublicAccessBlock } from './actions/deletePublicAccessBlock.js';
import { putBucketOwnershipControls } from './actions/putBucketOwnershipControls.js';
import { getBucketOwnershipControls } from './actions/getBucketOwnershipControls.js';
import { deleteBucketOwnershipControls } from './actions/deleteBucketOwnershipControls.js';
import { putBucketAcl } from './actions/putBucketAcl.js';
import { putBucketCors } from './actions/putBucketCors.js';
import { getBucketCors } from './actions/getBucketCors.js';
import { deleteBucketCors } from './actions/deleteBucketCors.js';
import { putBucketWebsite } from './actions/putBucketWebsite.js';
import { getBucketWebsite } from './actions/getBucketWebsite.js';
import { deleteBucketWebsite } from './actions/deleteBucketWebsite.js';
import { putBucketTagging } from './actions/putBucketTagging.js';
import { getBucketTagging } from './actions/getBucketTagging.js';
import { deleteBucketTagging } from './actions/deleteBucketTagging.js';

/**
 * Query parameters that name an S3 subresource, and so an operation: the ones served here and the
 * ones that are not (so that `GET /<bucket>/<key>?uploadId=...` is not mistaken for GetObject).
 */
const SUBRESOURCES = [
  'policy',
  'policyStatus',
  'cors',
  'website',
  'versioning',
  'versions',
  'publicAccessBlock',
  'ownershipControls',
  'tagging',
  'location',
  'delete',
  'acl',
  'list-type',
  'uploads',
  'uploadId',
  'lifecycle',
  'encryption',
  'notification',
  'replication',
  'logging',
  'object-lock',
  'retention',
  'legal-hold',
  'accelerate',
  'requestPayment',
  'analytics',
  'inventory',
  'metrics',
  'intelligent-tiering',
  'restore',
  'select',
  'attributes',
  'torrent',
  'session',
];

/**
 * Request headers that name an operation of their own on the same method and path: `PUT object` with
 * `x-amz-copy-source` is CopyObject, not PutObject.
 */
const OPERATION_HEADERS = ['x-amz-copy-source'];

/** `<METHOD> <service|bucket|object>[?<subresource>][ <operation header>]` -> operation. */
const OPERATIONS: Record<string, S3Operation> = {
  'GET service': listBuckets,
  'PUT bucket': createBucket,
  'HEAD bucket': headBucket,
  'DELETE bucket': deleteBucket,
  'GET bucket?location': getBucketLocation,
  'GET bucket?list-type': listObjectsV2,
  'GET bucket?versions': listObjectVersions,
  'POST bucket?delete': deleteObjects,
  'PUT bucket?versioning': putBucketVersioning,
  'GET bucket?versioning': getBucketVersioning,
  'PUT bucket?policy': putBucketPolicy,
  'GET bucket?policy': getBucketPolicy,
  'DELETE bucket?policy': deleteBucketPolicy,
  'GET bucket?policyStatus': getBucketPolicyStatus,
  'PUT bucket?publicAccessBlock': putPublicAccessBlock,
  'GET bucket?publicAccessBlock': getPublicAccessBlock,
  'DELETE bucket?publicAccessBlock': deletePublicAccessBlock,
  'PUT bucket?ownershipControls': putBucketOwnershipControls,
  'GET bucket?ownershipControls': getBucketOwnershipControls,
  'DELETE bucket?ownershipControls': deleteBucketOwnershipControls,
  'PUT bucket?acl': putBucketAcl,
  'PUT bucket?cors': putBucketCors,
  'GET bucket?cors': getBucketCors,
  'DELETE bucket?cors': deleteBucketCors,
  'PUT bucket?website': putBucketWebsite,
  'GET bucket?website': getBucketWebsite,
  'DELETE bucket?website': deleteBucketWebsite,
  'PUT bucket?tagging': putBucketTagging,
  'GET bucket?tagging': getBucketTagging,
  'DELETE bucket?tagging': deleteBucketTagging,
  'PUT object': putObject,
  'PUT object x-amz-copy-source': copyObject,
  'GET object': getObject,
  'HEAD object': headObject,
  'DELETE object': deleteObject,
};

/** The operation a REST call names by its method, what it addresses and its subresource. */
export function findOperation(req: EdgeRequest, bucket: string, key: string): S3Operation {
  const level = key ? 'object' : bucket ? 'bucket' : 'service';
  const subresource = SUBRESOURCES.find((name) => req.query.has(name));
  const route = `${req.method} ${level}${subresource ? `?${subresource}` : ''}`;
  const named = OPERATION_HEADERS.find((name) => header(req, name) !== undefined);
  const operation = (named && OPERATIONS[`${route} ${named}`]) || OPERATIONS[route];
  if (!operation) throw new AwsError('NotImplemented', `A header you provided implies functionality that is not implemented (${route})`, 501, false);
  return operation;
}
