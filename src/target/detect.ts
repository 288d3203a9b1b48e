import type { RuntimeNode } from '../runtimes/node.js';
import { HEALTH_PATH } from '../localcloud/edge/server.js';

/** What answers on a local port: our embedded cloud, LocalStack, something else, or nothing. */
export type LocalEndpointKind =
  | { kind: 'embedded'; health: CloudHealth }
  | { kind: 'localstack'; services: Record<string, string> }
  | { kind: 'other'; detail: string }
  | { kind: 'none' };

const PROBE_TIMEOUT_MS = 1500;

async function getJson(url: string): Promise<{ status: number; json?: unknown; text?: string } | 'refused'> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    const text = await res.text();
    try {
      return { status: res.status, json: JSON.parse(text) };
    } catch {
      return { status: res.status, text };
    }
  } catch (err) {
    const code = (err as { cause?: { code?: string } }).cause?.code;
    if (code === 'ECONNREFUSED') return 'refused';
    // llhttp's parse errors (HPE_INVALID_CONSTANT...): bytes came back, but not HTTP.
    if (code?.startsWith('HPE_')) throw new Error(`something on port ${new URL(url).port} is not an HTTP server`);
    throw new Error(`${url} did not answer in ${PROBE_TIMEOUT_MS} ms (${code ?? (err as Error).message})`);
  }
}

/** What the embedded cloud's health path says of itself (older clouds leave out the later members). */
export interface CloudHealth {
  pid?: number;
  strict?: boolean;
  lambdaIsolation?: string;
  runtimes?: RuntimeNode[];
  /** Where it keeps its state; absent when in memory (--ephemeral). */
  stateDir?: string;
}

/** Probes the embedded cloud's health path, then LocalStack's (`/_localstack/health` lists each service's state). */
export async function detectLocalEndpoint(endpoint: string): Promise<LocalEndpointKind> {
  let ours: Awaited<ReturnType<typeof getJson>>;
  try {
    ours = await getJson(`${endpoint}${HEALTH_PATH}`);
  } catch (err) {
    return { kind: 'other', detail: (err as Error).message };
  }
  if (ours === 'refused') return { kind: 'none' };
  const health = ours.json as (CloudHealth & { name?: string }) | undefined;
  if (ours.status === 200 && health?.name === 'bus-cli-localcloud') return { kind: 'embedded', health };
  const ls = await getJson(`${endpoint}/_localstack/health`).catch(() => 'refused' as const);
  if (ls !== 'refused' && ls.status === 200 && (ls.json as { services?: unknown })?.services) {
    return { kind: 'localstack', services: (ls.json as { services: Record<string, string> }).services };
  }
  return { kind: 'other', detail: `HTTP ${ours.status} from ${HEALTH_PATH}` };
}

/**
 * LocalStack's free image has no API Gateway v2: its health lists `apigateway` (REST APIs, v1) but no
 * `apigatewayv2`, which only the licensed images provide.
 */
export function localstackHasApiGatewayV2(services: Record<string, string>): boolean {
  const state = services.apigatewayv2;
  return state === 'available' || state === 'running';
}
