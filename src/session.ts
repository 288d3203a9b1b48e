import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { createClients, destroyClients, type Clients } from './aws/clients.js';
import { checkStackName, DEFAULT_STACK, stackTags } from './stack/config.js';
import { savedTrips, stackSpec, wantedTrips, type StackSpec } from './stack/spec.js';
import { chooseBucket } from './stack/bucketChoice.js';
import type { StackContext, StackTarget } from './stack/context.js';
import { bundleFunctions } from './bundle/index.js';
import { detectLocalEndpoint, localstackHasApiGatewayV2, type CloudHealth } from './target/detect.js';
import { cliCommand } from './hints.js';
import { freePortFrom } from './target/free-port.js';
import { daemonFiles, startDetached } from './localcloud/daemon.js';
import { DEFAULT_PORT, LOOPBACK } from './localcloud/core/constants.js';
import { UserError } from './errors.js';
import { busHome, projectPath } from './paths.js';
import { checkCredentials, credentialsFor, expiredCredentials, noCredentials } from './target/credentials.js';
import { checkRegion } from './target/regions.js';
import type { TargetFlags } from './target/flags.js';
import type { Trip } from '../lambdas/domain/index.js';

export const DEFAULT_REGION = 'ap-northeast-2';

export type { TargetFlags };

interface SavedTarget extends TargetFlags {
  kind: StackTarget['kind'];
  /** The trips `up --trips` seeded: part of the stack's desired state, so later commands want the same. */
  trips?: Trip[];
}

const savedTargetFile = () => join(busHome(), 'target.json');

/** The last target `up` used, so `status`, `stats`, `flood` and `down` need no flags. */
export function loadSavedTarget(): SavedTarget | undefined {
  try {
    return existsSync(savedTargetFile()) ? (JSON.parse(readFileSync(savedTargetFile(), 'utf8')) as SavedTarget) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Saves the target `up` used with the spec's choices (src/stack/spec.ts: the stack and bucket flags, and the
 * trips it seeded unless they are the default timetable).
 */
export function saveTarget(target: StackTarget, flags: TargetFlags, spec: StackSpec) {
  mkdirSync(busHome(), { recursive: true });
  const saved: SavedTarget = { ...flags, kind: target.kind, region: target.region, endpoint: target.endpoint, trips: savedTrips(spec) };
  writeFileSync(savedTargetFile(), JSON.stringify(saved, null, 2));
}

function parseEndpoint(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UserError(`--endpoint '${value}' is not a URL`, 'give one like --endpoint http://127.0.0.1:4566');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UserError(`--endpoint '${value}' must be http:// or https://`, 'e.g. --endpoint http://127.0.0.1:4566');
  }
  return url.origin;
}

export interface ResolveOptions {
  /** Start the embedded cloud when nothing answers locally (`up` does; `status` does not). */
  startLocal: boolean;
  onStartLocal?: () => void;
  /** A line worth telling the user once (e.g. how LocalStack is being used). */
  onNotice?: (message: string) => void;
}

/**
 * Works out where the stack lives from the flags (or the last `up`): the embedded cloud
 * (started if needed), LocalStack on the same port, a custom endpoint, or AWS.
 */
