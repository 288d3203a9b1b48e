import { AwsError } from '../../../core/errors.js';
import { invalidArgument, malformedXml } from '../errors.js';
import { putConfigOperation } from '../bucketConfig.js';
import type { WebsiteConfig } from '../configs.js';

type Members = Record<string, unknown> | undefined;

function websiteConfig(doc: Record<string, unknown>): WebsiteConfig {
  if (doc.RoutingRules !== undefined) throw new AwsError('NotImplemented', 'RoutingRules are not supported by the embedded cloud', 501, false);
  const redirect = doc.RedirectAllRequestsTo as Members;
  if (redirect) {
    if (typeof redirect.HostName !== 'string' || !redirect.HostName) throw malformedXml();
    return { RedirectAllRequestsTo: { HostName: redirect.HostName, Protocol: redirect.Protocol === undefined ? undefined : String(redirect.Protocol) } };
  }
  const suffix = (doc.IndexDocument as Members)?.Suffix;
  if (typeof suffix !== 'string' || !suffix) {
    throw invalidArgument('A value for IndexDocument Suffix must be provided if RedirectAllRequestsTo is empty', 'IndexDocument', String(suffix ?? ''));
  }
  if (suffix.includes('/')) throw invalidArgument('The IndexDocument Suffix is not well formed', 'IndexDocument', suffix);
  const errorKey = (doc.ErrorDocument as Members)?.Key;
  return { IndexDocument: { Suffix: suffix }, ErrorDocument: typeof errorKey === 'string' && errorKey ? { Key: errorKey } : undefined };
}

/** PutBucketWebsite: an index document (and optional error document), or a redirect of every request. */
export const putBucketWebsite = putConfigOperation('PutBucketWebsite', 'website', 's3:PutBucketWebsite', 'WebsiteConfiguration', websiteConfig);
