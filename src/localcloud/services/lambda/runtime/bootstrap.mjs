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

/** @typedef {import('./worker.js').InvokeMessage} InvokeMessage */
/** @typedef {import('./worker.js').FunctionErrorBody} FunctionErrorBody */
/**
 * What goes back to the cloud (worker.ts's FromWorker): the reply to one invocation, or "ready" with the init logs.
 * @typedef {{ id: string; payload?: string; error?: FunctionErrorBody; exiting?: boolean; logs: string[]; rss: number } | { ready: true; logs: string[] }} FromWorker
 */
/** A reply before reply() adds the logs and the RSS. @typedef {{ id: string; payload?: string; error?: FunctionErrorBody; exiting?: boolean }} Reply */
/**
 * The cloud's end of this runtime.
 * @typedef {object} Cloud
 * @property {(message: FromWorker, then?: () => void) => void} send
 * @property {(listener: (message: unknown) => void) => void} onMessage
 * @property {(text: string) => void} writeOutput
 */
/**
 * How the handler settles an invocation: a callback's (err, result), or context.succeed/fail/done.
 * @callback Settle
 * @param {unknown} err
 * @param {unknown} [result]
 * @returns {void}
 */
/**
 * A handler as the function's module exports it; only its parameter count tells its style.
 * @callback Handler
 * @param {unknown} event
 * @param {LambdaContext} context
 * @param {Settle} [callback]
 * @returns {unknown}
 */
/**
 * The context object; the legacy members exist only before nodejs24.x.
 * @typedef {object} LambdaContext
 * @property {string} awsRequestId
 * @property {string} invokedFunctionArn
 * @property {string | undefined} functionName
 * @property {string | undefined} functionVersion
 * @property {string | undefined} memoryLimitInMB
 * @property {string | undefined} logGroupName
 * @property {string | undefined} logStreamName
 * @property {unknown} clientContext
 * @property {undefined} identity
 * @property {() => number} getRemainingTimeInMillis
 * @property {boolean} [callbackWaitsForEmptyEventLoop]
 * @property {(result?: unknown) => void} [succeed]
 * @property {(err?: unknown) => void} [fail]
 * @property {(err?: unknown, result?: unknown) => void} [done]
 */

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
// Variables the cloud set for this process itself (worker.ts's processOnlyEnvironment), named in its arguments:
// the function sees neither them nor the arguments, as on Lambda.
for (const name of process.argv.splice(2)) delete env[name];
const handlerSpec = env._HANDLER ?? '';

/** The cloud's end: IPC when this is a process of its own (worker.ts forks it with an IPC channel). @returns {Cloud} */
function processCloud() {
  return {
    send: (message, then) => {
      if (!process.send) throw new Error('bootstrap.mjs: no IPC channel (the cloud forks it with one)');
      if (then) process.send(message, then);
      else process.send(message);
    },
    onMessage: (listener) => process.on('message', listener),
    writeOutput: (text) => writeSync(1, text),
  };
}

/** The cloud's end in a worker thread: its port to the cloud's thread. @param {import('node:worker_threads').MessagePort} port @returns {Cloud} */
function threadCloud(port) {
  return {
    send: (message, then) => {
      port.postMessage(message);
      then?.();
    },
    onMessage: (listener) => port.on('message', listener),
    // Posted from an 'exit' listener, the message still arrives before the thread's exit.
    writeOutput: (text) => port.postMessage({ output: text }),
  };
}

/** parentPort is null exactly on the main thread. */
const cloud = isMainThread || !parentPort ? processCloud() : threadCloud(parentPort);

/**
 * Log lines of the invocation in progress (or of the init phase), sent back with the reply.
 * @type {string[]}
 */
let lines = [];
/** @type {InvokeMessage | undefined} */
let current;
/** @type {Handler | undefined} */
let handler;

/**
 * Everything the function prints becomes log lines, as the Lambda runtime captures stdout/stderr.
 * @param {string | Uint8Array} chunk
 * @param {BufferEncoding | ((err?: Error | null) => void)} [encoding]
 * @param {(err?: Error | null) => void} [callback]
 * @returns {boolean}
 */
function captureWrite(chunk, encoding, callback) {
  const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString();
  for (const line of text.split('\n')) if (line) lines.push(line);
  const done = typeof encoding === 'function' ? encoding : callback;
  if (done) process.nextTick(done);
  return true;
}
process.stdout.write = captureWrite;
process.stderr.write = captureWrite;
// Object.entries widens the keys to string; they are CONSOLE_LEVELS' own.
for (const [method, level] of /** @type {[keyof typeof CONSOLE_LEVELS, string][]} */ (Object.entries(CONSOLE_LEVELS))) {
  console[method] = (/** @type {unknown[]} */ ...args) => lines.push(`${new Date().toISOString()}\t${current?.id}\t${level}\t${format(...args)}`);
}

class RuntimeError extends Error {
  /**
   * @param {string} errorType
   * @param {string} errorMessage
   */
  constructor(errorType, errorMessage) {
    super(errorMessage);
    this.errorType = errorType;
  }
}

/**
 * @param {unknown} err
 * @returns {Required<FunctionErrorBody>}
 */
function describeError(err) {
  if (err instanceof RuntimeError) return { errorType: err.errorType, errorMessage: err.message, trace: [] };
  if (err instanceof Error) return { errorType: err.name, errorMessage: err.message, trace: (err.stack ?? '').split('\n') };
  return { errorType: typeof err, errorMessage: String(err), trace: [] };
}

