/** Values later resources need from earlier ones, known once those exist. */
export interface Outputs {
  account?: string;
  bucket?: string;
  tableArn?: string;
  queueUrl?: string;
  queueArn?: string;
  dlqUrl?: string;
  dlqArn?: string;
  producerRoleArn?: string;
  consumerRoleArn?: string;
  producerArn?: string;
  consumerArn?: string;
  mappingUuid?: string;
  apiId?: string;
  apiUrl?: string;
  websiteUrl?: string;
  statsUrl?: string;
}
