"""Serve an image from a private Docker registry, in private subnets of your VPC.

SageMaker pulls the image through the model's VPC (the registry must serve TLS with a
certificate from a public CA and let the model's security group in) and asks a Lambda function
for the registry's credentials. Given subnets but no security group, the model gets one of
its own that allows only outbound HTTPS.
"""

import pulumi
import pulumi_aws as aws

import pulumi_sagemaker_hosting as sm

config = pulumi.Config()
credentials_provider = (
    config.get("credentialsProviderArn")
    or "arn:aws:lambda:us-east-1:123456789012:function:registry-credentials"
)

vpc = aws.ec2.Vpc("inference", cidr_block="10.20.0.0/16")
subnets = [
    aws.ec2.Subnet(
        f"inference-private-{zone}",
        vpc_id=vpc.id,
        cidr_block=cidr,
        availability_zone=f"us-east-1{zone}",
    )
    for zone, cidr in (("a", "10.20.1.0/24"), ("b", "10.20.2.0/24"))
]

model = sm.Model(
    "ranker",
    containers=[
        sm.ContainerDefinition(
            image=sm.ContainerImage.from_private_registry(
                "registry.internal.example.com/ml/ranker:3.2.0",
                credentials_provider_arn=credentials_provider,
            ),
        )
    ],
    vpc_subnets=subnets,
)

endpoint_config = sm.EndpointConfig(
    "ranker",
    instance_production_variants=[
        sm.InstanceProductionVariant(
            model=model,
            variant_name="AllTraffic",
            instance_type=sm.InstanceType.C5_XLARGE,
            initial_instance_count=2,
        )
    ],
)
endpoint = sm.Endpoint("ranker", endpoint_config=endpoint_config)

assert model.security_group is not None
pulumi.export("endpoint_name", endpoint.endpoint_name)
pulumi.export("model_security_group", model.security_group.id)
