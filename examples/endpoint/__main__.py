"""Spec twin: an endpoint config splitting traffic 2:1 between two models, and its endpoint."""

import pulumi

import pulumi_sagemaker_hosting as sm

image = sm.ContainerImage.from_ecr_repository("repo", "tag")
model_a = sm.Model("ModelA", containers=[sm.ContainerDefinition(image=image)])
model_b = sm.Model("ModelB", containers=[sm.ContainerDefinition(image=image)])

# Model A gets two thirds of the traffic, model B one third.
endpoint_config = sm.EndpointConfig(
    "EndpointConfig",
    production_variant=sm.InstanceProductionVariant(
        model=model_a,
        variant_name="modelA",
        initial_variant_weight=2.0,
    ),
    extra_production_variants=[
        sm.InstanceProductionVariant(
            model=model_b,
            variant_name="variantB",
            initial_variant_weight=1.0,
        )
    ],
)

endpoint = sm.Endpoint("Endpoint", endpoint_config=endpoint_config)

pulumi.export("endpoint_name", endpoint.endpoint_name)
pulumi.export("invocation_url", endpoint.invocation_url)
