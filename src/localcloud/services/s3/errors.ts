import { AwsError } from '../../core/errors.js';

/** An S3 error that also carries response headers (x-amz-delete-marker when the key is a delete marker). */
export class S3Error extends AwsError {
  constructor(
    code: string,
    message: string,
    status: number,
    extra: Record<string, unknown>,
    readonly headers: Record<string, string> = {},
  ) {
    super(code, message, status, status < 500, extra);
  }
}

/** S3 errors with AWS's exact codes, messages and statuses; the extra members are what S3 adds to `<Error>`. */
export const noSuchBucket = (bucket: string) => new AwsError('NoSuchBucket', 'The specified bucket does not exist', 404, true, { BucketName: bucket });

export const noSuchKey = (key: string, headers?: Record<string, string>) =>
  new S3Error('NoSuchKey', 'The specified key does not exist.', 404, { Key: key }, headers);

export const noSuchVersion = (key: string, versionId: string) =>
  new AwsError('NoSuchVersion', 'The specified version does not exist.', 404, true, { Key: key, VersionId: versionId });

export const accessDenied = () => new AwsError('AccessDenied', 'Access Denied', 403);

export const malformedXml = () =>
  new AwsError('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema', 400);

export const invalidArgument = (message: string, name: string, value: string) =>
  new AwsError('InvalidArgument', message, 400, true, { ArgumentName: name, ArgumentValue: value });

export const invalidRequest = (message: string) => new AwsError('InvalidRequest', message, 400);

export const aclNotSupported = () => new AwsError('AccessControlListNotSupported', 'The bucket does not allow ACLs', 400);
