"""Deploy an approved version of a SageMaker Model Registry package.

The package version brings its own image and artifacts; the model names neither. Passing
them as ``artifacts`` gives the model's role exactly the reads SageMaker makes with it.
"""

import pulumi

import pulumi_sagemaker_hosting as sm

config = pulumi.Config()
package_arn = (
    config.get("modelPackageArn")
    or "arn:aws:sagemaker:us-east-1:123456789012:model-package/churn-models/7"
)

model = sm.Model(
    "churn",
    containers=[
        sm.ContainerDefinition.from_model_package(
            package_arn,
            environment={"SAGEMAKER_CONTAINER_LOG_LEVEL": "20"},
            artifacts=[
                sm.ContainerImage.from_ecr_repository("churn-serving", "1.4.2"),
                sm.ModelData.from_s3_uri("s3://ml-artifacts-123456789012/churn/7/model.tar.gz"),
            ],
        )
    ],
)

endpoint_config = sm.EndpointConfig(
    "churn",
    instance_production_variants=[
        sm.InstanceProductionVariant(
            model=model,
            variant_name="AllTraffic",
            instance_type=sm.InstanceType.M5_LARGE,
        )
    ],
)
endpoint = sm.Endpoint("churn", endpoint_config=endpoint_config)

pulumi.export("endpoint_name", endpoint.endpoint_name)
