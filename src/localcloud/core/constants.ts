/** The account every resource of the embedded cloud lives in, as LocalStack does. */
export const ACCOUNT_ID = '000000000000';
export const DEFAULT_REGION = 'us-east-1';
export const DEFAULT_PORT = 4566;
export const LOOPBACK = '127.0.0.1';
/** Largest request body the edge accepts (S3 parts are at most 5 GiB on AWS; we keep it small). */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;
/**
 * glibc gives each thread that allocates its own malloc arena (64 MB reserved, partly resident): the cloud's
 * threads (environments in thread isolation) grew a 10k flood's peak RSS by ~40 MB, and V8's compiler threads
 * ~6 MB per worker process. Two arenas hold the same load (bench/pipeline). In a process's environment before
 * it starts: glibc reads it once.
 */
export const FEW_MALLOC_ARENAS = { MALLOC_ARENA_MAX: '2' } as const;
/** How Lambda execution environments are kept apart (see Isolation in services/lambda/runtime/worker.ts); the first is the default. */
export const LAMBDA_ISOLATIONS = ['process', 'thread'] as const;

/**
 * How an execution environment is kept apart from the others. `process` (the default): its own node
 * process, as Lambda's micro-VM, with its own working directory and time zone, node flags
 * (BUS_CLI_LAMBDA_NODE_ARGS), and a SIGKILL that always ends it. `thread`: its own V8 isolate (its own
 * heap, modules and globals, as workerd runs each worker) on a thread of the cloud's process, tens of
 * MB lighter per environment but less isolated: V8's heap limit for a thread is best-effort (one
 * allocation far past it aborts the whole cloud), a thread blocked in a synchronous native call
 * outlives its termination until the call returns, and the handler runs in the cloud's directory.
 */
export type Isolation = (typeof LAMBDA_ISOLATIONS)[number];
