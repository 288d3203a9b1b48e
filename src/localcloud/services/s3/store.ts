import { createHash, randomBytes } from 'node:crypto';
import { ACCOUNT_ID } from '../../core/constants.js';
import type { BucketPolicy } from './policy.js';
import type { CorsRule, WebsiteConfig } from './configs.js';
import { accessDenied, noSuchBucket } from './errors.js';

/** The version id S3 gives objects written while versioning is off or suspended. */
export const NULL_VERSION = 'null';
const VERSION_ID_BYTES = 24;

/** The canonical user id S3 shows as the owner of everything in the account. */
export const OWNER_ID = createHash('sha256').update(ACCOUNT_ID).digest('hex');

export type VersioningStatus = 'Enabled' | 'Suspended';
export const OBJECT_OWNERSHIPS = ['BucketOwnerEnforced', 'BucketOwnerPreferred', 'ObjectWriter'] as const;
export type ObjectOwnership = (typeof OBJECT_OWNERSHIPS)[number];
export const isObjectOwnership = (value: unknown): value is ObjectOwnership => OBJECT_OWNERSHIPS.includes(value as ObjectOwnership);

export interface PublicAccessBlock {
  BlockPublicAcls: boolean;
  IgnorePublicAcls: boolean;
  BlockPublicPolicy: boolean;
  RestrictPublicBuckets: boolean;
}

export interface Tag {
  Key: string;
  Value: string;
}

/** The optional per-bucket configurations, each with its own Put/Get/Delete operations. */
export interface BucketConfigs {
  policy: BucketPolicy;
  cors: CorsRule[];
  website: WebsiteConfig;
  tagging: Tag[];
  publicAccessBlock: PublicAccessBlock;
  ownershipControls: ObjectOwnership;
}

/** What PutObject stores besides the data. */
export interface ObjectData {
  body: Buffer;
  contentType: string;
  /** Cache-Control, Content-Disposition, Content-Encoding, Content-Language, Expires: returned as stored. */
  headers: Record<string, string>;
  /** x-amz-meta-* headers, names lower-cased without the prefix. */
  metadata: Record<string, string>;
}

export interface ObjectVersion extends ObjectData {
  key: string;
  versionId: string;
  deleteMarker: boolean;
  /** Quoted MD5 of the body, as S3 returns it. */
  etag: string;
  /** Whole seconds, so headers and listings agree. */
  lastModified: Date;
}

const EMPTY = Buffer.alloc(0);
const wholeSeconds = () => new Date(Math.floor(Date.now() / 1000) * 1000);
const newVersionId = () => randomBytes(VERSION_ID_BYTES).toString('base64url');

/** A version as a durable cloud keeps it: the body in a file of its own (`bodies`), named by its SHA-256. */
export type SavedVersion = Omit<ObjectVersion, 'body'> & { body: string };

/** A bucket as a durable cloud keeps it: the policy as its text (parsed again when restored). */
export interface SavedBucket {
  name: string;
  region: string;
  createdAt: Date;
  versioning?: VersioningStatus;
  config: Omit<Partial<BucketConfigs>, 'policy'> & { policy?: string };
  versions: SavedVersion[];
}

export class Bucket {
  createdAt = wholeSeconds();
  versioning?: VersioningStatus;
  readonly config: Partial<BucketConfigs> = {};
  /** Epoch ms until which a lifted BlockPublicPolicy still refuses public policies (strict mode: it propagates). */
  publicPolicyBlockedUntil = 0;
  /** Every key's versions, oldest first; the last one is the latest. */
  private readonly objects = new Map<string, ObjectVersion[]>();
  private sorted?: string[];

  constructor(
    readonly name: string,
    readonly region: string,
  ) {}

  get isEmpty(): boolean {
    return this.objects.size === 0;
  }

  /**
   * Keys in code-unit order, cached until a key appears or goes. S3 sorts UTF-8 bytes: the two
   * orders differ only between astral characters and U+E000..U+FFFF, which bucket keys hardly use.
   */
  sortedKeys(): readonly string[] {
    this.sorted ??= [...this.objects.keys()].sort();
    return this.sorted;
  }

  /** Newest first, delete markers included. */
  versionsOf(key: string): ObjectVersion[] {
    return [...(this.objects.get(key) ?? [])].reverse();
  }

  latest(key: string): ObjectVersion | undefined {
    const versions = this.objects.get(key);
    return versions?.[versions.length - 1];
  }

  /** The object a plain GET returns: the latest version unless it is a delete marker. */
  current(key: string): ObjectVersion | undefined {
    const latest = this.latest(key);
    return latest?.deleteMarker ? undefined : latest;
  }

  version(key: string, versionId: string): ObjectVersion | undefined {
    return this.objects.get(key)?.find((v) => v.versionId === versionId);
  }

