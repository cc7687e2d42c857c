"""Per endpoint, the components create what hand-written code creates (counted, never timed).

``bench/counts.py`` counts the Outputs, applies, invokes and asyncio tasks a stack program
asks for; one more endpoint of ``bench/stack_ours.py`` must cost no more than one more of
``bench/stack_floor.py`` (the same resources by hand in empty components), but for the one
Output (and its task) of the endpoint config's deferred variants. A regression here (an
``Output.concat`` per ARN, a per-model lookup) shows in ``docs/benchmarks.md`` as time.
"""

from __future__ import annotations

import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent / "bench"


def test_one_more_endpoint_costs_what_the_component_floor_costs() -> None:
    if str(BENCH) not in sys.path:
        sys.path.insert(0, str(BENCH))
    import counts

    ours = counts.per_endpoint("ours", 1, 3)["per_endpoint"]
    floor = counts.per_endpoint("floor", 1, 3)["per_endpoint"]
    assert ours["resources"] == floor["resources"] == 16
    assert ours["invokes"] == floor["invokes"] == 0
    assert ours["applies"] <= floor["applies"], (ours, floor)
    # The deferred variants: one Output over a future, whose state is one task.
    assert ours["outputs"] <= floor["outputs"] + 1, (ours, floor)
    assert ours["tasks"] <= floor["tasks"] + 1, (ours, floor)
    # The SDK walks the Python stack at every registration and records the frames outside the
    # resource's constructors. Ours may register from at most one frame deeper per
    # registration on average than hand-written code; and the floor must record stacks for
    # its components too (a bare ``pulumi.ComponentResource(...)`` records none, which would
    # make the floor cheaper than any component package can be).
    assert abs(ours["frames"] - floor["frames"]) <= ours["resources"], (ours, floor)
