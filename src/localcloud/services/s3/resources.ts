/** S3 ARNs have no region or account: bucket names are global. */
export const S3_ARN_PREFIX = 'arn:aws:s3:::';
export const bucketArn = (bucket: string) => `${S3_ARN_PREFIX}${bucket}`;
export const objectArn = (bucket: string, key: string) => `${S3_ARN_PREFIX}${bucket}/${key}`;
