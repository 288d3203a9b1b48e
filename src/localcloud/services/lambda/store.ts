import { arn } from '../../core/arn.js';
import { ACCOUNT_ID } from '../../core/constants.js';
import { functionNotFound, resourceNotFound } from './errors.js';
import type { PolicyStatement } from './policy.js';

export interface FunctionConfig {
  runtime: string;
  role: string;
  handler: string;
  description: string;
  /** Seconds. */
  timeout: number;
  /** MB. */
  memorySize: number;
  environment?: Record<string, string>;
  architectures: string[];
}

export interface FunctionCode {
  /** Base64 SHA-256 of the zip, as Lambda reports CodeSha256. */
  sha256: string;
  /** Hex SHA-256: names the unzipped folder and the stored zip. */
  hash: string;
  size: number;
  /** The unzipped package, the function's LAMBDA_TASK_ROOT. */
  dir: string;
  zipPath: string;
}

/** What workers run: the code and configuration as of the last finished update. */
export interface Deployment {
  config: FunctionConfig;
  code: FunctionCode;
  revision: number;
}

export type FunctionState = 'Pending' | 'Active';
export type UpdateStatus = 'InProgress' | 'Successful';

export interface LambdaFunction {
  readonly name: string;
  readonly arn: string;
  readonly region: string;
  /** The latest configuration and code, as the API reports them (even while an update is in progress). */
  config: FunctionConfig;
  code: FunctionCode;
  live: Deployment;
  state: FunctionState;
  lastUpdateStatus: UpdateStatus;
  revisionId: string;
  /** `2024-05-01T12:34:56.789+0000`, Lambda's LastModified format. */
  lastModified: string;
  tags: Record<string, string>;
  policy: PolicyStatement[];
  reservedConcurrency?: number;
}

export type MappingState = 'Creating' | 'Enabling' | 'Enabled' | 'Disabling' | 'Disabled' | 'Updating' | 'Deleting';

export interface EventSourceMapping {
  readonly uuid: string;
  readonly region: string;
  readonly eventSourceArn: string;
  functionName: string;
  batchSize: number;
  maximumBatchingWindowInSeconds: number;
  functionResponseTypes: string[];
  /** ScalingConfig.MaximumConcurrency: batches in flight at once. */
  maximumConcurrency?: number;
  /** What the user asked for; `state` follows it after a transition. */
  enabled: boolean;
  state: MappingState;
  /** Epoch seconds. */
  lastModified: number;
  lastProcessingResult: string;
}

export interface RegionState {
  functions: Map<string, LambdaFunction>;
  mappings: Map<string, EventSourceMapping>;
}

/** name | 123456789012:function:name | arn:aws:lambda:region:123456789012:function:name, each with an optional :qualifier. */
const FUNCTION_REF = /^(?:arn:aws[a-zA-Z-]*:lambda:([a-z0-9-]+):(\d{12}):function:|(\d{12}):function:)?([a-zA-Z0-9_-]{1,64})(?::(\$LATEST|[a-zA-Z0-9_-]+))?$/;

/** The function name inside any of the reference forms (the text itself when it is none of them). */
export const functionNameOf = (ref: string) => FUNCTION_REF.exec(ref)?.[4] ?? ref;

export const functionArn = (region: string, name: string) => arn('lambda', region, `function:${name}`);

/** Lambda's data: functions and event source mappings per region. */
export class LambdaStore {
  private readonly regions = new Map<string, RegionState>();

  functions(region: string): Map<string, LambdaFunction> {
    return this.region(region).functions;
  }

  mappings(region: string): Map<string, EventSourceMapping> {
    return this.region(region).mappings;
  }

  *allMappings(): Iterable<EventSourceMapping> {
    for (const state of this.regions.values()) yield* state.mappings.values();
  }

  /**
   * The function a Lambda API call names, in the region the call was sent to: an ARN of another region is
   * AWS's `ResourceNotFoundException: Functions from 'us-east-1' are not reachable in this region ('us-west-1')`
   * (alexcasalboni/aws-lambda-power-tuning#18, Tim-B/grunt-aws-lambda#83), never that region's function.
   */
  reachable(ref: string, region: string): LambdaFunction {
    const inRegion = FUNCTION_REF.exec(ref)?.[1];
    if (inRegion !== undefined && inRegion !== region) {
      throw resourceNotFound(`Functions from '${inRegion}' are not reachable in this region ('${region}')`);
    }
    return this.find(ref, region);
  }

  /** The function a name or ARN points at (only `$LATEST` is modelled), else Lambda's not-found error. */
  find(ref: string, region: string): LambdaFunction {
    const m = FUNCTION_REF.exec(ref);
    const inRegion = m?.[1] ?? region;
    const name = m?.[4] ?? ref;
    const fn = m && (m[2] ?? m[3] ?? ACCOUNT_ID) === ACCOUNT_ID ? this.functions(inRegion).get(name) : undefined;
    const qualifier = m?.[5];
    if (!fn || (qualifier !== undefined && qualifier !== '$LATEST')) {
      throw functionNotFound(qualifier ? `${functionArn(inRegion, name)}:${qualifier}` : functionArn(inRegion, name));
    }
    return fn;
  }

  mapping(uuid: string, region: string): EventSourceMapping {
    const mapping = this.mappings(region).get(uuid);
    if (!mapping) throw resourceNotFound();
    return mapping;
  }

  /** Every region's functions and mappings as plain data: what a durable cloud keeps. */
  saved(): Map<string, RegionState> {
    return this.regions;
  }

  /**
   * Puts saved functions and mappings back as they stand once their transitions end (the timers that
   * would have ended them did not survive the restart): functions Active with their latest update
   * deployed, mappings Enabled or Disabled as asked, mappings being deleted gone.
   */
  restore(saved: Map<string, RegionState>): void {
    for (const [name, { functions, mappings }] of saved) {
      const state = this.region(name);
      for (const fn of functions.values()) {
        if (fn.lastUpdateStatus === 'InProgress') fn.live = { config: fn.config, code: fn.code, revision: fn.live.revision + 1 };
        state.functions.set(fn.name, { ...fn, state: 'Active', lastUpdateStatus: 'Successful' });
      }
      for (const m of mappings.values()) {
        if (m.state !== 'Deleting') state.mappings.set(m.uuid, { ...m, state: m.enabled ? 'Enabled' : 'Disabled' });
      }
    }
  }

  private region(name: string): RegionState {
    let state = this.regions.get(name);
    if (!state) {
      state = { functions: new Map(), mappings: new Map() };
      this.regions.set(name, state);
    }
    return state;
  }
}
