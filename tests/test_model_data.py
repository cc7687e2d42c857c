"""ModelData factories: URLs, object-level read grants, content-addressed uploads."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pulumi
import pulumi_aws as aws
import pytest

import pulumi_sagemaker_hosting as sm
from pulumi_sagemaker_hosting import ValidationError
from pulumi_sagemaker_hosting.testing import RecordingMonitor, mocked_stack, run

IMAGE = sm.ContainerImage.from_ecr_repository("repo", "v1")


def model(data: sm.ModelData, name: str = "svc") -> sm.Model:
    return sm.Model(name, containers=[sm.ContainerDefinition(image=IMAGE, model_data=data)])


def data_url(rec: RecordingMonitor, name: str = "svc") -> str:
    url: str = rec.named(f"{name}-model").inputs["primaryContainer"]["modelDataUrl"]
    return url


def read_statement(rec: RecordingMonitor, name: str = "svc") -> dict[str, object]:
    statements = json.loads(rec.named(f"{name}-policy").inputs["policy"])["Statement"]
    (read,) = [s for s in statements if s.get("Sid") == "ReadModelData"]
    result: dict[str, object] = read
    return result


def test_from_bucket_resource_grants_that_object_only(rec: RecordingMonitor) -> None:
    def program() -> None:
        bucket = aws.s3.Bucket("MyBucket")
        model(sm.ModelData.from_bucket(bucket, "path/to/artifact/file.tar.gz"))

    run(program)
    bucket = rec.named("MyBucket").outputs["bucket"]
    assert data_url(rec) == f"s3://{bucket}/path/to/artifact/file.tar.gz"
    assert read_statement(rec) == {
        "Effect": "Allow",
        "Action": ["s3:GetObject"],
        "Resource": [f"arn:aws:s3:::{bucket}/path/to/artifact/file.tar.gz"],
        "Sid": "ReadModelData",
    }


def test_from_bucket_name_and_s3_uri(rec: RecordingMonitor) -> None:
    run(
        lambda: [
            model(sm.ModelData.from_bucket("my-bucket", "a/b.tar.gz"), "a"),
            model(sm.ModelData.from_s3_uri("s3://other.bucket/c.tar.gz"), "b"),
        ]
    )
    assert data_url(rec, "a") == "s3://my-bucket/a/b.tar.gz"
    assert read_statement(rec, "a")["Resource"] == ["arn:aws:s3:::my-bucket/a/b.tar.gz"]
    assert data_url(rec, "b") == "s3://other.bucket/c.tar.gz"


def test_two_containers_reading_two_objects_merge_into_one_statement(
    rec: RecordingMonitor,
) -> None:
    run(
        lambda: sm.Model(
            "svc",
            containers=[
                sm.ContainerDefinition(IMAGE, sm.ModelData.from_s3_uri("s3://bkt/one.tar.gz")),
                sm.ContainerDefinition(IMAGE, sm.ModelData.from_s3_uri("s3://bkt/two.tar.gz")),
            ],
        )
    )
    assert read_statement(rec)["Resource"] == [
        "arn:aws:s3:::bkt/one.tar.gz",
        "arn:aws:s3:::bkt/two.tar.gz",
    ]
    statements = json.loads(rec.named("svc-policy").inputs["policy"])["Statement"]
    sids = [s["Sid"] for s in statements]
    assert len(sids) == len(set(sids))  # IAM wants unique Sids


@pytest.mark.parametrize(
    ("bucket", "key", "message"),
    [
        ("my-bucket", "", r"key must be an S3 object key .* got ''"),
        ("my-bucket", "/abs.tar.gz", r"got '/abs.tar.gz'"),
        ("my-bucket", "prefix/", r"got 'prefix/'"),
        ("My_Bucket", "k.tar.gz", r"bucket must be an S3 bucket name, got 'My_Bucket'"),
    ],
)
def test_from_bucket_validation(bucket: str, key: str, message: str) -> None:
    with pytest.raises(ValidationError, match=r"ModelData.from_bucket: .*" + message):
        sm.ModelData.from_bucket(bucket, key)


def test_from_s3_uri_validation() -> None:
    with pytest.raises(
        ValidationError, match=r"ModelData.from_s3_uri: uri must look like s3://bucket/key"
    ):
        sm.ModelData.from_s3_uri("https://bucket/key")


def artifact(tmp_path: Path, content: bytes = b"weights") -> Path:
    path = tmp_path / "model.tar.gz"
    path.write_bytes(content)
    return path


def test_from_asset_uploads_under_a_content_addressed_key(
    rec: RecordingMonitor, tmp_path: Path
) -> None:
    path = artifact(tmp_path)
    sha = hashlib.sha256(b"weights").hexdigest()
    run(lambda: model(sm.ModelData.from_asset(str(path))))
    bucket = rec.named("svc-artifacts")
    assert bucket.parent_name == "svc" and bucket.inputs == {"forceDestroy": True}
    assert rec.named("svc-artifacts-public-access").inputs == {
        "bucket": bucket.outputs["bucket"],
        "blockPublicAcls": True,
        "blockPublicPolicy": True,
        "ignorePublicAcls": True,
        "restrictPublicBuckets": True,
    }
    assert rec.named("svc-artifacts-encryption").inputs == {
        "bucket": bucket.outputs["bucket"],
        "rules": [{"applyServerSideEncryptionByDefault": {"sseAlgorithm": "AES256"}}],
    }
    assert rec.named("svc-artifacts-ownership").inputs == {
        "bucket": bucket.outputs["bucket"],
        "rule": {"objectOwnership": "BucketOwnerEnforced"},
    }
    upload = rec.named(f"svc-data-{sha[:8]}")
    assert upload.parent_name == "svc"
    source = upload.inputs.pop("source")
    assert isinstance(source, pulumi.FileAsset) and source.path == str(path)
    assert upload.inputs == {
        "bucket": bucket.outputs["bucket"],
        "key": f"models/{sha}/model.tar.gz",
        "sourceHash": sha,
        "contentType": "application/gzip",
    }
    assert data_url(rec) == f"s3://{bucket.outputs['bucket']}/models/{sha}/model.tar.gz"
    assert read_statement(rec)["Resource"] == [
        f"arn:aws:s3:::{bucket.outputs['bucket']}/models/{sha}/model.tar.gz"
    ]
    assert upload.urn in rec.named("svc-model").dependencies


def test_new_content_is_a_new_key(tmp_path: Path) -> None:
    def key(content: bytes) -> str:
        path = artifact(tmp_path, content)
        with mocked_stack() as rec:
            run(lambda: model(sm.ModelData.from_asset(str(path))))
            value: str = rec.of_type("aws:s3/bucketObjectv2:BucketObjectv2")[0].inputs["key"]
            return value

    assert key(b"v1") != key(b"v2")
    assert key(b"v1") == key(b"v1")


def test_from_asset_into_a_given_bucket_uploads_once(rec: RecordingMonitor, tmp_path: Path) -> None:
    path = artifact(tmp_path)

    def program() -> None:
        bucket = aws.s3.Bucket("shared")
        data = sm.ModelData.from_asset(str(path), bucket=bucket)
        model(data, "a")
        model(data, "b")

    run(program)
    assert [r.name for r in rec.of_type("aws:s3/bucket:Bucket")] == ["shared"]
    (upload,) = rec.of_type("aws:s3/bucketObjectv2:BucketObjectv2")
    assert upload.inputs["bucket"] == rec.named("shared").outputs["bucket"]
    assert data_url(rec, "a") == data_url(rec, "b")


def test_from_asset_validation(tmp_path: Path) -> None:
    with pytest.raises(
        ValidationError,
        match=r"ModelData.from_asset: path must be a gzipped tar file ending in .tar.gz, "
        r"got 'model.zip'",
    ):
        sm.ModelData.from_asset("model.zip")
    with pytest.raises(
        ValidationError, match=r"path must be an existing file, got '.*nope.tar.gz'"
    ):
        sm.ModelData.from_asset(str(tmp_path / "nope.tar.gz"))
    assert sm.ModelData.from_asset(str(artifact(tmp_path)).replace(".tar.gz", ".tar.gz"))
    upper = tmp_path / "MODEL.TAR.GZ"
    upper.write_bytes(b"x")
    assert sm.ModelData.from_asset(str(upper))  # the extension check ignores case
