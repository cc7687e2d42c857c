"""IAM, S3, ECR, KMS, SNS, docker-build images and invokes, carried out against moto."""

from __future__ import annotations

import json
from pathlib import Path

import pulumi
import pulumi_aws as aws
import pulumi_docker_build as docker_build
import pytest
from emulator_programs import ACCOUNT, TRUST

from pulumi_sagemaker_hosting.testing import EmulatedStack

POLICY = json.dumps(
    {
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}],
    }
)


def test_iam_role_inline_and_managed_policies(aws_emulator: EmulatedStack) -> None:
    def program() -> None:
        role = aws.iam.Role("exec", assume_role_policy=TRUST, path="/service/")
        aws.iam.RolePolicy("read", role=role.name, policy=POLICY)
        managed = aws.iam.Policy("managed", policy=POLICY, description="read objects")
        aws.iam.RolePolicyAttachment("attach", role=role.name, policy_arn=managed.arn)

    aws_emulator.run(program)
    emu, rec = aws_emulator.emulator, aws_emulator.recorder
    role = rec.named("exec").outputs
    assert role["arn"] == f"arn:aws:iam::{ACCOUNT}:role/service/{role['name']}"
    assert role["uniqueId"].startswith("AROA")
    read = rec.named("read")
    assert emu.role_policies(role["name"]) == {read.outputs["name"]: json.loads(POLICY)}
    managed = rec.named("managed").outputs
    assert managed["arn"] == f"arn:aws:iam::{ACCOUNT}:policy/{managed['name']}"
    assert emu.attached_role_policies(role["name"]) == [managed["arn"]]


def test_bucket_settings_and_uploaded_object_bytes(
    aws_emulator: EmulatedStack, tmp_path: Path
) -> None:
    artifact = tmp_path / "model.tar.gz"
    artifact.write_bytes(b"\x1f\x8b model weights")

    def program() -> None:
        key = aws.kms.Key("key", description="artifacts", enable_key_rotation=True)
        bucket = aws.s3.Bucket("artifacts")
        aws.s3.BucketServerSideEncryptionConfiguration(
            "sse",
            bucket=bucket.id,
            rules=[
                {
                    "apply_server_side_encryption_by_default": {
                        "sse_algorithm": "aws:kms",
                        "kms_master_key_id": key.arn,
                    },
                    "bucket_key_enabled": True,
                }
            ],
        )
        aws.s3.BucketPublicAccessBlock(
            "block",
            bucket=bucket.id,
            block_public_acls=True,
            block_public_policy=True,
            ignore_public_acls=True,
            restrict_public_buckets=True,
        )
        aws.s3.BucketOwnershipControls(
            "owner", bucket=bucket.id, rule={"object_ownership": "BucketOwnerEnforced"}
        )
        versioning = aws.s3.BucketVersioning(
            "versioning", bucket=bucket.id, versioning_configuration={"status": "Enabled"}
        )
        aws.s3.BucketObjectv2(
            "model",
            bucket=bucket.id,
            key="models/abc/model.tar.gz",
            source=pulumi.FileAsset(str(artifact)),
            # Without this edge the upload may race the versioning call (no version id).
            opts=pulumi.ResourceOptions(depends_on=[versioning]),
        )
        aws.s3.BucketObjectv2("note", bucket=bucket.id, key="README", content="hello")

    aws_emulator.run(program)
    emu, rec = aws_emulator.emulator, aws_emulator.recorder
    bucket = rec.named("artifacts").outputs["bucket"]
    assert bucket.startswith("artifacts-")
    assert rec.named("artifacts").outputs["arn"] == f"arn:aws:s3:::{bucket}"
    assert emu.bucket_objects(bucket) == {
        "models/abc/model.tar.gz": b"\x1f\x8b model weights",
        "README": b"hello",
    }
    assert rec.named("model").outputs["versionId"]  # versioning was on before the upload
    s3 = emu.client("s3")
    rule = s3.get_bucket_encryption(Bucket=bucket)["ServerSideEncryptionConfiguration"]["Rules"][0]
    key_arn = rec.named("key").outputs["arn"]
    assert rule["ApplyServerSideEncryptionByDefault"] == {
        "SSEAlgorithm": "aws:kms",
        "KMSMasterKeyID": key_arn,
    }
    block = s3.get_public_access_block(Bucket=bucket)["PublicAccessBlockConfiguration"]
    assert all(block.values()) and len(block) == 4
    rules = s3.get_bucket_ownership_controls(Bucket=bucket)["OwnershipControls"]["Rules"]
    assert rules == [{"ObjectOwnership": "BucketOwnerEnforced"}]
    assert s3.get_bucket_versioning(Bucket=bucket)["Status"] == "Enabled"
    key_id = rec.named("key").outputs["keyId"]
    assert key_arn == f"arn:aws:kms:us-east-1:{ACCOUNT}:key/{key_id}"
    assert emu.client("kms").get_key_rotation_status(KeyId=key_id)["KeyRotationEnabled"] is True


