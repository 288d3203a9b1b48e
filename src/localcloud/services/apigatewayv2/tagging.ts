import { badRequest } from './errors.js';
import { stageOf, type ApiStore, type Tags } from './store.js';

/** `arn:aws:apigateway:<region>::/apis/<apiId>` or `.../apis/<apiId>/stages/<stageName>` */
const TAGGABLE_ARN = /^arn:aws:apigateway:([^:]+)::\/apis\/([^/]+)(?:\/stages\/([^/]+))?$/;

/** The tag map of the API or stage an ARN names (NotFound as its Get operation would answer). */
export function tagsOf(store: ApiStore, resourceArn: string): Tags {
  const m = TAGGABLE_ARN.exec(resourceArn);
  if (!m) throw badRequest(`Invalid resource ARN ${resourceArn}: API Gateway v2 tags APIs and stages`);
  const api = store.api(m[1], m[2]);
  return m[3] === undefined ? api.record.tags : stageOf(api, m[3]).record.tags;
}
