import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { dispatch } from '../../core/operation.js';
import { AwsError } from '../../core/errors.js';
import { restJson } from '../../core/protocols/index.js';
import type { EdgeRequest } from '../../core/request.js';
import { Router } from '../../core/router.js';
import type { CallContext, CloudContext, LambdaApi, ServicePlugin } from '../../core/types.js';
import { toInput, type LambdaOutput, type LambdaServices } from './action.js';
import { CODE_PATH_PREFIX, codeZipPath } from './code.js';
import { EventSourcePollers } from './esm/pollers.js';
import { Invoker } from './invoker.js';
import { allowsInvoke } from './policy.js';
import { ROUTES, type LambdaRoute } from './routes.js';
import { LambdaRuntime } from './runtime/runtime.js';
import { Scheduler } from './scheduler.js';
import { invoke } from './actions/invoke.js';
import { functionNameOf, LambdaStore, type RegionState } from './store.js';
import { isReadOnlyAction, Snapshot } from '../../core/persist.js';

/** Lambda refuses with AccessDeniedException, 403 (`Service: AWSLambda; Status Code: 403; Error Code: AccessDeniedException`,
 * awslabs/aws-deployment-framework#460). */
const CHECKS = { denied: { code: 'AccessDeniedException', status: 403 } };

/** Invocations run code; every other call but reads changes the control plane's state. */
const changesState = ({ operation }: LambdaRoute) => operation !== invoke && !isReadOnlyAction(operation.name);

function send(res: ServerResponse, out: LambdaOutput, requestId: string): void {
  if (!out.raw) {
    restJson.reply(res, out.status, out.body, requestId, out.headers);
    return;
  }
  res.writeHead(out.status, {
    'content-type': 'application/json',
    'content-length': String(out.raw.length),
    'x-amzn-requestid': requestId,
    ...out.headers,
  });
  res.end(out.raw);
}

/** GetFunction's Code.Location: the stored zip, served unsigned like a presigned S3 URL. */
async function serveCode(stateDir: string, req: EdgeRequest, res: ServerResponse): Promise<void> {
  const path = req.method === 'GET' ? codeZipPath(stateDir, req.path) : undefined;
  const zip = path && (await readFile(path).catch(() => undefined));
  if (!zip) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('No such code package');
    return;
  }
  res.writeHead(200, { 'content-type': 'application/zip', 'content-length': String(zip.length) }).end(zip);
}

/**
 * Lambda: the control plane over rest-json, a warm worker runtime, SQS event source mappings,
 * and the in-process LambdaApi that API Gateway invokes functions through.
 */
export function createLambda(cloud: CloudContext): ServicePlugin {
  const store = new LambdaStore();
  const router = new Router<LambdaRoute>();
  for (const route of ROUTES) router.add(route.method, route.path, route);
  let services: LambdaServices;
  let snapshot: Snapshot<Map<string, RegionState>>;

  async function handle(req: EdgeRequest, res: ServerResponse, ctx: CallContext) {
    if (req.path.startsWith(CODE_PATH_PREFIX)) return serveCode(cloud.options.stateDir, req, res);
    const match = router.match(req);
    if (!match) throw new AwsError('UnknownOperationException', `No Lambda operation at ${req.method} ${req.path}`, 404);
    const out = await dispatch(match.handler.operation, toInput(req, match.params), store, { ...ctx, lambda: services }, CHECKS);
    if (changesState(match.handler)) snapshot.save();
    send(res, out, ctx.requestId);
  }

  const api: LambdaApi = {
    async invoke(functionRef, payload, region) {
      const result = await services.invoker.invoke(store.find(functionRef, region), payload, 'throttle');
      return { statusCode: 200, payload: result.payload, functionError: result.functionError, executedVersion: '$LATEST' };
    },
    isInvokeAllowed(functionRef, region, principal, sourceArn) {
      const fn = store.functions(region).get(functionNameOf(functionRef));
      return fn !== undefined && allowsInvoke(fn.policy, principal, sourceArn);
    },
  };

  return {
    signingNames: ['lambda'],
    protocol: restJson,
    publicPathPrefixes: [CODE_PATH_PREFIX],
    handle,
    start() {
      const runtime = new LambdaRuntime(cloud);
      const invoker = new Invoker(runtime);
      const pollers = new EventSourcePollers({
        sqs: () => cloud.api('sqs'),
        invoker,
        functionOf: (m) => store.functions(m.region).get(m.functionName),
      });
      services = { runtime, invoker, scheduler: new Scheduler(), pollers };
      const opened = Snapshot.open(cloud.options, 'lambda/functions.json', 'Lambda', () => store.saved());
      snapshot = opened.snapshot;
      if (opened.saved) store.restore(opened.saved);
      cloud.provide('lambda', api);
    },
    /** Restored mappings resume polling once the functions they invoke can be given the cloud's endpoint. */
    listening() {
      for (const mapping of store.allMappings()) services.pollers.sync(mapping);
    },
    stop() {
      services.pollers.stopAll();
      services.scheduler.cancelAll();
      services.runtime.stop();
      snapshot.close();
    },
  };
}
