// Synthesize the benchmark hosting stack N times in one CDK app (one CloudFormation stack).
//
// Usage: node bench/cdk_app.js N [OUTDIR]
// Needs aws-cdk-lib, constructs and @aws-cdk/aws-sagemaker-alpha resolvable through NODE_PATH
// (bench/run.py installs them into bench/.scratch/cdk). Prints one JSON line:
// BENCH_RESULT {"n", "synth_ok", "resources", "error", "synth_s"}; exits 0 even when synth fails so the
// caller can report the failure.
'use strict';

const t0 = process.hrtime.bigint();
const cdk = require('aws-cdk-lib');
const s3 = require('aws-cdk-lib/aws-s3');
const ecr = require('aws-cdk-lib/aws-ecr');
const sagemaker = require('@aws-cdk/aws-sagemaker-alpha');

const n = parseInt(process.argv[2] || '1', 10);
const outdir = process.argv[3] || undefined;

const app = new cdk.App({ outdir });
const stack = new cdk.Stack(app, 'BenchStack', {
  env: { account: '123456789012', region: 'us-east-1' },
});
const bucket = new s3.Bucket(stack, 'artifacts');
const repo = ecr.Repository.fromRepositoryName(stack, 'Repo', 'my-repo');
const image = sagemaker.ContainerImage.fromEcrRepository(repo, 'v1');
const data = sagemaker.ModelData.fromBucket(bucket, 'models/a.tar.gz');

for (let i = 0; i < n; i++) {
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

const result = { n, synth_ok: false, resources: null, error: null, synth_s: null };
try {
  const assembly = app.synth();
  const template = assembly.getStackByName('BenchStack').template;
  result.synth_ok = true;
  result.resources = Object.keys(template.Resources || {}).length;
} catch (err) {
  result.error = String(err && err.message ? err.message : err).split('\n')[0].slice(0, 300);
}
result.synth_s = Number(process.hrtime.bigint() - t0) / 1e9;
console.log("BENCH_RESULT " + JSON.stringify(result));
