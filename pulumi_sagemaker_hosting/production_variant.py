"""A handle on one variant of a deployed endpoint: its metrics and its auto scaling."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pulumi

from ._naming import join
from ._validation import is_whole
from .errors import Problems, ValidationError
from .instance_types import is_burstable
from .metrics import InvocationHttpResponseCode, Metric, _response_code_metric_name
from .model import Model
from .scaling import ScalableInstanceCount, ScalableProvisionedConcurrency
from .variants import InstanceProductionVariant, ProductionVariant, ServerlessProductionVariant

if TYPE_CHECKING:
    from .endpoint import Endpoint

AWS_SAGEMAKER = "AWS/SageMaker"
# Application Auto Scaling capacities are 32-bit integers.
_INT32_MAX = 2**31 - 1
ENDPOINT_INSTANCES = "/aws/sagemaker/Endpoints"


class EndpointProductionVariant:
    """One production variant of an :class:`Endpoint`, as returned by ``find_production_variant``.

    Metrics have the dimensions ``EndpointName`` and ``VariantName``, a 5-minute period, and
    the CDK module's default statistics; alarms made from them are parented to the endpoint.
    ``EndpointName`` is the endpoint's given ``endpoint_name`` when it has one (a string, or
    another resource's output: either way such alarms do not depend on the endpoint, so they
    can be its rollback alarms), else the endpoint's name output.
    """

    def __init__(self, endpoint: Endpoint, variant: ProductionVariant) -> None:
        self.endpoint = endpoint
        """The endpoint serving this variant."""
        self.variant = variant
        """The variant's definition, as given to the endpoint config."""
        self._scaling: ScalableInstanceCount | ScalableProvisionedConcurrency | None = None

    @property
    def variant_name(self) -> str:
        """The variant's name."""
        return self.variant.variant_name

    @property
    def instance_type(self) -> str | None:
        """The instance type (None for a serverless variant)."""
        if isinstance(self.variant, InstanceProductionVariant):
            return str(self.variant.instance_type)
        return None

    @property
    def initial_instance_count(self) -> int | None:
        """The initial instance count (None for a serverless variant)."""
        if isinstance(self.variant, InstanceProductionVariant):
            return int(self.variant.initial_instance_count)
        return None

    @property
    def resource_id(self) -> pulumi.Output[str]:
        """Application Auto Scaling's id: ``endpoint/<endpoint name>/variant/<variant name>``."""
        variant = self.variant_name
        return self.endpoint.endpoint_name.apply(lambda name: f"endpoint/{name}/variant/{variant}")

    # --- metrics ---------------------------------------------------------------------------

    def metric(
        self, namespace: str, metric_name: str, *, statistic: str = "Sum", **changes: Any
    ) -> Metric:
        """Any metric of this variant (``period``, ``unit``, ``label`` may be given too)."""
        fixed = self.endpoint._fixed_name
        metric = Metric(
            namespace=namespace,
            metric_name=metric_name,
            dimensions={
                # A given name (a string, or another resource's output) does not come from the
                # endpoint: alarms on it need not wait for the endpoint, which lets the
                # endpoint's deployment config name them (no dependency cycle).
                "EndpointName": self.endpoint.endpoint_name if fixed is None else fixed,
                "VariantName": self.variant_name,
            },
            statistic=statistic,
            scope=self.endpoint,
            scope_name=self.endpoint._name,
        )
        return metric.with_(**changes) if changes else metric

    def _default_metric(
        self, namespace: str, metric_name: str, statistic: str, changes: dict[str, Any]
    ) -> Metric:
        # The CDK module's default statistic per metric; any field may be overridden.
        return self.metric(namespace, metric_name, **{"statistic": statistic, **changes})

    def metric_invocations(self, **changes: Any) -> Metric:
        """``Invocations`` (Sum): requests sent to the variant."""
        return self._default_metric(AWS_SAGEMAKER, "Invocations", "Sum", changes)

    def metric_invocations_per_instance(self, **changes: Any) -> Metric:
        """``InvocationsPerInstance`` (Sum): requests per instance (what scaling tracks)."""
        return self._default_metric(AWS_SAGEMAKER, "InvocationsPerInstance", "Sum", changes)

    def metric_model_latency(self, **changes: Any) -> Metric:
        """``ModelLatency`` (Average, microseconds): time the model took to respond."""
        return self._default_metric(AWS_SAGEMAKER, "ModelLatency", "Average", changes)

    def metric_overhead_latency(self, **changes: Any) -> Metric:
        """``OverheadLatency`` (Average, microseconds): SageMaker's own overhead."""
        return self._default_metric(AWS_SAGEMAKER, "OverheadLatency", "Average", changes)

    def metric_invocation_response_code(
        self, code: InvocationHttpResponseCode | str, **changes: Any
    ) -> Metric:
        """``Invocation4XXErrors`` or ``Invocation5XXErrors`` (Sum)."""
        name = _response_code_metric_name(
            code, f"Endpoint {self.endpoint._name!r}: variant {self.variant_name!r}"
        )
        return self._default_metric(AWS_SAGEMAKER, name, "Sum", changes)

    def metric_cpu_utilization(self, **changes: Any) -> Metric:
        """``CPUUtilization`` (Average, percent summed over cores)."""
        return self._default_metric(ENDPOINT_INSTANCES, "CPUUtilization", "Average", changes)

    def metric_memory_utilization(self, **changes: Any) -> Metric:
        """``MemoryUtilization`` (Average, percent)."""
        return self._default_metric(ENDPOINT_INSTANCES, "MemoryUtilization", "Average", changes)

    def metric_disk_utilization(self, **changes: Any) -> Metric:
        """``DiskUtilization`` (Average, percent)."""
        return self._default_metric(ENDPOINT_INSTANCES, "DiskUtilization", "Average", changes)

    def metric_gpu_utilization(self, **changes: Any) -> Metric:
        """``GPUUtilization`` (Average, percent summed over GPUs)."""
        return self._default_metric(ENDPOINT_INSTANCES, "GPUUtilization", "Average", changes)

    def metric_gpu_memory_utilization(self, **changes: Any) -> Metric:
        """``GPUMemoryUtilization`` (Average, percent)."""
        return self._default_metric(ENDPOINT_INSTANCES, "GPUMemoryUtilization", "Average", changes)

    # Multi-model endpoints: loading metrics (AWS/SageMaker) and the loaded-model count per
    # instance (/aws/sagemaker/Endpoints), by EndpointName and VariantName; 1-minute data.
    # https://docs.aws.amazon.com/sagemaker/latest/dg/multi-model-endpoints-cloudwatch-metrics.html
    # https://docs.aws.amazon.com/sagemaker/latest/dg/monitoring-cloudwatch.html

    def _multi_model_metric(
        self, namespace: str, metric_name: str, changes: dict[str, Any]
    ) -> Metric:
        model = self.variant.model
        if isinstance(model, Model) and not model.multi_model:
            raise ValidationError(
                self._where(),
                [
                    f"{metric_name} is published only for multi-model endpoints; the variant's "
                    f"model {model._name!r} has no multi_model=True container"
                ],
            )
        return self._default_metric(namespace, metric_name, "Average", changes)

    def metric_model_loading_wait_time(self, **changes: Any) -> Metric:
        """``ModelLoadingWaitTime`` (Average, microseconds): requests' wait for their model.

        The time a request waited for its model to be downloaded, loaded or both.
        """
        return self._multi_model_metric(AWS_SAGEMAKER, "ModelLoadingWaitTime", changes)

    def metric_model_unloading_time(self, **changes: Any) -> Metric:
        """``ModelUnloadingTime`` (Average, microseconds): time to unload a model."""
        return self._multi_model_metric(AWS_SAGEMAKER, "ModelUnloadingTime", changes)

    def metric_model_downloading_time(self, **changes: Any) -> Metric:
        """``ModelDownloadingTime`` (Average, microseconds): time to download a model from S3."""
        return self._multi_model_metric(AWS_SAGEMAKER, "ModelDownloadingTime", changes)

    def metric_model_loading_time(self, **changes: Any) -> Metric:
        """``ModelLoadingTime`` (Average, microseconds): time to load a model in the container."""
        return self._multi_model_metric(AWS_SAGEMAKER, "ModelLoadingTime", changes)

    def metric_model_cache_hit(self, **changes: Any) -> Metric:
        """``ModelCacheHit`` (Average: the share of requests whose model was already loaded)."""
        return self._multi_model_metric(AWS_SAGEMAKER, "ModelCacheHit", changes)

    def metric_loaded_model_count(self, **changes: Any) -> Metric:
        """``LoadedModelCount`` (Average: models loaded per instance; Sum: across instances)."""
        return self._multi_model_metric(ENDPOINT_INSTANCES, "LoadedModelCount", changes)

    # High-resolution concurrency (what LLM endpoints scale on): SageMaker publishes
    # ConcurrentRequestsPerModel every 10 seconds; CloudWatch alarms on it with a 10 s or 30 s
    # period (or minutes). Target tracking on it is the predefined
    # SageMakerVariantConcurrentRequestsPerModelHighResolution metric.
    # https://docs.aws.amazon.com/sagemaker/latest/dg/endpoint-auto-scaling-prerequisites.html
    # https://aws.amazon.com/blogs/machine-learning/amazon-sagemaker-inference-launches-faster-auto-scaling-for-generative-ai-models/

    def metric_concurrent_requests_per_model(self, *, period: int = 10, **changes: Any) -> Metric:
        """``ConcurrentRequestsPerModel`` (Average): requests in flight or queued in the model.

        A 10 s period by default; 30 s for a steadier signal (or whole minutes).
        """
        if period not in (10, 30) and not (
            isinstance(period, int)
            and not isinstance(period, bool)
            and period >= 60
            and period % 60 == 0
        ):
            raise ValidationError(
                self._where(),
                [
                    "period of the high-resolution concurrency metric must be 10 or 30 seconds "
                    f"(or a multiple of 60), got {period!r}"
                ],
            )
        return self._default_metric(
            AWS_SAGEMAKER, "ConcurrentRequestsPerModel", "Average", {"period": period, **changes}
        )

    # Endpoint-level metrics of asynchronous endpoints (dimension EndpointName only): what
    # scaling an async endpoint to and from zero watches.

    def _endpoint_metric(self, metric_name: str, changes: dict[str, Any]) -> Metric:
        metric = self.metric(AWS_SAGEMAKER, metric_name, statistic="Average")
        metric = metric.with_(dimensions={"EndpointName": metric.dimensions["EndpointName"]})
        return metric.with_(**changes) if changes else metric

    def metric_approximate_backlog_size(self, **changes: Any) -> Metric:
        """``ApproximateBacklogSize`` (Average): queued async requests of the endpoint."""
        return self._endpoint_metric("ApproximateBacklogSize", changes)

    def metric_approximate_backlog_size_per_instance(self, **changes: Any) -> Metric:
        """``ApproximateBacklogSizePerInstance`` (Average): queued async requests per instance."""
        return self._endpoint_metric("ApproximateBacklogSizePerInstance", changes)

    def metric_has_backlog_without_capacity(self, **changes: Any) -> Metric:
        """``HasBacklogWithoutCapacity`` (Average): 1 while requests wait and no instance runs."""
        return self._endpoint_metric("HasBacklogWithoutCapacity", changes)

    # --- auto scaling ----------------------------------------------------------------------

    def _where(self) -> str:
        return f"Endpoint {self.endpoint._name!r}: variant {self.variant_name!r}"

    def auto_scale_instance_count(
        self, *, max_capacity: int | None = None, min_capacity: int | None = None
    ) -> ScalableInstanceCount:
        """Enable auto scaling of the instance count (then add ``scale_on_*`` policies).

        ``max_capacity`` is required (as in CDK: a target bounded at the initial count could
        never scale out); ``min_capacity`` defaults to the initial instance count. Both must
        bracket it: SageMaker resets the count to ``initial_instance_count`` on every config
        update, which must lie within the bounds. An asynchronous endpoint may scale down to
        ``min_capacity=0`` (scale back up on ``metric_has_backlog_without_capacity()``).
        """
        problems = Problems(self._where())
        if max_capacity is None:
            problems.add(
                "auto_scale_instance_count needs max_capacity (the most instances; as in CDK, "
                "a target bounded at the initial instance count could never scale out), "
                "got None"
            )
            problems.raise_if_any()
        variant = self.variant
        if not isinstance(variant, InstanceProductionVariant):
            problems.add(
                "auto_scale_instance_count needs an instance variant; for a serverless variant "
                "use auto_scale_provisioned_concurrency (set provisioned_concurrency)"
            )
            problems.raise_if_any()
            raise AssertionError  # unreachable: raise_if_any raised
        initial = int(variant.initial_instance_count)
        low = initial if min_capacity is None else min_capacity
        high = initial if max_capacity is None else max_capacity
        config = self.endpoint.endpoint_config
        floor = 0 if getattr(config, "async_inference", None) is not None else 1
        self._check_bounds(problems, low, high, initial, "initial instance count", floor)
        if is_burstable(variant.instance_type):
            problems.add(
                f"auto scaling is not supported for burstable instance type "
                f"{variant.instance_type!r}; use a non-burstable type such as ml.m5.large or "
                "ml.c5.large"
            )
        problems.raise_if_any()
        scaling = ScalableInstanceCount(
            join(self.endpoint._name, f"{self.variant_name}-instance-count"),
            resource_id=self.resource_id,
            min_capacity=int(low),
            max_capacity=int(high),
            # No depends_on: resource_id reads the endpoint's name, so the target already
            # waits for the endpoint (and records the dependency).
            opts=pulumi.ResourceOptions(parent=self.endpoint),
        )
        scaling._alarm_scope = (self.endpoint._name, f"{self.variant_name}-instance-count-")
        self._scaling = scaling
        return scaling

    def auto_scale_provisioned_concurrency(
        self, *, min_capacity: int | None = None, max_capacity: int | None = None
    ) -> ScalableProvisionedConcurrency:
        """Enable auto scaling of a serverless variant's provisioned concurrency.

        Bounds default to the variant's ``provisioned_concurrency`` and may not exceed its
        ``max_concurrency``.
        """
        problems = Problems(self._where())
        variant = self.variant
        if not isinstance(variant, ServerlessProductionVariant) or (
            variant.provisioned_concurrency is None
        ):
            problems.add(
                "auto_scale_provisioned_concurrency needs a serverless variant with "
                "provisioned_concurrency; for an instance variant use auto_scale_instance_count"
            )
            problems.raise_if_any()
            raise AssertionError  # unreachable: raise_if_any raised
        initial = int(variant.provisioned_concurrency)
        low = initial if min_capacity is None else min_capacity
        high = initial if max_capacity is None else max_capacity
        self._check_bounds(problems, low, high, initial, "provisioned concurrency")
        problems.check(
            not isinstance(high, (int, float)) or high <= variant.max_concurrency,
            f"max_capacity must be <= max_concurrency ({variant.max_concurrency}), got {high}",
        )
        problems.raise_if_any()
        scaling = ScalableProvisionedConcurrency(
            join(self.endpoint._name, f"{self.variant_name}-provisioned-concurrency"),
            resource_id=self.resource_id,
            min_capacity=int(low),
            max_capacity=int(high),
            # No depends_on: resource_id reads the endpoint's name, so the target already
            # waits for the endpoint (and records the dependency).
            opts=pulumi.ResourceOptions(parent=self.endpoint),
        )
        scaling._alarm_scope = (
            self.endpoint._name,
            f"{self.variant_name}-provisioned-concurrency-",
        )
        self._scaling = scaling
        return scaling

    def _check_bounds(
        self,
        problems: Problems,
        low: object,
        high: object,
        initial: int,
        what: str,
        floor: int = 1,
    ) -> None:
        if self._scaling is not None:
            problems.add("auto scaling is already enabled for this variant")
        for arg, value in (("min_capacity", low), ("max_capacity", high)):
            bound = floor if arg == "min_capacity" else 1
            if not is_whole(value) or not bound <= value <= _INT32_MAX:  # type: ignore[operator]
                hint = " (0 only for asynchronous endpoints)" if arg == "min_capacity" else ""
                problems.add(
                    f"{arg} must be an integer from {bound} to {_INT32_MAX}{hint}, got {value!r}"
                )
                return
        assert isinstance(low, (int, float)) and isinstance(high, (int, float))
        problems.check(low <= initial, f"min_capacity must be <= the {what} ({initial}), got {low}")
        problems.check(
            high >= initial, f"max_capacity must be >= the {what} ({initial}), got {high}"
        )
