"""Spec twin: auto scaling a variant's instance count on invocations per instance."""

import pulumi

import pulumi_sagemaker_hosting as sm

model = sm.Model(
    "Model",
    containers=[sm.ContainerDefinition(image=sm.ContainerImage.from_ecr_repository("repo", "tag"))],
)
endpoint_config = sm.EndpointConfig(
    "EndpointConfig",
    instance_production_variants=[
        # Burstable types (ml.t2, ml.t3) cannot auto scale: use a standard type.
        sm.InstanceProductionVariant(
            model=model, variant_name="variantName", instance_type=sm.InstanceType.M5_LARGE
        )
    ],
)

endpoint = sm.Endpoint("Endpoint", endpoint_config=endpoint_config)
production_variant = endpoint.find_production_variant("variantName")
instance_count = production_variant.auto_scale_instance_count(max_capacity=3)
instance_count.scale_on_invocations("LimitRPS", max_requests_per_second=30)

pulumi.export("endpoint_name", endpoint.endpoint_name)
