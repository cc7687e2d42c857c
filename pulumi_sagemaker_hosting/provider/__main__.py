"""Run the multi-language plugin: ``python -m pulumi_sagemaker_hosting.provider``.

The Pulumi engine starts it (through ``provider/__main__.py`` at the repository root) with
the engine's address as argument; it serves the components of :data:`COMPONENTS` with the
schema of :func:`provider` (the inferred one plus the package metadata).
"""

import sys

from pulumi.provider import main as serve

from pulumi_sagemaker_hosting.provider import provider


def main() -> None:
    """Host the components until the engine disconnects."""
    serve(provider(), sys.argv[1:])


if __name__ == "__main__":
    main()
