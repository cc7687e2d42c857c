"""Quickstart: serve a Hugging Face model on a SageMaker endpoint that scales and alarms.

The image is the Hugging Face inference Deep Learning Container; it downloads the model named
by HF_MODEL_ID from the Hugging Face Hub at start-up and serves HF_TASK. Invoke it with
``{"inputs": "I love this!"}``.
"""

import pulumi
import pulumi_aws as aws

import pulumi_sagemaker_hosting as sm

config = pulumi.Config()
model_id = config.get("modelId") or "distilbert/distilbert-base-uncased-finetuned-sst-2-english"
instance_type = config.get("instanceType") or sm.InstanceType.M5_XLARGE

model = sm.Model(
    "sentiment",
    containers=[
        sm.ContainerDefinition(
            image=sm.ContainerImage.from_dlc(
                "huggingface-pytorch-inference",
                "2.1.0-transformers4.37.0-cpu-py310-ubuntu22.04",
            ),
            environment={"HF_MODEL_ID": model_id, "HF_TASK": "text-classification"},
        )
    ],
)

endpoint_config = sm.EndpointConfig(
    "sentiment",
    instance_production_variants=[
        sm.InstanceProductionVariant(
            model=model,
            variant_name="AllTraffic",
            instance_type=instance_type,
            initial_instance_count=1,
            # The container downloads the model at start-up: give it time.
            container_startup_health_check_timeout=600,
        )
    ],
)

endpoint = sm.Endpoint("sentiment", endpoint_config=endpoint_config)
variant = endpoint.find_production_variant("AllTraffic")

# One instance sustains about 20 requests per second; scale out at half of that.
scaling = variant.auto_scale_instance_count(min_capacity=1, max_capacity=4)
scaling.scale_on_invocations("LimitRPS", max_requests_per_second=20)

alerts = aws.sns.Topic("sentiment-alerts")
variant.metric_model_latency(statistic="p99", period=60).create_alarm(
    "LatencyP99",
    threshold=500_000,  # microseconds: 0.5 s
    evaluation_periods=5,
    datapoints_to_alarm=3,
    treat_missing_data="notBreaching",
    alarm_actions=[alerts.arn],
)

pulumi.export("endpoint_name", endpoint.endpoint_name)
pulumi.export("invocation_url", endpoint.invocation_url)
pulumi.export("model_name", model.model_name)
