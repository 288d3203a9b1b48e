import type { EdgeRequest } from '../core/request.js';
import { header } from '../core/request.js';
import type { ServicePlugin } from '../core/types.js';

/** X-Amz-Target prefixes of the JSON-protocol services, for unsigned calls. */
const TARGET_PREFIXES: Record<string, string> = {
  DynamoDB_20120810: 'dynamodb',
  AmazonSQS: 'sqs',
  Logs_20140328: 'logs',
};

/**
 * Picks the service for a request: unsigned public paths first (execute-api, website),
 * then the SigV4 credential scope, then the JSON target header; anything else is
 * an anonymous S3 request (browsers reading public objects).
 */
export function routeRequest(req: EdgeRequest, bySigningName: Map<string, ServicePlugin>, plugins: ServicePlugin[]): ServicePlugin | undefined {
  for (const plugin of plugins) {
    if (plugin.publicPathPrefixes?.some((p) => req.path.startsWith(p))) return plugin;
  }
  if (req.scope) return bySigningName.get(req.scope.service);
  const target = header(req, 'x-amz-target');
  if (target) return bySigningName.get(TARGET_PREFIXES[target.split('.')[0]] ?? '');
  return bySigningName.get('s3');
}
