"""Asynchronous inference that scales to zero, with data capture for Model Monitor.

Callers upload payloads under s3://<bucket>/requests/ and call InvokeEndpointAsync; results
land under results/ (failures under failures/) and notify an SNS topic. With nothing queued the
endpoint runs no instance at all: it scales out on queued requests per instance, and from zero
when requests wait without capacity.
"""

import pulumi
import pulumi_aws as aws

import pulumi_sagemaker_hosting as sm

bucket = aws.s3.Bucket("async-io")
done = aws.sns.Topic("async-done")
prefix = pulumi.Output.concat("s3://", bucket.bucket)

model = sm.Model(
    "Summarizer",
    containers=[
        sm.ContainerDefinition(
            image=sm.ContainerImage.from_dlc(
                "huggingface-pytorch-inference",
                "2.1.0-transformers4.37.0-gpu-py310-cu118-ubuntu20.04",
            ),
            environment={"HF_MODEL_ID": "facebook/bart-large-cnn", "HF_TASK": "summarization"},
        )
    ],
)

endpoint_config = sm.EndpointConfig(
    "EndpointConfig",
    instance_production_variants=[
        sm.InstanceProductionVariant(
            model=model, variant_name="AllTraffic", instance_type=sm.InstanceType.G5_XLARGE
        )
    ],
    async_inference=sm.AsyncInference(
        output_path=pulumi.Output.concat(prefix, "/results"),
        failure_path=pulumi.Output.concat(prefix, "/failures"),
        input_path=pulumi.Output.concat(prefix, "/requests"),
        success_topic=done,
        error_topic=done,
        max_concurrent_invocations_per_instance=4,
    ),
    data_capture=sm.DataCapture(pulumi.Output.concat(prefix, "/capture"), sampling_percentage=10),
)

endpoint = sm.Endpoint("Endpoint", endpoint_config=endpoint_config)
variant = endpoint.find_production_variant("AllTraffic")

scaling = variant.auto_scale_instance_count(min_capacity=0, max_capacity=4)
# About 5 queued requests per instance is what one instance works through in a minute.
scaling.scale_to_track_metric(
    "Backlog", target_value=5, metric=variant.metric_approximate_backlog_size_per_instance()
)
# Target tracking cannot leave zero instances (no instance, no per-instance metric): one
# instance starts as soon as a request waits without capacity.
scaling.scale_on_metric(
    "FromZero",
    metric=variant.metric_has_backlog_without_capacity(period=60),
    steps=[sm.ScalingInterval(lower=1, change=1)],
)

pulumi.export("endpoint_name", endpoint.endpoint_name)
pulumi.export("requests", pulumi.Output.concat(prefix, "/requests/"))
