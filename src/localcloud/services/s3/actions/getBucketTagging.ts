import { getConfigOperation } from '../bucketConfig.js';
import { xmlOutput } from '../xml.js';

export const getBucketTagging = getConfigOperation('GetBucketTagging', 'tagging', 's3:GetBucketTagging', (tags) =>
  xmlOutput('Tagging', { TagSet: { Tag: tags.map((t) => ({ ...t })) } }),
);
