"""Serve a fleet of small models (one per customer) from one endpoint: a multi-model endpoint.

Every ``<customer>.tar.gz`` under the prefix (a TorchServe model archive) is a model;
SageMaker loads one on its first invocation (``TargetModel="acme.tar.gz"``), keeps it while
memory allows and unloads the least used. New models are just new objects under the prefix:
no deployment.
"""

import pulumi
import pulumi_aws as aws

import pulumi_sagemaker_hosting as sm

models = aws.s3.Bucket("customer-models")

model = sm.Model(
    "churn",
    containers=[
        sm.ContainerDefinition(
            # TorchServe in the PyTorch DLC implements SageMaker's multi-model contract.
            image=sm.ContainerImage.from_dlc(
                "pytorch-inference", "2.3.0-cpu-py311-ubuntu20.04-sagemaker"
            ),
            model_data=sm.ModelData.from_bucket_prefix(models, "churn/"),
            multi_model=True,
            # Thousands of models, each invoked a few times a day: keep none cached.
            model_cache=False,
        )
    ],
)

endpoint_config = sm.EndpointConfig(
    "churn",
    instance_production_variants=[
        sm.InstanceProductionVariant(
            model=model,
            variant_name="AllTraffic",
            instance_type=sm.InstanceType.M5_XLARGE,
            initial_instance_count=2,
        )
    ],
)
endpoint = sm.Endpoint("churn", endpoint_config=endpoint_config)
variant = endpoint.find_production_variant("AllTraffic")

# Requests waiting for their model to be downloaded or loaded: the cost of a cold model.
variant.metric_model_loading_wait_time(statistic="p90", period=60).create_alarm(
    "ColdModelWait",
    threshold=2_000_000,  # microseconds: 2 s
    evaluation_periods=5,
    datapoints_to_alarm=3,
    treat_missing_data="notBreaching",
)
# Share of requests whose model was already loaded: too low means the fleet needs memory.
variant.metric_model_cache_hit(period=300).create_alarm(
    "CacheHitRate",
    threshold=0.5,
    comparison_operator="<",
    evaluation_periods=3,
    treat_missing_data="notBreaching",
)

pulumi.export("endpoint_name", endpoint.endpoint_name)
pulumi.export("models_bucket", models.bucket)
