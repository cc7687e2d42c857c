"""Spec twin: a CloudWatch alarm on a variant's model latency."""

import pulumi

import pulumi_sagemaker_hosting as sm

model = sm.Model(
    "Model",
    containers=[sm.ContainerDefinition(image=sm.ContainerImage.from_ecr_repository("repo", "tag"))],
)
endpoint_config = sm.EndpointConfig(
    "EndpointConfig",
    instance_production_variants=[
        sm.InstanceProductionVariant(model=model, variant_name="variantName")
    ],
)

endpoint = sm.Endpoint("Endpoint", endpoint_config=endpoint_config)
production_variant = endpoint.find_production_variant("variantName")
production_variant.metric_model_latency().create_alarm(
    "ModelLatencyAlarm",
    threshold=100000,
    evaluation_periods=3,
)

pulumi.export("endpoint_name", endpoint.endpoint_name)
