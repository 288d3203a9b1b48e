import { randomInt } from 'node:crypto';
import { AwsError } from '../core/errors.js';
import { header, type EdgeRequest } from '../core/request.js';
import type { CallContext, FaultOptions } from '../core/types.js';

/**
 * Opt-in transient faults, as AWS sheds load: a seeded fraction of signed calls is answered with the
 * service's throttling error, another with its 5xx, before the service sees the call (so a retry is safe).
 * Calls signed with role-session credentials (the Lambda workers' own) are spared unless asked.
 */
export type FaultInjector = (req: EdgeRequest, ctx: CallContext) => void;

interface FaultShape {
  throttle: (action: string) => AwsError;
  failure: () => AwsError;
}

const RATE_EXCEEDED = 'Rate exceeded';
const UNKNOWN_FAILURE = 'The request processing has failed because of an unknown error, exception or failure.';
/** DynamoDB item operations throttle with ProvisionedThroughputExceededException; table operations with ThrottlingException. */
const DYNAMODB_ITEM_OPERATION = /Items?$|^(Query|Scan)$|Statement$/;

const internalFailure = () => new AwsError('InternalFailure', UNKNOWN_FAILURE, 500);

/** Each service's throttling and 5xx answers, with AWS's codes, messages and statuses. */
const SHAPES: Record<string, FaultShape> = {
  dynamodb: {
    throttle: (action) =>
      DYNAMODB_ITEM_OPERATION.test(action)
        ? new AwsError(
            'ProvisionedThroughputExceededException',
            'The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API.',
            400,
          )
        : new AwsError('ThrottlingException', 'Rate of requests exceeds the allowed throughput.', 400),
    failure: () => new AwsError('InternalServerError', 'Internal server error', 500),
  },
  sqs: {
    throttle: () => new AwsError('RequestThrottled', 'Request is throttled.', 403),
    failure: () => new AwsError('ServiceUnavailable', 'The request has failed due to a temporary failure of the server.', 503),
  },
  lambda: {
    throttle: () => new AwsError('TooManyRequestsException', RATE_EXCEEDED, 429, true, { Type: 'User', Reason: 'CallerRateLimitExceeded' }),
    failure: () => new AwsError('ServiceException', 'The Lambda service encountered an internal error.', 500, false, { Type: 'Service' }),
  },
  s3: {
    throttle: () => new AwsError('SlowDown', 'Please reduce your request rate.', 503),
    failure: () => new AwsError('InternalError', 'We encountered an internal error. Please try again.', 500),
  },
  iam: {
    throttle: () => new AwsError('Throttling', RATE_EXCEEDED, 400),
    failure: () => new AwsError('ServiceFailure', UNKNOWN_FAILURE, 500),
  },
  sts: { throttle: () => new AwsError('Throttling', RATE_EXCEEDED, 400), failure: internalFailure },
  apigateway: {
    throttle: () => new AwsError('TooManyRequestsException', 'Too Many Requests', 429, true, { LimitType: 'Throttling' }),
    failure: () => new AwsError('ServiceUnavailableException', 'Service Unavailable', 503),
  },
  logs: {
    throttle: () => new AwsError('ThrottlingException', RATE_EXCEEDED, 400),
    failure: () => new AwsError('ServiceUnavailableException', 'The service cannot complete the request.', 500),
  },
};
const GENERIC: FaultShape = { throttle: () => new AwsError('ThrottlingException', RATE_EXCEEDED, 400), failure: internalFailure };

/** mulberry32: a small seeded generator, so a test's faults fall on the same calls every run. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** The operation name, wherever the protocol carries it (JSON target header, query Action); empty for REST. */
function actionOf(req: EdgeRequest): string {
  const target = header(req, 'x-amz-target');
  if (target) return target.slice(target.indexOf('.') + 1);
  return req.query.get('Action') ?? '';
}

/** Undefined when no fault is asked for, so the edge's hot path pays nothing. */
export function createFaultInjector(options: FaultOptions, log?: (line: string) => void): FaultInjector | undefined {
  const { throttleRate, errorRate } = options;
  if (throttleRate === 0 && errorRate === 0) return undefined;
  if (!(throttleRate >= 0 && errorRate >= 0 && throttleRate + errorRate <= 1)) {
    throw new RangeError(`faults: throttleRate (${throttleRate}) and errorRate (${errorRate}) must be >= 0 and add up to at most 1`);
  }
  const random = seededRandom(options.seed ?? randomInt(2 ** 32));
  return (req, ctx) => {
    const service = req.scope?.service;
    if (!service || (ctx.principal.kind === 'role' && !options.includeRoleSessions)) return;
    const draw = random();
    if (draw >= throttleRate + errorRate) return;
    const shape = SHAPES[service] ?? GENERIC;
    const err = draw < throttleRate ? shape.throttle(actionOf(req)) : shape.failure();
    log?.(`fault: ${service} ${actionOf(req) || `${req.method} ${req.path}`} -> ${err.code} ${err.status}\n`);
    throw err;
  };
}