  put(key: string, data: ObjectData): ObjectVersion {
    const etag = `"${createHash('md5').update(data.body).digest('hex')}"`;
    return this.add({ ...data, key, versionId: this.nextVersionId(), deleteMarker: false, etag, lastModified: wholeSeconds() });
  }

  /** DeleteObject without a version id: removes the object, or hides it behind a delete marker once versioned. */
  delete(key: string): ObjectVersion | undefined {
    if (!this.versioning) {
      this.remove(key, () => true);
      return undefined;
    }
    const marker: ObjectVersion = {
      key,
      versionId: this.nextVersionId(),
      deleteMarker: true,
      body: EMPTY,
      contentType: '',
      headers: {},
      metadata: {},
      etag: '',
      lastModified: wholeSeconds(),
    };
    return this.add(marker);
  }

  /** Permanently removes one version (object or delete marker); undefined when there was none. */
  deleteVersion(key: string, versionId: string): ObjectVersion | undefined {
    const found = this.version(key, versionId);
    if (found) this.remove(key, (v) => v === found);
    return found;
  }

  /** Every version of every key, oldest first per key. */
  allVersions(): ObjectVersion[] {
    return [...this.objects.values()].flat();
  }

  /** Puts back a version as it was stored (version id, etag and date kept). */
  restoreVersion(version: ObjectVersion): void {
    this.add(version);
  }

  private nextVersionId(): string {
    return this.versioning === 'Enabled' ? newVersionId() : NULL_VERSION;
  }

  /** A new latest version; a `null` one replaces the previous `null` version, as S3 does. */
  private add(version: ObjectVersion): ObjectVersion {
    let versions = this.objects.get(version.key);
    if (!versions) {
      versions = [];
      this.objects.set(version.key, versions);
      this.sorted = undefined;
    } else if (version.versionId === NULL_VERSION) {
      const i = versions.findIndex((v) => v.versionId === NULL_VERSION);
      if (i !== -1) versions.splice(i, 1);
    }
    versions.push(version);
    return version;
  }

  private remove(key: string, which: (v: ObjectVersion) => boolean) {
    const left = this.objects.get(key)?.filter((v) => !which(v)) ?? [];
    if (left.length) this.objects.set(key, left);
    else if (this.objects.delete(key)) this.sorted = undefined;
  }
}

/** All buckets of the account: one global namespace, as in S3, plus names that other accounts own. */
export class S3Store {
  private readonly buckets = new Map<string, Bucket>();
  /** Epoch ms each name was last deleted at: S3 takes a while before the name can be created again. */
  private readonly deletedAt = new Map<string, number>();
  private readonly foreign: ReadonlySet<string>;

  constructor(foreignBucketNames: readonly string[]) {
    this.foreign = new Set(foreignBucketNames);
  }

  isForeign(name: string): boolean {
    return this.foreign.has(name);
  }

  find(name: string): Bucket | undefined {
    return this.buckets.get(name);
  }

  /** The bucket, or NoSuchBucket; AccessDenied for a bucket of another account. */
  bucket(name: string): Bucket {
    if (this.foreign.has(name)) throw accessDenied();
    const bucket = this.buckets.get(name);
    if (!bucket) throw noSuchBucket(name);
    return bucket;
  }

  add(bucket: Bucket): void {
    this.buckets.set(bucket.name, bucket);
  }

  remove(name: string): void {
    this.buckets.delete(name);
    this.deletedAt.set(name, Date.now());
  }

  /** True when `name` was deleted less than `windowMs` ago. */
  deletedWithin(name: string, windowMs: number): boolean {
    return Date.now() - (this.deletedAt.get(name) ?? Number.NEGATIVE_INFINITY) < windowMs;
  }

  list(): Bucket[] {
    return [...this.buckets.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
  }

  /** Every bucket as data; `bodyName` stores a body (once) and names it. */
  saved(bodyName: (body: Buffer) => string): SavedBucket[] {
    return this.list().map((b) => ({
      name: b.name,
      region: b.region,
      createdAt: b.createdAt,
      versioning: b.versioning,
      config: { ...b.config, policy: b.config.policy?.text },
      versions: b.allVersions().map((v) => ({ ...v, body: bodyName(v.body) })),
    }));
  }

  restore(saved: SavedBucket[], body: (name: string) => Buffer, parsePolicy: (text: string, bucket: string) => BucketPolicy): void {
    for (const s of saved) {
      const bucket = new Bucket(s.name, s.region);
      bucket.createdAt = s.createdAt;
      bucket.versioning = s.versioning;
      Object.assign(bucket.config, { ...s.config, policy: s.config.policy === undefined ? undefined : parsePolicy(s.config.policy, s.name) });
      if (bucket.config.policy === undefined) delete bucket.config.policy;
      for (const v of s.versions) bucket.restoreVersion({ ...v, body: body(v.body) });
      this.add(bucket);
    }
  }
}
