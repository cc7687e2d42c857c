"""The CloudWatch metrics of one inference component (or adapter inference component).

Invocation metrics are in ``AWS/SageMaker`` and utilization metrics in
``/aws/sagemaker/InferenceComponents``, both with the dimension ``InferenceComponentName``:
https://docs.aws.amazon.com/sagemaker/latest/dg/monitoring-cloudwatch.html#cloudwatch-metrics-inference-component

An adapter inference component is invoked by its own name (``InvokeEndpoint`` with
``InferenceComponentName=<adapter>``), so its invocation metrics carry its own name as the
dimension; it has no copies and no compute of its own (it uses the base component's), so the
per-copy and utilization metrics belong to the base:
https://docs.aws.amazon.com/sagemaker/latest/dg/realtime-endpoints-adapt.html
"""

from __future__ import annotations

from typing import Any

import pulumi

from .metrics import InvocationHttpResponseCode, Metric, _response_code_metric_name

AWS_SAGEMAKER = "AWS/SageMaker"
INFERENCE_COMPONENTS = "/aws/sagemaker/InferenceComponents"


class InferenceComponentInvocationMetrics:
    """Invocation metric helpers of an inference component or an adapter.

    Mixed into :class:`InferenceComponentAdapter` (and, through
    :class:`InferenceComponentMetrics`, into :class:`InferenceComponent`). Each metric has the
    dimension ``InferenceComponentName``, a 5-minute period by default, and alarms made from it
    are children of the component.
    """

    _name: str
    inference_component_name: pulumi.Output[str]
    #: The component's kind, as its validation errors name it.
    _KIND = "InferenceComponent"

    def _scope(self) -> pulumi.Resource:
        raise NotImplementedError

    def metric(
        self, namespace: str, metric_name: str, *, statistic: str = "Sum", **changes: Any
    ) -> Metric:
        """Any metric of this component (``period``, ``unit``, ``label`` may be given too)."""
        metric = Metric(
            namespace=namespace,
            metric_name=metric_name,
            dimensions={"InferenceComponentName": self.inference_component_name},
            statistic=statistic,
            scope=self._scope(),
            scope_name=self._name,
        )
        return metric.with_(**changes) if changes else metric

    def _default(
        self, namespace: str, metric_name: str, statistic: str, changes: dict[str, Any]
    ) -> Metric:
        return self.metric(namespace, metric_name, **{"statistic": statistic, **changes})

    def metric_invocations(self, **changes: Any) -> Metric:
        """``Invocations`` (Sum): requests sent to this component."""
        return self._default(AWS_SAGEMAKER, "Invocations", "Sum", changes)

    def metric_model_latency(self, **changes: Any) -> Metric:
        """``ModelLatency`` (Average, microseconds)."""
        return self._default(AWS_SAGEMAKER, "ModelLatency", "Average", changes)

    def metric_overhead_latency(self, **changes: Any) -> Metric:
        """``OverheadLatency`` (Average, microseconds)."""
        return self._default(AWS_SAGEMAKER, "OverheadLatency", "Average", changes)

    def metric_invocation_response_code(
        self, code: InvocationHttpResponseCode | str, **changes: Any
    ) -> Metric:
        """``Invocation4XXErrors`` or ``Invocation5XXErrors`` (Sum)."""
        name = _response_code_metric_name(code, f"{self._KIND} {self._name!r}")
        return self._default(AWS_SAGEMAKER, name, "Sum", changes)


class InferenceComponentMetrics(InferenceComponentInvocationMetrics):
    """Metric helpers of an inference component (mixed into :class:`InferenceComponent`).

    The invocation metrics plus those of its copies and the compute they reserve.
    """

    def metric_invocations_per_copy(self, **changes: Any) -> Metric:
        """``InvocationsPerCopy`` (Sum): requests per copy (what invocation scaling tracks)."""
        return self._default(AWS_SAGEMAKER, "InvocationsPerCopy", "Sum", changes)

    def metric_no_capacity_invocation_failures(self, **changes: Any) -> Metric:
        """``NoCapacityInvocationFailures`` (Sum): requests that found no copy to serve them."""
        return self._default(AWS_SAGEMAKER, "NoCapacityInvocationFailures", "Sum", changes)

    def metric_cpu_utilization(self, **changes: Any) -> Metric:
        """``CPUUtilizationNormalized`` (Average, percent of the cores reserved per copy)."""
        return self._default(INFERENCE_COMPONENTS, "CPUUtilizationNormalized", "Average", changes)

    def metric_memory_utilization(self, **changes: Any) -> Metric:
        """``MemoryUtilizationNormalized`` (Average, percent of the memory reserved)."""
        return self._default(
            INFERENCE_COMPONENTS, "MemoryUtilizationNormalized", "Average", changes
        )

    def metric_gpu_utilization(self, **changes: Any) -> Metric:
        """``GPUUtilizationNormalized`` (Average, percent of the GPUs reserved)."""
        return self._default(INFERENCE_COMPONENTS, "GPUUtilizationNormalized", "Average", changes)

    def metric_gpu_memory_utilization(self, **changes: Any) -> Metric:
        """``GPUMemoryUtilizationNormalized`` (Average, percent of the GPU memory reserved)."""
        return self._default(
            INFERENCE_COMPONENTS, "GPUMemoryUtilizationNormalized", "Average", changes
        )
