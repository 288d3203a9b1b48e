/**
 * Why a resource differs from what `up` wants, as typed codes: `apply()` branches on the code, and the
 * printed text is made from it here, so rewording a line cannot silently stop a repair.
 */
const TEXT = {
  absent: () => 'does not exist',
  'tags-missing': () => 'tags missing',
  'public-access-blocked': () => 'public access is blocked',
  'policy-missing': () => 'policy missing',
  'policy-differs': () => 'policy differs',
  'cors-differs': () => 'CORS differs',
  'website-off': () => 'website hosting off',
  /** detail: `<Setting> is <current>, wants <wanted>`. */
  'setting-differs': (detail) => detail,
  /** detail: the deprecation line (runtime, its block date, the runtime up moves to). */
  'runtime-deprecated': (detail) => detail,
  'environment-differs': () => 'environment differs',
  'code-changed': () => 'code changed',
  'state-failed': () => 'state is Failed',
  'integration-missing': () => 'integration missing',
  'integration-differs': () => 'integration differs',
  'route-missing': (key) => `route ${key} missing`,
  'route-elsewhere': (key) => `route ${key} points elsewhere`,
  'route-extra': (key) => `extra route ${key}`,
  'stage-missing': (stage) => `stage ${stage} missing`,
  'stage-manual-deploy': () => 'stage does not auto-deploy',
  'invoke-permission-missing': () => 'invoke permission missing',
  'partial-failures-off': () => 'partial batch failures not reported',
  'mapping-disabled': () => 'disabled',
  'trust-policy-differs': () => 'trust policy differs',
  'permissions-missing': () => 'permissions missing',
  'permissions-differ': () => 'permissions differ',
  'file-missing': (key) => `${key} missing`,
  'file-changed': (key) => `${key} changed`,
  'key-schema-differs': () => 'key schema is not (id): the table must be deleted by hand',
  'billing-mode-differs': () => 'billing mode is not PAY_PER_REQUEST',
  /** detail: how many and which. */
  'items-missing': (detail) => `${detail} missing`,
} satisfies Record<string, (detail: string) => string>;

export type DriftCode = keyof typeof TEXT;

export interface Drift {
  code: DriftCode;
  /** What `status` and `up` print, made from the code. */
  text: string;
}

export const drift = (code: DriftCode, detail = ''): Drift => ({ code, text: TEXT[code](detail) });

/** True when any of `codes` is among the drifts. */
export const hasDrift = (drifts: readonly Drift[], ...codes: DriftCode[]) => drifts.some((d) => codes.includes(d.code));

export const driftTexts = (drifts: readonly Drift[]) => drifts.map((d) => d.text);
