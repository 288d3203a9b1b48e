// A warm Lambda worker: loads the function's handler once, then runs one invocation at a time
// for the cloud, one message in ({ id, event, deadline, arn }) and one out ({ id, payload | error,
// logs, rss }), over IPC in a process of its own or over the port of a worker thread (worker.ts's
// Isolation). Plain JS so that it needs no TypeScript loader.
import { existsSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { format } from 'node:util';
import { getHeapStatistics } from 'node:v8';
import { isMainThread, parentPort } from 'node:worker_threads';

const MODULE_EXTENSIONS = ['.js', '.mjs', '.cjs'];
/**
 * What the runtime before nodejs24.x prints at init for a callback-style handler (aws-lambda-nodejs-runtime-interface-client,
 * src/WarningForCallbackHandlers.js, since v3.3.0, Aug 2025).
 */
const CALLBACK_HANDLER_WARNING =
  'AWS Lambda plans to remove support for callback-based function handlers starting with Node.js 24. You will need to update this function to use an async handler to use Node.js 24 or later. For more information and to provide feedback on this change, see https://github.com/aws/aws-lambda-nodejs-runtime-interface-client/issues/137. To disable this warning, set the AWS_LAMBDA_NODEJS_DISABLE_CALLBACK_WARNING environment variable.';
/** The init error of nodejs24.x for a callback-style handler (the runtime interface client v4, src/context/constants.ts). */
const CALLBACK_HANDLER_REMOVED = {
  errorType: 'Runtime.CallbackHandlerDeprecated',
  errorMessage:
    'ERROR: AWS Lambda has removed support for callback-based function handlers starting with Node.js 24. You need to modify this function to use a supported handler signature to use Node.js 24 or later. For more information see https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html.',
};
const CONSOLE_LEVELS = { log: 'INFO', info: 'INFO', warn: 'WARN', error: 'ERROR', debug: 'DEBUG', trace: 'TRACE' };
/** memoryUsage.rss() reads /proc on each call, a measurable share of a short invocation; REPORT's "Max Memory Used" needs no fresher value. */
const RSS_SAMPLE_MS = 250;

const env = process.env;
const handlerSpec = env._HANDLER ?? '';

/** The cloud's end: IPC when this is a process of its own, else the worker thread's port. */
const cloud = isMainThread
  ? {
      send: (message, then) => process.send(message, then),
      onMessage: (listener) => process.on('message', listener),
      writeOutput: (text) => writeSync(1, text),
    }
  : {
      send: (message, then) => {
        parentPort.postMessage(message);
        then?.();
      },
      onMessage: (listener) => parentPort.on('message', listener),
      // Posted from an 'exit' listener, the message still arrives before the thread's exit.
      writeOutput: (text) => parentPort.postMessage({ output: text }),
    };

/** Log lines of the invocation in progress (or of the init phase), sent back with the reply. */
let lines = [];
let current;
let handler;

// Everything the function prints becomes log lines, as the Lambda runtime captures stdout/stderr.
function captureWrite(chunk, encoding, callback) {
  const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString();
  for (const line of text.split('\n')) if (line) lines.push(line);
  const done = typeof encoding === 'function' ? encoding : callback;
  if (done) process.nextTick(done);
  return true;
}
process.stdout.write = captureWrite;
process.stderr.write = captureWrite;
for (const [method, level] of Object.entries(CONSOLE_LEVELS)) {
  console[method] = (...args) => lines.push(`${new Date().toISOString()}\t${current?.id}\t${level}\t${format(...args)}`);
}

class RuntimeError extends Error {
  constructor(errorType, errorMessage) {
    super(errorMessage);
    this.errorType = errorType;
  }
}

function describeError(err) {
  if (err instanceof RuntimeError) return { errorType: err.errorType, errorMessage: err.message, trace: [] };
  if (err instanceof Error) return { errorType: err.name, errorMessage: err.message, trace: (err.stack ?? '').split('\n') };
  return { errorType: typeof err, errorMessage: String(err), trace: [] };
}

/** `dir/file.export.nested` -> the module `dir/file` and the export path `export.nested`, as Lambda reads _HANDLER. */
async function loadHandler() {
  const slash = handlerSpec.lastIndexOf('/');
  const dot = handlerSpec.indexOf('.', slash + 1);
  if (dot === -1) throw new RuntimeError('Runtime.MalformedHandlerName', 'Bad handler');
  const modulePath = handlerSpec.slice(0, dot);
  const file = MODULE_EXTENSIONS.map((ext) => join(env.LAMBDA_TASK_ROOT, modulePath + ext)).find((f) => existsSync(f));
  if (!file) throw new RuntimeError('Runtime.ImportModuleError', `Error: Cannot find module '${modulePath}'`);
  let mod;
  try {
    mod = await import(pathToFileURL(file).href);
  } catch (err) {
    const type = err instanceof SyntaxError ? 'Runtime.UserCodeSyntaxError' : 'Runtime.ImportModuleError';
    throw new RuntimeError(type, `${err?.name ?? 'Error'}: ${err?.message ?? err}`);
  }
  const [first, ...rest] = handlerSpec.slice(dot + 1).split('.');
  let fn = mod[first] ?? mod.default?.[first];
  for (const key of rest) fn = fn?.[key];
  if (typeof fn !== 'function') throw new RuntimeError('Runtime.HandlerNotFound', `${handlerSpec} is undefined or not exported`);
  checkCallbackHandler(fn);
  return fn;
}

/** The runtime's Node major as Lambda names it (AWS_Lambda_nodejs24.x -> 24): the runtime client of that runtime decides. */
const runtimeMajor = Number(/nodejs(\d+)/.exec(env.AWS_EXECUTION_ENV ?? '')?.[1] ?? process.versions.node.split('.')[0]);
/** From nodejs24.x on, Lambda's runtime has no callback-style handlers, no context.succeed/fail/done and no callbackWaitsForEmptyEventLoop. */
const CALLBACKS_REMOVED_FROM = 24;

/**
 * nodejs24.x refuses at init any handler of three or more parameters, async or not (src/function/callback-deprecation.ts);
 * earlier runtimes warn at init for a non-async one of exactly three (src/WarningForCallbackHandlers.js).
 */
function checkCallbackHandler(fn) {
  if (runtimeMajor >= CALLBACKS_REMOVED_FROM) {
    if (fn.length >= 3) throw new RuntimeError(CALLBACK_HANDLER_REMOVED.errorType, CALLBACK_HANDLER_REMOVED.errorMessage);
    return;
  }
  const callbackStyle = fn.length === 3 && fn.constructor?.name !== 'AsyncFunction';
  if (callbackStyle && env.AWS_LAMBDA_NODEJS_DISABLE_CALLBACK_WARNING === undefined) console.warn(CALLBACK_HANDLER_WARNING);
}

/**
 * The handler's result: what its promise resolves to, or (before nodejs24.x) what it passes to the
 * callback or to context.succeed/fail/done, whichever comes first.
 */
function run(fn, event, request) {
  return new Promise((resolve, reject) => {
    const settle = (err, result) => (err ? reject(err) : resolve(result));
    const context = contextFor(request, settle);
    const returned = fn.length < 3 ? fn(event, context) : fn(event, context, settle);
    if (returned && typeof returned.then === 'function') returned.then(resolve, reject);
    else if (fn.length < 3) resolve(returned);
  });
}

function contextFor({ id, deadline, arn, clientContext }, settle) {
  const context = {
    awsRequestId: id,
    invokedFunctionArn: arn,
    functionName: env.AWS_LAMBDA_FUNCTION_NAME,
    functionVersion: env.AWS_LAMBDA_FUNCTION_VERSION,
    memoryLimitInMB: env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    logGroupName: env.AWS_LAMBDA_LOG_GROUP_NAME,
    logStreamName: env.AWS_LAMBDA_LOG_STREAM_NAME,
    clientContext: clientContext ? JSON.parse(Buffer.from(clientContext, 'base64').toString()) : undefined,
    identity: undefined,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
  // The legacy members, kept by the runtimes before nodejs24.x.
  if (runtimeMajor < CALLBACKS_REMOVED_FROM) {
    context.callbackWaitsForEmptyEventLoop = true;
    context.succeed = (result) => settle(undefined, result);
    context.fail = (err) => settle(err ?? 'handled');
    context.done = (err, result) => settle(err, result);
  }
  return context;
}

/** A process's RSS; a thread's own heap (the process's RSS is the whole cloud's). */
function memoryInUse() {
  if (isMainThread) return process.memoryUsage.rss();
  const heap = getHeapStatistics();
  return heap.total_heap_size + heap.external_memory;
}
let rss = { at: Number.NEGATIVE_INFINITY, bytes: 0 };
function sampledRss() {
  const now = Date.now();
  if (now - rss.at >= RSS_SAMPLE_MS) rss = { at: now, bytes: memoryInUse() };
  return rss.bytes;
}

function reply(message, then) {
  message.logs = lines;
  message.rss = sampledRss();
  lines = [];
  current = undefined;
  cloud.send(message, then);
}

/** `exiting` tells the parent not to hand this worker another invocation. */
function fail(id, err, exiting) {
  const error = describeError(err);
  lines.push(
    `${new Date().toISOString()}\t${id}\tERROR\tInvoke Error \t${JSON.stringify({ errorType: error.errorType, errorMessage: error.errorMessage, stack: error.trace })}`,
  );
  reply({ id, error, exiting }, exiting ? () => process.exit(1) : undefined);
}

async function invoke(request) {
  current = request;
  try {
    handler ??= await loadHandler();
    const result = await run(handler, JSON.parse(request.event), request);
    reply({ id: request.id, payload: result === undefined ? 'null' : JSON.stringify(result) });
  } catch (err) {
    fail(request.id, err);
  }
}

// An error that escapes the handler ends the runtime, as on Lambda: report it, then exit.
function crash(errorType) {
  return (err) => {
    if (!current) process.exit(1);
    const error = errorType ? new RuntimeError(errorType, err instanceof Error ? `${err.name}: ${err.message}` : String(err)) : err;
    fail(current.id, error, true);
  };
}
process.on('uncaughtException', crash());
process.on('unhandledRejection', crash('Runtime.UnhandledPromiseRejection'));
// process.exit() inside the handler: hand the cloud whatever was printed, as output of the environment.
process.on('exit', () => {
  if (lines.length) cloud.writeOutput(`${lines.join('\n')}\n`);
});
cloud.onMessage((request) => void invoke(request));
// The cloud went away: a worker process never outlives it (a thread ends with the cloud's process).
if (isMainThread) process.on('disconnect', () => process.exit(0));

try {
  handler = await loadHandler();
} catch {
  // Init errors are reported by each invocation, which retries the load as Lambda does.
}
cloud.send({ ready: true, logs: lines });
lines = [];