/**
 * `value[key]`, or undefined for null and undefined (as `value?.[key]`).
 * @param {unknown} value
 * @param {string} key
 * @returns {unknown}
 */
const member = (value, key) => (value === null || value === undefined ? undefined : /** @type {Record<string, unknown>} */ (value)[key]);

/**
 * `dir/file.export.nested` -> the module `dir/file` and the export path `export.nested`, as Lambda reads _HANDLER.
 * @returns {Promise<Handler>}
 */
async function loadHandler() {
  const slash = handlerSpec.lastIndexOf('/');
  const dot = handlerSpec.indexOf('.', slash + 1);
  if (dot === -1) throw new RuntimeError('Runtime.MalformedHandlerName', 'Bad handler');
  const modulePath = handlerSpec.slice(0, dot);
  // The cloud always sets it (environment.ts), as Lambda does.
  const taskRoot = env.LAMBDA_TASK_ROOT;
  if (taskRoot === undefined) throw new RuntimeError('Runtime.ImportModuleError', 'Error: LAMBDA_TASK_ROOT is not set');
  const file = MODULE_EXTENSIONS.map((ext) => join(taskRoot, modulePath + ext)).find((f) => existsSync(f));
  if (!file) throw new RuntimeError('Runtime.ImportModuleError', `Error: Cannot find module '${modulePath}'`);
  /** @type {Record<string, unknown>} */
  let mod;
  try {
    mod = await import(pathToFileURL(file).href);
  } catch (err) {
    const type = err instanceof SyntaxError ? 'Runtime.UserCodeSyntaxError' : 'Runtime.ImportModuleError';
    throw new RuntimeError(type, `${member(err, 'name') ?? 'Error'}: ${member(err, 'message') ?? err}`);
  }
  const [first, ...rest] = handlerSpec.slice(dot + 1).split('.');
  let fn = mod[first] ?? member(mod.default, first);
  for (const key of rest) fn = member(fn, key);
  if (typeof fn !== 'function') throw new RuntimeError('Runtime.HandlerNotFound', `${handlerSpec} is undefined or not exported`);
  checkCallbackHandler(fn);
  // The function's code decides what it does with its arguments; only its parameter count is checked.
  return /** @type {Handler} */ (fn);
}

/** The runtime's Node major as Lambda names it (AWS_Lambda_nodejs24.x -> 24): the runtime client of that runtime decides. */
const runtimeMajor = Number(/nodejs(\d+)/.exec(env.AWS_EXECUTION_ENV ?? '')?.[1] ?? process.versions.node.split('.')[0]);
/** From nodejs24.x on, Lambda's runtime has no callback-style handlers, no context.succeed/fail/done and no callbackWaitsForEmptyEventLoop. */
const CALLBACKS_REMOVED_FROM = 24;

/**
 * nodejs24.x refuses at init any handler of three or more parameters, async or not (src/function/callback-deprecation.ts);
 * earlier runtimes warn at init for a non-async one of exactly three (src/WarningForCallbackHandlers.js).
 */
/** @param {Function} fn */
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
/**
 * @param {Handler} fn
 * @param {unknown} event
 * @param {InvokeMessage} request
 * @returns {Promise<unknown>}
 */
function run(fn, event, request) {
  return new Promise((resolve, reject) => {
    /** @type {Settle} */
    const settle = (err, result) => (err ? reject(err) : resolve(result));
    const context = contextFor(request, settle);
    const returned = fn.length < 3 ? fn(event, context) : fn(event, context, settle);
    if (isThenable(returned)) returned.then(resolve, reject);
    else if (fn.length < 3) resolve(returned);
  });
}

/**
 * A value with a then() method, as the runtime tells a promise (or any thenable) apart.
 * @param {unknown} value
 * @returns {value is PromiseLike<unknown>}
 */
const isThenable = (value) => Boolean(value) && typeof member(value, 'then') === 'function';

/**
 * @param {InvokeMessage} request
 * @param {Settle} settle
 * @returns {LambdaContext}
 */
function contextFor({ id, deadline, arn, clientContext }, settle) {
  /** @type {LambdaContext} */
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

/**
 * @param {Reply} message
 * @param {() => void} [then]
 */
function reply(message, then) {
  const sent = { ...message, logs: lines, rss: sampledRss() };
  lines = [];
  current = undefined;
  cloud.send(sent, then);
}

/**
 * `exiting` tells the parent not to hand this worker another invocation.
 * @param {string} id
 * @param {unknown} err
 * @param {boolean} [exiting]
 */
function fail(id, err, exiting) {
  const error = describeError(err);
  lines.push(
    `${new Date().toISOString()}\t${id}\tERROR\tInvoke Error \t${JSON.stringify({ errorType: error.errorType, errorMessage: error.errorMessage, stack: error.trace })}`,
  );
  reply({ id, error, exiting }, exiting ? () => process.exit(1) : undefined);
}

/** @param {InvokeMessage} request */
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

/**
 * An error that escapes the handler ends the runtime, as on Lambda: report it, then exit.
 * @param {string} [errorType]
 * @returns {(err: unknown) => void}
 */
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
// The cloud sends nothing but invocations (worker.ts's Host.send takes an InvokeMessage).
cloud.onMessage((request) => void invoke(/** @type {InvokeMessage} */ (request)));
// The cloud went away: a worker process never outlives it (a thread ends with the cloud's process).
if (isMainThread) process.on('disconnect', () => process.exit(0));

try {
  handler = await loadHandler();
} catch {
  // Init errors are reported by each invocation, which retries the load as Lambda does.
}
cloud.send({ ready: true, logs: lines });
lines = [];
