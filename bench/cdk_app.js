// Synthesize the benchmark hosting stack N times in one CDK app, spread over as many
// CloudFormation stacks as CloudFormation's 500-resources-per-stack quota needs, as a CDK user
// deploying N endpoints must
// (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html).
//
// Layout: the shared S3 bucket lives in its own stack, BenchShared; endpoints go into
// BenchEndpoints0, BenchEndpoints1, ... at most ENDPOINTS_PER_STACK each (11 resources an
// endpoint: 45 x 11 = 495 <= 500). Every endpoint stack reads the bucket through CDK's
// automatic cross-stack references: CDK adds an Output with an Export to BenchShared and an
// Fn::ImportValue where the endpoint stacks use the bucket's ARN or name, and orders the
// stacks (BenchShared deploys first)
// (https://docs.aws.amazon.com/cdk/v2/guide/resources.html#resource_stack).
// A dedicated stack for shared storage is the usual CDK layout: the bucket's lifetime does not
// depend on any endpoint stack. Each endpoint stack imports the ECR repository by name itself
// (an imported repository is not a resource).
//
// Usage: node bench/cdk_app.js N [OUTDIR]
// Needs aws-cdk-lib, constructs and @aws-cdk/aws-sagemaker-alpha resolvable through NODE_PATH
// (bench/run.py installs them into bench/.scratch/cdk). Prints one JSON line:
// BENCH_RESULT {"n", "synth_ok", "resources", "stacks", "max_stack_resources", "error",
// "synth_s"} (resources summed over every stack); exits 0 even when synth fails so the caller
// can report the failure.
'use strict';

const t0 = process.hrtime.bigint();
const cdk = require('aws-cdk-lib');
const s3 = require('aws-cdk-lib/aws-s3');
const ecr = require('aws-cdk-lib/aws-ecr');
const sagemaker = require('@aws-cdk/aws-sagemaker-alpha');

const n = parseInt(process.argv[2] || '1', 10);
const outdir = process.argv[3] || undefined;
// Two models (role, policy, model each), config, endpoint, scalable target, scaling policy,
// alarm.
const RESOURCES_PER_ENDPOINT = 11;
const STACK_RESOURCE_LIMIT = 500;
const ENDPOINTS_PER_STACK = Math.floor(STACK_RESOURCE_LIMIT / RESOURCES_PER_ENDPOINT);

const app = new cdk.App({ outdir });
const env = { account: '123456789012', region: 'us-east-1' };
const shared = new cdk.Stack(app, 'BenchShared', { env });
const bucket = new s3.Bucket(shared, 'artifacts');
const data = sagemaker.ModelData.fromBucket(bucket, 'models/a.tar.gz');
const stacks = [shared];
let stack = null;
let image = null;

for (let i = 0; i < n; i++) {
  if (i % ENDPOINTS_PER_STACK === 0) {
    stack = new cdk.Stack(app, `BenchEndpoints${stacks.length - 1}`, { env });
    stacks.push(stack);
    const repo = ecr.Repository.fromRepositoryName(stack, 'Repo', 'my-repo');
    image = sagemaker.ContainerImage.fromEcrRepository(repo, 'v1');
  }
  const modelA = new sagemaker.Model(stack, `model-a-${i}`, {
    containers: [{ image, modelData: data }],
  });
  const modelB = new sagemaker.Model(stack, `model-b-${i}`, {
    containers: [{ image, modelData: data }, { image }, { image, modelData: data }],
  });
  const config = new sagemaker.EndpointConfig(stack, `config-${i}`, {
    instanceProductionVariants: [
      {
        model: modelA,
        variantName: 'modelA',
        instanceType: sagemaker.InstanceType.M5_LARGE,
        initialVariantWeight: 2.0,
      },
      {
        model: modelB,
        variantName: 'variantB',
        instanceType: sagemaker.InstanceType.M5_LARGE,
        initialVariantWeight: 1.0,
      },
    ],
  });
  const endpoint = new sagemaker.Endpoint(stack, `endpoint-${i}`, { endpointConfig: config });
  const variant = endpoint.findInstanceProductionVariant('modelA');
  variant
    .autoScaleInstanceCount({ maxCapacity: 3 })
    .scaleOnInvocations('LimitRPS', { maxRequestsPerSecond: 30 });
  variant.metricModelLatency().createAlarm(stack, `ModelLatencyAlarm-${i}`, {
    threshold: 100000,
    evaluationPeriods: 3,
  });
}

const result = {
  n,
  synth_ok: false,
  resources: null,
  stacks: stacks.length,
  max_stack_resources: null,
  error: null,
  synth_s: null,
};
try {
  const assembly = app.synth();
  const counts = stacks.map(
    (s) => Object.keys(assembly.getStackByName(s.stackName).template.Resources || {}).length,
  );
  result.synth_ok = true;
  result.resources = counts.reduce((a, b) => a + b, 0);
  result.max_stack_resources = Math.max(...counts);
} catch (err) {
  result.error = String(err && err.message ? err.message : err).split('\n')[0].slice(0, 300);
}
result.synth_s = Number(process.hrtime.bigint() - t0) / 1e9;
console.log("BENCH_RESULT " + JSON.stringify(result));