export async function resolveTarget(flags: TargetFlags, opts: ResolveOptions): Promise<{ target: StackTarget; flags: TargetFlags; startedLocal: boolean }> {
  const explicit = flags.local || flags.region || flags.endpoint || flags.port;
  const saved = explicit ? undefined : loadSavedTarget();
  const f: TargetFlags = saved ? { ...saved, stack: flags.stack ?? saved.stack, bucket: flags.bucket ?? saved.bucket } : flags;
  if (f.region !== undefined) checkRegion(f.region);
  if (f.stack !== undefined) checkStackName(f.stack);
  if (f.endpoint && !f.local) {
    const endpoint = parseEndpoint(f.endpoint);
    const found = await detectLocalEndpoint(endpoint).catch(() => ({ kind: 'none' as const }));
    if (found.kind === 'none')
      throw new UserError(
        `nothing answers at --endpoint ${endpoint}`,
        `start it first (e.g. \`bus-cli local start${new URL(endpoint).port ? ` --port ${new URL(endpoint).port}` : ''}\`) or fix the URL`,
      );
    return { target: { kind: 'aws', region: f.region ?? DEFAULT_REGION, endpoint }, flags: f, startedLocal: false };
  }
  if (f.local || (!f.region && !saved)) {
    const port = f.port ?? DEFAULT_PORT;
    const endpoint = `http://${LOOPBACK}:${port}`;
    const region = f.region ?? DEFAULT_REGION;
    const found = await detectLocalEndpoint(endpoint);
    if (found.kind === 'embedded') {
      noteWhoseCloud(found.health, port, f, opts);
      return { target: { kind: 'embedded', region, endpoint }, flags: { ...f, local: true }, startedLocal: false };
    }
    if (found.kind === 'localstack') {
      const target: StackTarget = { kind: 'localstack', region, endpoint };
      if (!localstackHasApiGatewayV2(found.services)) target.apigwEndpoint = await apiGatewayFront(port, endpoint, flags, opts);
      return { target, flags: { ...f, local: true }, startedLocal: false };
    }
    if (found.kind === 'other') {
      const free = await freePortFrom(port + 1);
      throw new UserError(
        `port ${port} is taken by something that is not a local cloud (${found.detail})`,
        free === undefined
          ? 'stop it, or pick a free port with --port'
          : `stop it, or run the embedded cloud on a free port: ${cliCommand('up', { ...flags, local: true, port: free })}`,
      );
    }
    if (!opts.startLocal) throw new UserError(`no local cloud answers on ${endpoint}`, `run \`${cliCommand('up', { ...flags, local: true })}\` first`);
    opts.onStartLocal?.();
    await startDetached(busHome(), port, LOOPBACK);
    return { target: { kind: 'embedded', region, endpoint }, flags: { ...f, local: true }, startedLocal: true };
  }
  return { target: { kind: 'aws', region: f.region ?? DEFAULT_REGION }, flags: f, startedLocal: false };
}

/**
 * A cloud found running is used as it is; say so when it may not be the one meant: another project's (its
 * state lives elsewhere), or on the default port when the last `up` used another.
 */
function noteWhoseCloud(health: CloudHealth, port: number, flags: TargetFlags, opts: ResolveOptions) {
  const ownDir = daemonFiles(busHome(), port).dir;
  const lastPort = loadSavedTarget()?.port;
  if (health.stateDir && resolve(health.stateDir) !== resolve(ownDir)) {
    opts.onNotice?.(
      `using the embedded cloud already running on port ${port} (pid ${health.pid}); its state is in ${health.stateDir}, not this project's ${ownDir}`,
    );
  } else if (flags.port === undefined && lastPort !== undefined && lastPort !== port) {
    opts.onNotice?.(`using the embedded cloud on the default port ${port}; the last up used --port ${lastPort} (pass it to use that one)`);
  }
}

/** The port of the embedded API Gateway that fronts LocalStack's Lambda when LocalStack has no API Gateway v2. */
export const apiGatewayFrontPort = (localstackPort: number) => localstackPort + 1;

/**
 * LocalStack's free image has no API Gateway v2: run the embedded cloud next to it, invoking
 * LocalStack's Lambda, and send only the API Gateway calls there.
 */
async function apiGatewayFront(localstackPort: number, localstackEndpoint: string, flags: TargetFlags, opts: ResolveOptions): Promise<string> {
  const port = apiGatewayFrontPort(localstackPort);
  const front = `http://${LOOPBACK}:${port}`;
  const found = await detectLocalEndpoint(front);
  if (found.kind === 'embedded') return front;
  if (found.kind !== 'none') throw new UserError(`port ${port} (the API Gateway front for LocalStack) is taken`, 'free it, or run LocalStack on another port');
  if (!opts.startLocal)
    throw new UserError(
      `LocalStack has no API Gateway v2 and its front on port ${port} is not running`,
      `run \`${cliCommand('up', { ...flags, local: true })}\` first`,
    );
  opts.onNotice?.(`LocalStack has no API Gateway v2 (free image): serving the HTTP API from the embedded cloud on ${front}, in front of LocalStack's Lambda`);
  await startDetached(busHome(), port, LOOPBACK, ['--no-strict', '--lambda-endpoint', localstackEndpoint]);
  return front;
}

