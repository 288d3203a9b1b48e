import type { StackContext } from './context.js';
import { SETTINGS } from './config.js';

/** Regions whose S3 website endpoint uses a dash (s3-website-us-east-1) rather than a dot. */
const DASH_WEBSITE_REGIONS = new Set(['us-east-1', 'us-west-1', 'us-west-2', 'ap-southeast-1', 'ap-southeast-2', 'ap-northeast-1', 'eu-west-1', 'sa-east-1']);

/**
 * The stage and the stats key are the seed's constants (SETTINGS, of which `ctx.spec.settings` is made): the URL
 * helpers take no spec, so that a bare `{ target, names, outputs }` will do (test/awspath/names.test.ts).
 */
type UrlContext = Pick<StackContext, 'target' | 'names' | 'outputs'>;
const bucketOf = (ctx: UrlContext) => ctx.outputs.bucket ?? ctx.names.bucket;

/** The stage's invoke URL: execute-api on AWS, the LocalStack-style path on a local endpoint. */
export function apiUrl(ctx: UrlContext, apiId: string): string {
  const { region } = ctx.target;
  const endpoint = ctx.target.apigwEndpoint ?? ctx.target.endpoint;
  if (endpoint) return `${endpoint}/_aws/execute-api/${apiId}/${SETTINGS.stage}`;
  return `https://${apiId}.execute-api.${region}.amazonaws.com/${SETTINGS.stage}`;
}

/** Where a browser opens the page (S3 static website hosting). */
export function websiteUrl(ctx: UrlContext): string {
  const { endpoint, region, kind } = ctx.target;
  const bucket = bucketOf(ctx);
  if (kind === 'localstack') return `http://${bucket}.s3-website.localhost.localstack.cloud:${new URL(endpoint!).port || 4566}/`;
  if (endpoint) return `${endpoint}/_website/${bucket}/`;
  const sep = DASH_WEBSITE_REGIONS.has(region) ? '-' : '.';
  return `http://${bucket}.s3-website${sep}${region}.amazonaws.com/`;
}

/** The object URL of stats.json the page polls (CORS lets the website origin read it). */
export function statsUrl(ctx: UrlContext): string {
  const { endpoint, region } = ctx.target;
  const bucket = bucketOf(ctx);
  if (endpoint) return `${endpoint}/${bucket}/${SETTINGS.statsKey}`;
  return `https://${bucket}.s3.${region}.amazonaws.com/${SETTINGS.statsKey}`;
}
