"""Two open LLMs sharing one ml.g5.12xlarge endpoint as inference components.

Phi-3.5-mini is always on (one GPU per copy); Qwen2.5-7B (two GPUs per copy) scales to zero
copies when idle and back on its first request, and the endpoint's instances follow the copies
down to zero. A LoRA adapter of Qwen rides on Qwen's copies. Invoke a model (or the adapter)
with ``InvokeEndpoint(EndpointName=..., InferenceComponentName=<the component's name>)``.
"""

import json

import pulumi
import pulumi_aws as aws

import pulumi_sagemaker_hosting as sm

# The Hugging Face Text Generation Inference container: it downloads HF_MODEL_ID at start-up.
TGI = sm.ContainerImage.from_dlc(
    "huggingface-pytorch-tgi-inference", "2.4.0-tgi2.4.0-gpu-py311-cu124-ubuntu22.04"
)

# The role SageMaker assumes for the endpoint's instances (the config's execution role).
endpoint_role = aws.iam.Role(
    "llms-endpoint-role",
    assume_role_policy=json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Principal": {"Service": "sagemaker.amazonaws.com"},
                    "Action": "sts:AssumeRole",
                }
            ],
        }
    ),
)

endpoint_config = sm.EndpointConfig(
    "llms",
    instance_production_variants=[
        sm.InferenceComponentProductionVariant(
            variant_name="AllTraffic",
            instance_type=sm.InstanceType.G5_12XLARGE,  # 4 NVIDIA A10G, 192 GiB
            initial_instance_count=1,
            # SageMaker adds instances when copies need them, and removes them all when no
            # copy runs (min_instance_count=0: what lets the endpoint cost nothing when idle).
            managed_instance_scaling=sm.ManagedInstanceScaling(
                min_instance_count=0, max_instance_count=2
            ),
            routing_strategy=sm.RoutingStrategy.LEAST_OUTSTANDING_REQUESTS,
        )
    ],
    execution_role_arn=endpoint_role.arn,
)
endpoint = sm.Endpoint("llms", endpoint_config=endpoint_config)


# The Large Model Inference container (vLLM), which serves LoRA adapters of its model.
LMI = sm.ContainerImage.from_dlc("djl-inference", "0.31.0-lmi13.0.0-cu124")


def llm(
    name: str, model_id: str, gpus: int, image: sm.ContainerImage = TGI, **environment: str
) -> sm.InferenceComponent:
    """One model, one inference component: its own GPUs, copies and scaling."""
    return sm.InferenceComponent(
        name,
        endpoint=endpoint,
        container=sm.ContainerDefinition(
            image=image,
            environment={"HF_MODEL_ID": model_id, "SM_NUM_GPUS": str(gpus), **environment},
        ),
        compute=sm.ComputeRequirements(
            number_of_accelerator_devices_required=gpus, min_memory_required_in_mb=16384
        ),
        startup_parameters=sm.StartupParameters(
            model_data_download_timeout=1200, container_startup_health_check_timeout=1200
        ),
    )


phi = llm("phi", "microsoft/Phi-3.5-mini-instruct", gpus=1)
phi_copies = phi.auto_scale_copy_count(min_capacity=1, max_capacity=4)
phi_copies.scale_on_concurrent_requests("Concurrency", target_requests_per_copy=4)

qwen = llm(
    "qwen",
    "Qwen/Qwen2.5-7B-Instruct",
    gpus=2,
    image=LMI,
    TENSOR_PARALLEL_DEGREE="2",
    OPTION_ENABLE_LORA="true",
)
qwen_copies = qwen.auto_scale_copy_count(min_capacity=0, max_capacity=2)
# Scale in slowly (15-minute cooldown), down to zero copies when idle. A request then fails
# with no capacity,
# which the step policy answers by adding a copy (ready a few minutes later).
qwen_copies.scale_on_concurrent_requests(
    "Concurrency", target_requests_per_copy=4, scale_in_cooldown=900
)
qwen_copies.scale_out_from_zero()

# A LoRA adapter of Qwen (its weights, a .tar.gz in S3): no GPUs or copies of its own, invoked
# by its own name; Qwen's model role is granted read of exactly that object.
sql = qwen.add_adapter(
    "qwen-sql", artifact=sm.ModelData.from_s3_uri("s3://my-lora-adapters/qwen2.5-7b/sql.tar.gz")
)

pulumi.export("endpoint_name", endpoint.endpoint_name)
pulumi.export("phi_component", phi.inference_component_name)
pulumi.export("qwen_component", qwen.inference_component_name)
pulumi.export("qwen_sql_component", sql.inference_component_name)
