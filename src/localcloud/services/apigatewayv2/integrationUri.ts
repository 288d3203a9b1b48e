import { parseArn } from '../../core/arn.js';

/** `arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{functionArn}/invocations` */
const APIGATEWAY_LAMBDA_URI = /^arn:aws:apigateway:[^:]+:lambda:path\/2015-03-31\/functions\/(arn:[^/]+)\/invocations$/;

/** The Lambda function an AWS_PROXY integration URI names (either form), or undefined. */
export function lambdaArnOf(integrationUri: string): string | undefined {
  const arn = APIGATEWAY_LAMBDA_URI.exec(integrationUri)?.[1] ?? integrationUri;
  const parsed = parseArn(arn);
  return parsed?.service === 'lambda' && parsed.resource.startsWith('function:') ? arn : undefined;
}
