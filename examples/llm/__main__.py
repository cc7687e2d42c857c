"""Serve a gated LLM (Llama 3 8B Instruct) with Hugging Face TGI on one GPU.

The weights are uncompressed files under an S3 prefix (copied there from the Hugging Face Hub
after accepting Meta's licence); SageMaker copies them to /opt/ml/model, where TGI loads them.
``accept_eula=True`` records that you accept the model's licence. Invoke the endpoint with the
Messages API, ``{"messages": [{"role": "user", "content": "Hello"}]}``.
"""

import pulumi

import pulumi_sagemaker_hosting as sm

config = pulumi.Config()
weights_uri = config.get("weightsUri") or "s3://my-model-weights/meta-llama-3-8b-instruct/"

model = sm.Model(
    "llama3",
    containers=[
        sm.ContainerDefinition(
            image=sm.ContainerImage.from_dlc(
                "huggingface-pytorch-tgi-inference",
                "2.4.0-tgi2.3.1-gpu-py311-cu124-ubuntu22.04",
            ),
            model_data=sm.ModelData.from_s3_prefix(weights_uri, accept_eula=True),
            environment={
                "HF_MODEL_ID": "/opt/ml/model",  # the weights SageMaker copied from S3
                "SM_NUM_GPUS": "1",  # ml.g5.2xlarge has one A10G
                "MAX_INPUT_TOKENS": "4096",
                "MAX_TOTAL_TOKENS": "8192",
                "MAX_BATCH_PREFILL_TOKENS": "8192",
                "MESSAGES_API_ENABLED": "true",
            },
        )
    ],
)

endpoint_config = sm.EndpointConfig(
    "llama3",
    instance_production_variants=[
        sm.InstanceProductionVariant(
            model=model,
            variant_name="AllTraffic",
            instance_type=sm.InstanceType.G5_2XLARGE,
            initial_instance_count=1,
            # 16 GB of weights to copy and load onto the GPU before the first health check.
            container_startup_health_check_timeout=900,
            model_data_download_timeout=900,
            # Generations take seconds and vary in length: send each request to the
            # instance with the fewest in flight, not to a random one.
            routing_strategy=sm.RoutingStrategy.LEAST_OUTSTANDING_REQUESTS,
        )
    ],
)

endpoint = sm.Endpoint("llama3", endpoint_config=endpoint_config)
variant = endpoint.find_production_variant("AllTraffic")

# Scale on requests in flight per model copy, published every 10 seconds: an LLM is limited
# by concurrent generations, not by requests per minute.
scaling = variant.auto_scale_instance_count(min_capacity=1, max_capacity=4)
scaling.scale_on_concurrent_requests(
    "Concurrency",
    target_requests_per_model=4,
    scale_in_cooldown=600,
    scale_out_cooldown=60,
)

# Alarm when generations queue up: three 10-second periods above 8 in flight.
variant.metric_concurrent_requests_per_model(period=10, statistic="Maximum").create_alarm(
    "Saturated",
    threshold=8,
    evaluation_periods=3,
    treat_missing_data="notBreaching",
)
# SageMaker publishes no time-to-first-token metric; p90 model latency (whole responses) is
# the closest published signal.
variant.metric_model_latency(statistic="p90", period=60).create_alarm(
    "LatencyP90",
    threshold=20_000_000,  # microseconds: 20 s for a full generation
    evaluation_periods=5,
    datapoints_to_alarm=3,
    treat_missing_data="notBreaching",
)

pulumi.export("endpoint_name", endpoint.endpoint_name)
pulumi.export("model_name", model.model_name)
