import { drift } from '../drift.js';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import type { Resource, StackContext } from '../context.js';
import { unlessNotFound } from '../retry.js';
import { PROJECT_ROOT } from '../../paths.js';

const PUBLIC_DIR = join(PROJECT_ROOT, 'public');
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
};
/** Placeholders in public/*.html that `up` fills with this stack's URLs (the seed's two constants). */
export const PLACEHOLDERS = { apiBase: '__HTTP_API_BASE__', statsUrl: '__STATS_S3_URL__' };

/** The seed's initial stats.json: written once, then only the consumer rewrites it. */
export const INITIAL_STATS = { requests: 0, processed: 0, success: 0 };

interface SiteFile {
  key: string;
  body: Buffer;
  contentType: string;
  md5: string;
}

interface SiteState {
  /** ETags (md5) of the page files now in the bucket. */
  etags: Record<string, string | undefined>;
  statsPresent: boolean;
}

/** The page files with this stack's URLs written in. */
export function siteFiles(ctx: StackContext): SiteFile[] {
  return readdirSync(PUBLIC_DIR)
    .filter((f) => CONTENT_TYPES[extname(f)])
    .map((f) => {
      let body = readFileSync(join(PUBLIC_DIR, f));
      if (extname(f) === '.html') {
        body = Buffer.from(
          body
            .toString('utf8')
            .replaceAll(PLACEHOLDERS.apiBase, ctx.outputs.apiUrl ?? '')
            .replaceAll(PLACEHOLDERS.statsUrl, ctx.outputs.statsUrl ?? ''),
        );
      }
      return { key: f, body, contentType: CONTENT_TYPES[extname(f)], md5: createHash('md5').update(body).digest('hex') };
    });
}

function etagOf(ctx: StackContext, Key: string): Promise<string | undefined> {
  return unlessNotFound(async () => {
    const head = await ctx.clients.s3.send(new HeadObjectCommand({ Bucket: ctx.outputs.bucket ?? ctx.names.bucket, Key }));
    return head.ETag?.replaceAll('"', '');
  });
}

/** The page (index.html with the URLs) and the initial stats.json in the bucket. */
export const site: Resource<SiteState> = {
  id: 'site',
  after: ['bucket', 'http-api'],
  name: (ctx) => `${ctx.outputs.bucket ?? ctx.names.bucket}/${ctx.spec.settings.indexKey}`,

  async read(ctx) {
    const keys = readdirSync(PUBLIC_DIR).filter((f) => CONTENT_TYPES[extname(f)]);
    const [statsEtag, ...pageEtags] = await Promise.all([ctx.spec.settings.statsKey, ...keys].map((k) => etagOf(ctx, k)));
    // Nothing there (or no bucket yet): the site does not exist.
    if (statsEtag === undefined && pageEtags.every((e) => e === undefined)) return undefined;
    return { etags: Object.fromEntries(keys.map((k, i) => [k, pageEtags[i]])), statsPresent: statsEtag !== undefined };
  },

  diff(ctx, current) {
    if (!current) return [drift('absent')];
    const reasons = siteFiles(ctx)
      .filter((f) => current.etags[f.key] !== f.md5)
      .map((f) => drift(current.etags[f.key] ? 'file-changed' : 'file-missing', f.key));
    if (!current.statsPresent) reasons.push(drift('file-missing', ctx.spec.settings.statsKey));
    return reasons;
  },

  async apply(ctx, current) {
    const s3 = ctx.clients.s3;
    const Bucket = ctx.outputs.bucket ?? ctx.names.bucket;
    for (const f of siteFiles(ctx)) {
      if (current?.etags[f.key] === f.md5) continue;
      await s3.send(new PutObjectCommand({ Bucket, Key: f.key, Body: f.body, ContentType: f.contentType, CacheControl: 'no-cache' }));
    }
    if (!current?.statsPresent) {
      await s3.send(
        new PutObjectCommand({
          Bucket,
          Key: ctx.spec.settings.statsKey,
          Body: JSON.stringify(INITIAL_STATS),
          ContentType: 'application/json',
          CacheControl: 'no-cache',
        }),
      );
    }
  },

  outputs() {},

  // The bucket's destroy empties it.
  destroy: async () => false,

  describe: (_ctx, current) => `${Object.values(current.etags).filter(Boolean).length} page files, stats.json ${current.statsPresent ? 'present' : 'missing'}`,
};
