"""Spec twin: a single-container model and a three-container inference pipeline."""

import pulumi
import pulumi_aws as aws

import pulumi_sagemaker_hosting as sm

bucket = aws.s3.Bucket("artifacts")
image = sm.ContainerImage.from_ecr_repository("inference", "v1")
model_data = sm.ModelData.from_bucket(bucket, "model.tar.gz")
image1 = sm.ContainerImage.from_ecr_repository("preprocess", "v1")
image2 = sm.ContainerImage.from_ecr_repository("predict", "v1")
image3 = sm.ContainerImage.from_ecr_repository("postprocess", "v1")
model_data1 = sm.ModelData.from_bucket(bucket, "preprocess.tar.gz")
model_data2 = sm.ModelData.from_bucket(bucket, "predict.tar.gz")
model_data3 = sm.ModelData.from_bucket(bucket, "postprocess.tar.gz")

# Single container model.
model = sm.Model(
    "PrimaryContainerModel",
    container=sm.ContainerDefinition(image=image, model_data=model_data),
)

# Inference pipeline model: the container, then the extra containers, in order.
pipeline = sm.Model(
    "InferencePipelineModel",
    container=sm.ContainerDefinition(image=image1, model_data=model_data1),
    extra_containers=[
        sm.ContainerDefinition(image=image2, model_data=model_data2),
        sm.ContainerDefinition(image=image3, model_data=model_data3),
    ],
)

pulumi.export("model_name", model.model_name)
pulumi.export("pipeline_model_name", pipeline.model_name)
