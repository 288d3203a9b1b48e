import { invalidArgument } from '../errors.js';
import { continuationToken, keyAfterToken } from '../listing.js';
import { bucketArn } from '../resources.js';
import { OWNER_ID } from '../store.js';
import { xmlOutput } from '../xml.js';
import { defineAction } from '../action.js';

const MAX_BUCKETS = 10_000;

/** ListBuckets, with the prefix / bucket-region filters and max-buckets pagination of the current API. */
export const listBuckets = defineAction({
  name: 'ListBuckets',
  action: 's3:ListAllMyBuckets',
  run({ req }, store) {
    const q = req.query;
    const prefix = q.get('prefix') ?? '';
    const region = q.get('bucket-region');
    const rawMax = q.get('max-buckets');
    const max = rawMax === null ? MAX_BUCKETS : Number(rawMax);
    if (!Number.isInteger(max) || max < 1 || max > MAX_BUCKETS) throw invalidArgument('max-buckets must be between 1 and 10000', 'max-buckets', String(rawMax));
    const token = q.get('continuation-token');
    const after = token ? keyAfterToken(token) : '';
    const matching = store.list().filter((b) => b.name.startsWith(prefix) && (!region || b.region === region) && b.name > after);
    const page = matching.slice(0, max);
    return xmlOutput('ListAllMyBucketsResult', {
      Buckets: {
        Bucket: page.map((b) => ({ Name: b.name, CreationDate: b.createdAt.toISOString(), BucketRegion: b.region, BucketArn: bucketArn(b.name) })),
      },
      Owner: { ID: OWNER_ID },
      ContinuationToken: page.length < matching.length ? continuationToken(page[page.length - 1].name) : undefined,
      Prefix: q.get('prefix') ?? undefined,
    });
  },
});
