"""Run the multi-language plugin: ``python -m pulumi_sagemaker_hosting.provider``.

The Pulumi engine starts it (through ``provider/__main__.py`` at the repository root) with
the engine's address as argument; it serves the components of :data:`COMPONENTS`.
"""

from pulumi.provider.experimental import component_provider_host

from pulumi_sagemaker_hosting.provider import COMPONENTS, PACKAGE_NAME, PACKAGE_VERSION


def main() -> None:
    """Host the components until the engine disconnects."""
    component_provider_host(components=COMPONENTS, name=PACKAGE_NAME, version=PACKAGE_VERSION)


if __name__ == "__main__":
    main()
