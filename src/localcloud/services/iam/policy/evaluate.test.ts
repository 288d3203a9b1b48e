import { describe, expect, it } from 'vitest';
import { parsePolicyDocument, type Statement } from './document.js';
import { PolicySet, wildcardMatcher } from './evaluate.js';

const policy = (...statements: Partial<Statement>[]) =>
  new PolicySet([parsePolicyDocument(JSON.stringify({ Version: '2012-10-17', Statement: statements }), 'identity')]);

const QUEUE = 'arn:aws:sqs:ap-northeast-2:000000000000:aram-queue';
const STATS = 'arn:aws:s3:::aram-app-bucket/stats.json';

describe('IAM policy evaluation', () => {
  it('matches `*` across any characters and `?` exactly one, actions case-insensitively', () => {
    const actions = wildcardMatcher(['sqs:Send*', 'dynamodb:?etItem'], true);
    expect(actions('sqs:SendMessage')).toBe(true);
    expect(actions('SQS:sendmessagebatch')).toBe(true);
    expect(actions('dynamodb:GetItem')).toBe(true);
    expect(actions('dynamodb:BatchGetItem')).toBe(false);
    const resources = wildcardMatcher(['arn:aws:s3:::aram-app-bucket/*'], false);
    expect(resources(STATS)).toBe(true);
    expect(resources('arn:aws:s3:::aram-app-bucket/a/b/c.json')).toBe(true);
    expect(resources('arn:aws:s3:::ARAM-APP-BUCKET/stats.json')).toBe(false);
    expect(wildcardMatcher(['arn:aws:s3:::a.b'], false)('arn:aws:s3:::aXb')).toBe(false);
  });

  it('allows what a statement names, in string or array form, and nothing else (implicit deny)', () => {
    const set = policy({ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: QUEUE }, { Effect: 'Allow', Action: ['s3:PutObject'], Resource: [STATS] });
    expect(set.evaluate('sqs:SendMessage', QUEUE)).toBe('Allow');
    expect(set.evaluate('s3:PutObject', STATS)).toBe('Allow');
    expect(set.evaluate('s3:PutObject', 'arn:aws:s3:::aram-app-bucket/index.html')).toBe('ImplicitDeny');
    expect(set.evaluate('sqs:DeleteQueue', QUEUE)).toBe('ImplicitDeny');
  });

  it('lets an explicit Deny win over any Allow, whatever the order', () => {
    const set = policy({ Effect: 'Deny', Action: 'sqs:*', Resource: QUEUE }, { Effect: 'Allow', Action: '*', Resource: '*' });
    expect(set.evaluate('sqs:SendMessage', QUEUE)).toBe('Deny');
    expect(set.evaluate('sqs:SendMessage', `${QUEUE}-dlq`)).toBe('Allow');
  });

  it('applies NotAction and NotResource to everything they do not name', () => {
    const set = policy({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }, { Effect: 'Deny', Action: 's3:*', NotResource: STATS });
    expect(set.evaluate('dynamodb:PutItem', 'arn:aws:dynamodb:ap-northeast-2:000000000000:table/t')).toBe('Allow');
    expect(set.evaluate('iam:CreateRole', '*')).toBe('ImplicitDeny');
    expect(set.evaluate('s3:PutObject', STATS)).toBe('Allow');
    expect(set.evaluate('s3:PutObject', 'arn:aws:s3:::aram-app-bucket/index.html')).toBe('Deny');
  });

  it('evaluates trust policies by principal: a service, or AWS identities', () => {
    const trust = new PolicySet([
      parsePolicyDocument(
        JSON.stringify({
          Statement: [
            { Effect: 'Allow', Principal: { Service: ['lambda.amazonaws.com'] }, Action: 'sts:AssumeRole' },
            { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::000000000000:root' }, Action: 'sts:AssumeRole' },
          ],
        }),
        'trust',
      ),
    ]);
    expect(trust.evaluateTrust({ service: 'lambda.amazonaws.com' }, 'sts:AssumeRole')).toBe('Allow');
    expect(trust.evaluateTrust({ service: 'ec2.amazonaws.com' }, 'sts:AssumeRole')).toBe('ImplicitDeny');
    expect(trust.evaluateTrust({ aws: ['arn:aws:iam::000000000000:root'] }, 'sts:AssumeRole')).toBe('Allow');
    expect(trust.evaluateTrust({ service: 'lambda.amazonaws.com' }, 'sts:TagSession')).toBe('ImplicitDeny');
  });
});

describe('IAM policy validation', () => {
  const identity = (doc: unknown) => () => parsePolicyDocument(JSON.stringify(doc), 'identity');

  it('names the first problem with IAM messages', () => {
    expect(identity({ Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] })).toThrow('Policy document must be version 2012-10-17 or greater.');
    expect(identity({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Resource: '*' }] })).toThrow('Policy statement must contain actions.');
    expect(identity({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*' }] })).toThrow('Policy statement must contain resources.');
    expect(identity({ Version: '2012-10-17', Statement: [{ Effect: 'Permit', Action: 's3:*', Resource: '*' }] })).toThrow('Syntax errors in policy.');
    expect(identity({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'PutObject', Resource: '*' }] })).toThrow(/prefaced by a vendor/);
    expect(identity({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: 'bucket' }] })).toThrow(
      'Resource bucket must be in ARN format or "*".',
    );
    const trustWithResource = () =>
      parsePolicyDocument(JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole', Resource: '*' }] }), 'trust');
    expect(trustWithResource).toThrow('Has prohibited field Resource');
  });
});