/** STS first: on AWS this is where missing or expired credentials show, with a fix to offer. */
export async function callerAccount(clients: Clients, target: StackTarget): Promise<string> {
  try {
    const id = await clients.sts.send(new GetCallerIdentityCommand({}));
    return id.Account!;
  } catch (err) {
    const name = (err as Error).name;
    const msg = (err as Error).message;
    if (name === 'CredentialsProviderError' || /Could not load credentials|credential/i.test(msg)) throw noCredentials();
    if (/ExpiredToken|expired/i.test(name + msg)) throw expiredCredentials();
    if (/InvalidClientTokenId|SignatureDoesNotMatch|UnrecognizedClient/.test(name)) {
      throw new UserError(`AWS rejected the credentials (${name})`, 'check AWS_PROFILE / the access key, or run `aws configure`');
    }
    if (/ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT/.test(msg + String((err as { code?: string }).code))) {
      throw new UserError(`cannot reach AWS STS in ${target.region} (${msg})`, 'check the network, the region name, or --endpoint');
    }
    throw err;
  }
}

export interface StackSession {
  ctx: StackContext;
  target: StackTarget;
  flags: TargetFlags;
  startedLocal: boolean;
  close(): void;
}

export interface OpenOptions extends ResolveOptions {
  /** Build the Lambda zips (needed by plan/up, not by status or down). */
  withCode: boolean;
  /** The trips `up --trips` gave; otherwise those saved with the target for this stack, else the default timetable. */
  trips?: readonly Trip[];
  extraEnv?: StackContext['extraEnv'];
  progress?: (message: string) => void;
}

const NO_CODE = {
  producer: { zip: Buffer.alloc(0), sha256: '', handler: 'index.handler' },
  consumer: { zip: Buffer.alloc(0), sha256: '', handler: 'index.handler' },
};

/**
 * Resolves the target, makes the clients, asks STS who we are, finds the stack's bucket (by its tags,
 * --bucket, or the derived name), and builds the stack context. Nothing is created here.
 */
export async function openStack(flags: TargetFlags, opts: OpenOptions): Promise<StackSession> {
  // Bundling (esbuild) runs while the target is found and the local cloud starts.
  // Bundles are content-addressed, so they are shared by every stack and home (node_modules/.cache, as build tools do).
  const bundling = opts.withCode ? bundleFunctions(projectPath('node_modules', '.cache', 'bus-cli')) : Promise.resolve(NO_CODE);
  bundling.catch(() => {});
  const { target, flags: resolved, startedLocal } = await resolveTarget(flags, opts);
  const credentials = credentialsFor(target);
  await checkCredentials(credentials);
  const clients = createClients({ region: target.region, endpoint: target.endpoint, apigwEndpoint: target.apigwEndpoint, credentials });
  try {
    const stack = resolved.stack ?? DEFAULT_STACK;
    const identify = async () => {
      const account = await callerAccount(clients, target);
      return { account, bucket: await chooseBucket(clients.s3, { stack, account, region: target.region, explicit: resolved.bucket, userFlags: flags }) };
    };
    const [{ account, bucket }, code] = await Promise.all([identify(), bundling]);
    const ctx: StackContext = {
      clients,
      target,
      spec: stackSpec({ stack, bucket: bucket.name, trips: wantedTrips(stack, loadSavedTarget(), opts.trips) }),
      get names() {
        return this.spec.names;
      },
      bucketSource: bucket.source,
      tags: stackTags(stack),
      account,
      outputs: { account },
      code,
      extraEnv: opts.extraEnv ?? { producer: {}, consumer: {} },
      notices: bucket.notice ? [bucket.notice] : [],
      userFlags: flags,
      progress: opts.progress ?? (() => {}),
    };
    return { ctx, target, flags: resolved, startedLocal, close: () => destroyClients(clients) };
  } catch (err) {
    destroyClients(clients);
    throw err;
  }
}
