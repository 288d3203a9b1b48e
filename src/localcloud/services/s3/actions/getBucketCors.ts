import { getConfigOperation } from '../bucketConfig.js';
import { corsRulesXml } from '../cors.js';
import { xmlOutput } from '../xml.js';

export const getBucketCors = getConfigOperation('GetBucketCors', 'cors', 's3:GetBucketCORS', (rules) => xmlOutput('CORSConfiguration', corsRulesXml(rules)));