def test_image_is_hashed_and_pushed_to_the_emulated_repository(
    aws_emulator: EmulatedStack, tmp_path: Path
) -> None:
    (tmp_path / "Dockerfile").write_text("FROM python:3.11\nCOPY app.py /\n")
    (tmp_path / "app.py").write_text("print('serve')\n")

    def program() -> pulumi.Output[None]:
        repo = aws.ecr.Repository("repo", image_tag_mutability="MUTABLE")
        aws.ecr.LifecyclePolicy(
            "expire",
            repository=repo.name,
            policy=json.dumps(
                {
                    "rules": [
                        {
                            "rulePriority": 1,
                            "selection": {
                                "tagStatus": "untagged",
                                "countType": "sinceImagePushed",
                                "countUnit": "days",
                                "countNumber": 7,
                            },
                            "action": {"type": "expire"},
                        }
                    ]
                }
            ),
        )
        token = aws.ecr.get_authorization_token_output(registry_id=repo.registry_id)
        docker_build.Image(
            "image",
            push=True,
            context={"location": str(tmp_path)},
            platforms=[docker_build.Platform.LINUX_AMD64],
            tags=[repo.repository_url.apply(lambda url: f"{url}:v1")],
            registries=[
                {
                    "address": repo.repository_url,
                    "username": token.user_name,
                    "password": pulumi.Output.secret(token.password),
                }
            ],
        )
        identity = aws.get_caller_identity_output()
        region = aws.get_region_output()
        partition = aws.get_partition_output()
        pulumi.export("account", identity.account_id)
        return pulumi.Output.all(
            identity.account_id, region.region, partition.dns_suffix, token.proxy_endpoint
        ).apply(_check_invokes)

    aws_emulator.run(program)
    emu, rec = aws_emulator.emulator, aws_emulator.recorder
    repo = rec.named("repo").outputs
    assert repo["repositoryUrl"] == f"{ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/{repo['name']}"
    assert repo["registryId"] == ACCOUNT
    image = rec.named("image").outputs
    (pushed,) = emu.images(repo["name"])
    assert pushed["imageTags"] == ["v1"]
    assert image["digest"] == pushed["imageDigest"]
    assert image["ref"] == f"{repo['repositoryUrl']}:v1@{pushed['imageDigest']}"
    policy = emu.client("ecr").get_lifecycle_policy(repositoryName=repo["name"])
    assert json.loads(policy["lifecyclePolicyText"])["rules"][0]["rulePriority"] == 1

    # A changed build context is a new image.
    (tmp_path / "app.py").write_text("print('serve v2')\n")
    first = image["contextHash"]
    from pulumi_sagemaker_hosting.testing._emulator_image import context_digest

    assert (
        context_digest(
            rec.named("image"),
            {
                "context": {"location": str(tmp_path)},  # type: ignore[arg-type]
                "platforms": ["linux/amd64"],
            },
        )
        != first
    )


def _check_invokes(values: list[str]) -> None:
    account, region, dns_suffix, proxy = values
    assert account == ACCOUNT
    assert region == "us-east-1"
    assert dns_suffix == "amazonaws.com"
    assert proxy == f"https://{ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com"


def test_sns_topic(aws_emulator: EmulatedStack) -> None:
    def program() -> None:
        aws.sns.Topic("alerts", display_name="Alerts")

    aws_emulator.run(program)
    topic = aws_emulator.recorder.named("alerts")
    arn = topic.outputs["arn"]
    assert arn == f"arn:aws:sns:us-east-1:{ACCOUNT}:{topic.outputs['name']}"
    attributes = aws_emulator.emulator.client("sns").get_topic_attributes(TopicArn=arn)
    assert attributes["Attributes"]["DisplayName"] == "Alerts"


def test_kms_key_rotation_period_and_disabled_state(aws_emulator: EmulatedStack) -> None:
    def program() -> None:
        aws.kms.Key("off", is_enabled=False)
        aws.kms.Key("rotated", enable_key_rotation=True, rotation_period_in_days=90)

    aws_emulator.run(program)
    emu, rec = aws_emulator.emulator, aws_emulator.recorder
    kms = emu.client("kms")
    off = kms.describe_key(KeyId=rec.named("off").outputs["keyId"])["KeyMetadata"]
    assert (off["Enabled"], off["KeyState"]) == (False, "Disabled")
    rotation = kms.get_key_rotation_status(KeyId=rec.named("rotated").outputs["keyId"])
    assert rotation["KeyRotationEnabled"] is True
    assert rotation.get("RotationPeriodInDays", 90) == 90


def test_alarm_treat_missing_data_is_case_sensitive(aws_emulator: EmulatedStack) -> None:
    def program() -> None:
        aws.cloudwatch.MetricAlarm(
            "a",
            namespace="AWS/SageMaker",
            metric_name="ModelLatency",
            statistic="Average",
            period=60,
            evaluation_periods=1,
            threshold=1,
            comparison_operator="GreaterThanThreshold",
            treat_missing_data="notbreaching",
        )

    with pytest.raises(Exception, match=r"treatMissingData must be one of .* got 'notbreaching'"):
        aws_emulator.run(program)


def test_alarm_on_a_trimmed_mean_is_accepted_as_aws_would() -> None:
    """moto alone refuses every extended statistic but pXX; AWS takes tm/wm/tc/ts too."""
    from pulumi_sagemaker_hosting.testing import emulated_stack

    with emulated_stack() as stack:

        def program() -> None:
            aws.cloudwatch.MetricAlarm(
                "trimmed",
                comparison_operator="GreaterThanThreshold",
                evaluation_periods=1,
                metric_name="ModelLatency",
                namespace="AWS/SageMaker",
                period=60,
                threshold=1.0,
                extended_statistic="tm90",
            )

        stack.run(program)
        (alarm,) = stack.emulator.alarms()
        assert alarm["ExtendedStatistic"] == "tm90"
