import { getConfigOperation } from '../bucketConfig.js';
import { xmlOutput } from '../xml.js';

export const getBucketWebsite = getConfigOperation('GetBucketWebsite', 'website', 's3:GetBucketWebsite', (site) =>
  xmlOutput('WebsiteConfiguration', {
    RedirectAllRequestsTo: site.RedirectAllRequestsTo && { ...site.RedirectAllRequestsTo },
    IndexDocument: site.IndexDocument && { ...site.IndexDocument },
    ErrorDocument: site.ErrorDocument && { ...site.ErrorDocument },
  }),
);
