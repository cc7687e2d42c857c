"""pulumi-sagemaker-hosting."""
