"""Deployment guardrails: a canary blue/green rollout, rolled back by the endpoint's own alarms.

Every new endpoint config (a new model image, say) brings up a new fleet and sends a canary
share of the traffic (one instance of four) to it first; after 10 minutes without a 5XX-error
or p99-latency alarm the rest follows, then another 10 minutes of baking. If an alarm fires
meanwhile, SageMaker sends all traffic back to the old fleet. The endpoint has a fixed name,
so its alarms can name it without depending on it.
"""

import pulumi

import pulumi_sagemaker_hosting as sm

model = sm.Model(
    "Model",
    containers=[sm.ContainerDefinition(image=sm.ContainerImage.from_ecr_repository("repo", "tag"))],
)
endpoint_config = sm.EndpointConfig(
    "EndpointConfig",
    instance_production_variants=[
        sm.InstanceProductionVariant(
            model=model,
            variant_name="AllTraffic",
            instance_type=sm.InstanceType.M5_LARGE,
            initial_instance_count=4,
        )
    ],
)

endpoint = sm.Endpoint(
    "Endpoint",
    endpoint_config=endpoint_config,
    endpoint_name="guardrails-demo",
    deployment=sm.BlueGreenDeployment(
        traffic_routing=sm.TrafficRouting.canary(sm.CapacitySize.percent(25), wait_interval=600),
        termination_wait=300,
        maximum_execution_timeout=3600,
    ),
)

# Roll back when 5XX errors reach 5 a minute, or p99 model latency 1 s, in 2 of 3 minutes.
endpoint.add_default_rollback_alarms(error_threshold=5, latency_threshold=1_000_000)

# Any other alarm on the endpoint's metrics can join them (up to 10 in all).
variant = endpoint.find_production_variant("AllTraffic")
overhead = variant.metric_overhead_latency(statistic="p99", period=60).create_alarm(
    "RollbackOverheadLatencyP99", threshold=200_000, evaluation_periods=3, datapoints_to_alarm=2
)
endpoint.add_rollback_alarm(overhead)

pulumi.export("endpoint_name", endpoint.endpoint_name)
