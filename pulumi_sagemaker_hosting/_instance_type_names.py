"""SageMaker hosting instance types, generated from botocore 1.44.8.

Do not edit: run ``scripts/gen_aws_rules.py``. The source is the SageMaker API's
``ProductionVariantInstanceType`` enum (what ``CreateEndpointConfig`` accepts).
"""

from __future__ import annotations


class HostingInstanceTypes:
    """Every SageMaker hosting instance type as a constant: ``M5_LARGE = "ml.m5.large"``."""

    C4_LARGE = "ml.c4.large"
    C4_XLARGE = "ml.c4.xlarge"
    C4_2XLARGE = "ml.c4.2xlarge"
    C4_4XLARGE = "ml.c4.4xlarge"
    C4_8XLARGE = "ml.c4.8xlarge"
    C5_LARGE = "ml.c5.large"
    C5_XLARGE = "ml.c5.xlarge"
    C5_2XLARGE = "ml.c5.2xlarge"
    C5_4XLARGE = "ml.c5.4xlarge"
    C5_9XLARGE = "ml.c5.9xlarge"
    C5_18XLARGE = "ml.c5.18xlarge"
    C5D_LARGE = "ml.c5d.large"
    C5D_XLARGE = "ml.c5d.xlarge"
    C5D_2XLARGE = "ml.c5d.2xlarge"
    C5D_4XLARGE = "ml.c5d.4xlarge"
    C5D_9XLARGE = "ml.c5d.9xlarge"
    C5D_18XLARGE = "ml.c5d.18xlarge"
    C6G_LARGE = "ml.c6g.large"
    C6G_XLARGE = "ml.c6g.xlarge"
    C6G_2XLARGE = "ml.c6g.2xlarge"
    C6G_4XLARGE = "ml.c6g.4xlarge"
    C6G_8XLARGE = "ml.c6g.8xlarge"
    C6G_12XLARGE = "ml.c6g.12xlarge"
    C6G_16XLARGE = "ml.c6g.16xlarge"
    C6GD_LARGE = "ml.c6gd.large"
    C6GD_XLARGE = "ml.c6gd.xlarge"
    C6GD_2XLARGE = "ml.c6gd.2xlarge"
    C6GD_4XLARGE = "ml.c6gd.4xlarge"
    C6GD_8XLARGE = "ml.c6gd.8xlarge"
    C6GD_12XLARGE = "ml.c6gd.12xlarge"
    C6GD_16XLARGE = "ml.c6gd.16xlarge"
    C6GN_LARGE = "ml.c6gn.large"
    C6GN_XLARGE = "ml.c6gn.xlarge"
    C6GN_2XLARGE = "ml.c6gn.2xlarge"
    C6GN_4XLARGE = "ml.c6gn.4xlarge"
    C6GN_8XLARGE = "ml.c6gn.8xlarge"
    C6GN_12XLARGE = "ml.c6gn.12xlarge"
    C6GN_16XLARGE = "ml.c6gn.16xlarge"
    C6I_LARGE = "ml.c6i.large"
    C6I_XLARGE = "ml.c6i.xlarge"
    C6I_2XLARGE = "ml.c6i.2xlarge"
    C6I_4XLARGE = "ml.c6i.4xlarge"
    C6I_8XLARGE = "ml.c6i.8xlarge"
    C6I_12XLARGE = "ml.c6i.12xlarge"
    C6I_16XLARGE = "ml.c6i.16xlarge"
    C6I_24XLARGE = "ml.c6i.24xlarge"
    C6I_32XLARGE = "ml.c6i.32xlarge"
    C6IN_LARGE = "ml.c6in.large"
    C6IN_XLARGE = "ml.c6in.xlarge"
    C6IN_2XLARGE = "ml.c6in.2xlarge"
    C6IN_4XLARGE = "ml.c6in.4xlarge"
    C6IN_8XLARGE = "ml.c6in.8xlarge"
    C6IN_12XLARGE = "ml.c6in.12xlarge"
    C6IN_16XLARGE = "ml.c6in.16xlarge"
    C6IN_24XLARGE = "ml.c6in.24xlarge"
    C6IN_32XLARGE = "ml.c6in.32xlarge"
    C7G_LARGE = "ml.c7g.large"
    C7G_XLARGE = "ml.c7g.xlarge"
    C7G_2XLARGE = "ml.c7g.2xlarge"
    C7G_4XLARGE = "ml.c7g.4xlarge"
    C7G_8XLARGE = "ml.c7g.8xlarge"
    C7G_12XLARGE = "ml.c7g.12xlarge"
    C7G_16XLARGE = "ml.c7g.16xlarge"
    C7I_LARGE = "ml.c7i.large"
    C7I_XLARGE = "ml.c7i.xlarge"
    C7I_2XLARGE = "ml.c7i.2xlarge"
    C7I_4XLARGE = "ml.c7i.4xlarge"
    C7I_8XLARGE = "ml.c7i.8xlarge"
    C7I_12XLARGE = "ml.c7i.12xlarge"
    C7I_16XLARGE = "ml.c7i.16xlarge"
    C7I_24XLARGE = "ml.c7i.24xlarge"
    C7I_48XLARGE = "ml.c7i.48xlarge"
    C8G_MEDIUM = "ml.c8g.medium"
    C8G_LARGE = "ml.c8g.large"
    C8G_XLARGE = "ml.c8g.xlarge"
    C8G_2XLARGE = "ml.c8g.2xlarge"
    C8G_4XLARGE = "ml.c8g.4xlarge"
    C8G_8XLARGE = "ml.c8g.8xlarge"
    C8G_12XLARGE = "ml.c8g.12xlarge"
    C8G_16XLARGE = "ml.c8g.16xlarge"
    C8G_24XLARGE = "ml.c8g.24xlarge"
    C8G_48XLARGE = "ml.c8g.48xlarge"
    DL1_24XLARGE = "ml.dl1.24xlarge"
    G4DN_XLARGE = "ml.g4dn.xlarge"
    G4DN_2XLARGE = "ml.g4dn.2xlarge"
    G4DN_4XLARGE = "ml.g4dn.4xlarge"
    G4DN_8XLARGE = "ml.g4dn.8xlarge"
    G4DN_12XLARGE = "ml.g4dn.12xlarge"
    G4DN_16XLARGE = "ml.g4dn.16xlarge"
    G5_XLARGE = "ml.g5.xlarge"
    G5_2XLARGE = "ml.g5.2xlarge"
    G5_4XLARGE = "ml.g5.4xlarge"
    G5_8XLARGE = "ml.g5.8xlarge"
    G5_12XLARGE = "ml.g5.12xlarge"
    G5_16XLARGE = "ml.g5.16xlarge"
    G5_24XLARGE = "ml.g5.24xlarge"
    G5_48XLARGE = "ml.g5.48xlarge"
    G6_XLARGE = "ml.g6.xlarge"
    G6_2XLARGE = "ml.g6.2xlarge"
    G6_4XLARGE = "ml.g6.4xlarge"
    G6_8XLARGE = "ml.g6.8xlarge"
    G6_12XLARGE = "ml.g6.12xlarge"
    G6_16XLARGE = "ml.g6.16xlarge"
    G6_24XLARGE = "ml.g6.24xlarge"
    G6_48XLARGE = "ml.g6.48xlarge"
    G6E_XLARGE = "ml.g6e.xlarge"
    G6E_2XLARGE = "ml.g6e.2xlarge"
    G6E_4XLARGE = "ml.g6e.4xlarge"
    G6E_8XLARGE = "ml.g6e.8xlarge"
    G6E_12XLARGE = "ml.g6e.12xlarge"
    G6E_16XLARGE = "ml.g6e.16xlarge"
    G6E_24XLARGE = "ml.g6e.24xlarge"
    G6E_48XLARGE = "ml.g6e.48xlarge"
    G7_2XLARGE = "ml.g7.2xlarge"
    G7_4XLARGE = "ml.g7.4xlarge"
    G7_8XLARGE = "ml.g7.8xlarge"
    G7_12XLARGE = "ml.g7.12xlarge"
    G7_24XLARGE = "ml.g7.24xlarge"
    G7_48XLARGE = "ml.g7.48xlarge"
    G7E_2XLARGE = "ml.g7e.2xlarge"
    G7E_4XLARGE = "ml.g7e.4xlarge"
    G7E_8XLARGE = "ml.g7e.8xlarge"
    G7E_12XLARGE = "ml.g7e.12xlarge"
    G7E_24XLARGE = "ml.g7e.24xlarge"
    G7E_48XLARGE = "ml.g7e.48xlarge"
    INF1_XLARGE = "ml.inf1.xlarge"
    INF1_2XLARGE = "ml.inf1.2xlarge"
    INF1_6XLARGE = "ml.inf1.6xlarge"
    INF1_24XLARGE = "ml.inf1.24xlarge"
    INF2_XLARGE = "ml.inf2.xlarge"
    INF2_8XLARGE = "ml.inf2.8xlarge"
    INF2_24XLARGE = "ml.inf2.24xlarge"
    INF2_48XLARGE = "ml.inf2.48xlarge"
    M4_XLARGE = "ml.m4.xlarge"
    M4_2XLARGE = "ml.m4.2xlarge"
    M4_4XLARGE = "ml.m4.4xlarge"
    M4_10XLARGE = "ml.m4.10xlarge"
    M4_16XLARGE = "ml.m4.16xlarge"
    M5_LARGE = "ml.m5.large"
    M5_XLARGE = "ml.m5.xlarge"
    M5_2XLARGE = "ml.m5.2xlarge"
    M5_4XLARGE = "ml.m5.4xlarge"
    M5_12XLARGE = "ml.m5.12xlarge"
    M5_24XLARGE = "ml.m5.24xlarge"
    M5D_LARGE = "ml.m5d.large"
    M5D_XLARGE = "ml.m5d.xlarge"
    M5D_2XLARGE = "ml.m5d.2xlarge"
    M5D_4XLARGE = "ml.m5d.4xlarge"
    M5D_12XLARGE = "ml.m5d.12xlarge"
    M5D_24XLARGE = "ml.m5d.24xlarge"
    M6G_LARGE = "ml.m6g.large"
    M6G_XLARGE = "ml.m6g.xlarge"
    M6G_2XLARGE = "ml.m6g.2xlarge"
    M6G_4XLARGE = "ml.m6g.4xlarge"
    M6G_8XLARGE = "ml.m6g.8xlarge"
    M6G_12XLARGE = "ml.m6g.12xlarge"
    M6G_16XLARGE = "ml.m6g.16xlarge"
    M6GD_LARGE = "ml.m6gd.large"
    M6GD_XLARGE = "ml.m6gd.xlarge"
    M6GD_2XLARGE = "ml.m6gd.2xlarge"
    M6GD_4XLARGE = "ml.m6gd.4xlarge"
    M6GD_8XLARGE = "ml.m6gd.8xlarge"
    M6GD_12XLARGE = "ml.m6gd.12xlarge"
    M6GD_16XLARGE = "ml.m6gd.16xlarge"
    M6I_LARGE = "ml.m6i.large"
    M6I_XLARGE = "ml.m6i.xlarge"
    M6I_2XLARGE = "ml.m6i.2xlarge"
    M6I_4XLARGE = "ml.m6i.4xlarge"
    M6I_8XLARGE = "ml.m6i.8xlarge"
    M6I_12XLARGE = "ml.m6i.12xlarge"
    M6I_16XLARGE = "ml.m6i.16xlarge"
    M6I_24XLARGE = "ml.m6i.24xlarge"
    M6I_32XLARGE = "ml.m6i.32xlarge"
    M7I_LARGE = "ml.m7i.large"
    M7I_XLARGE = "ml.m7i.xlarge"
    M7I_2XLARGE = "ml.m7i.2xlarge"
    M7I_4XLARGE = "ml.m7i.4xlarge"
    M7I_8XLARGE = "ml.m7i.8xlarge"
    M7I_12XLARGE = "ml.m7i.12xlarge"
    M7I_16XLARGE = "ml.m7i.16xlarge"
    M7I_24XLARGE = "ml.m7i.24xlarge"
    M7I_48XLARGE = "ml.m7i.48xlarge"
    M8G_MEDIUM = "ml.m8g.medium"
    M8G_LARGE = "ml.m8g.large"
    M8G_XLARGE = "ml.m8g.xlarge"
    M8G_2XLARGE = "ml.m8g.2xlarge"
    M8G_4XLARGE = "ml.m8g.4xlarge"
    M8G_8XLARGE = "ml.m8g.8xlarge"
    M8G_12XLARGE = "ml.m8g.12xlarge"
    M8G_16XLARGE = "ml.m8g.16xlarge"
    M8G_24XLARGE = "ml.m8g.24xlarge"
    M8G_48XLARGE = "ml.m8g.48xlarge"
    P2_XLARGE = "ml.p2.xlarge"
    P2_8XLARGE = "ml.p2.8xlarge"
    P2_16XLARGE = "ml.p2.16xlarge"
    P3_2XLARGE = "ml.p3.2xlarge"
    P3_8XLARGE = "ml.p3.8xlarge"
    P3_16XLARGE = "ml.p3.16xlarge"
    P4D_24XLARGE = "ml.p4d.24xlarge"
    P4DE_24XLARGE = "ml.p4de.24xlarge"
    P5_4XLARGE = "ml.p5.4xlarge"
    P5_48XLARGE = "ml.p5.48xlarge"
    P5E_48XLARGE = "ml.p5e.48xlarge"
    P5EN_48XLARGE = "ml.p5en.48xlarge"
    P6_B200_48XLARGE = "ml.p6-b200.48xlarge"
    P6_B300_48XLARGE = "ml.p6-b300.48xlarge"
    P6E_GB200_36XLARGE = "ml.p6e-gb200.36xlarge"
    R5_LARGE = "ml.r5.large"
    R5_XLARGE = "ml.r5.xlarge"
    R5_2XLARGE = "ml.r5.2xlarge"
    R5_4XLARGE = "ml.r5.4xlarge"
    R5_12XLARGE = "ml.r5.12xlarge"
    R5_24XLARGE = "ml.r5.24xlarge"
    R5D_LARGE = "ml.r5d.large"
    R5D_XLARGE = "ml.r5d.xlarge"
    R5D_2XLARGE = "ml.r5d.2xlarge"
    R5D_4XLARGE = "ml.r5d.4xlarge"
    R5D_12XLARGE = "ml.r5d.12xlarge"
    R5D_24XLARGE = "ml.r5d.24xlarge"
    R6G_LARGE = "ml.r6g.large"
    R6G_XLARGE = "ml.r6g.xlarge"
    R6G_2XLARGE = "ml.r6g.2xlarge"
    R6G_4XLARGE = "ml.r6g.4xlarge"
    R6G_8XLARGE = "ml.r6g.8xlarge"
    R6G_12XLARGE = "ml.r6g.12xlarge"
    R6G_16XLARGE = "ml.r6g.16xlarge"
    R6GD_LARGE = "ml.r6gd.large"
    R6GD_XLARGE = "ml.r6gd.xlarge"
    R6GD_2XLARGE = "ml.r6gd.2xlarge"
    R6GD_4XLARGE = "ml.r6gd.4xlarge"
    R6GD_8XLARGE = "ml.r6gd.8xlarge"
    R6GD_12XLARGE = "ml.r6gd.12xlarge"
    R6GD_16XLARGE = "ml.r6gd.16xlarge"
    R6I_LARGE = "ml.r6i.large"
    R6I_XLARGE = "ml.r6i.xlarge"
    R6I_2XLARGE = "ml.r6i.2xlarge"
    R6I_4XLARGE = "ml.r6i.4xlarge"
    R6I_8XLARGE = "ml.r6i.8xlarge"
    R6I_12XLARGE = "ml.r6i.12xlarge"
    R6I_16XLARGE = "ml.r6i.16xlarge"
    R6I_24XLARGE = "ml.r6i.24xlarge"
    R6I_32XLARGE = "ml.r6i.32xlarge"
    R7GD_MEDIUM = "ml.r7gd.medium"
    R7GD_LARGE = "ml.r7gd.large"
    R7GD_XLARGE = "ml.r7gd.xlarge"
    R7GD_2XLARGE = "ml.r7gd.2xlarge"
    R7GD_4XLARGE = "ml.r7gd.4xlarge"
    R7GD_8XLARGE = "ml.r7gd.8xlarge"
    R7GD_12XLARGE = "ml.r7gd.12xlarge"
    R7GD_16XLARGE = "ml.r7gd.16xlarge"
    R7I_LARGE = "ml.r7i.large"
    R7I_XLARGE = "ml.r7i.xlarge"
    R7I_2XLARGE = "ml.r7i.2xlarge"
    R7I_4XLARGE = "ml.r7i.4xlarge"
    R7I_8XLARGE = "ml.r7i.8xlarge"
    R7I_12XLARGE = "ml.r7i.12xlarge"
    R7I_16XLARGE = "ml.r7i.16xlarge"
    R7I_24XLARGE = "ml.r7i.24xlarge"
    R7I_48XLARGE = "ml.r7i.48xlarge"
    R8G_MEDIUM = "ml.r8g.medium"
    R8G_LARGE = "ml.r8g.large"
    R8G_XLARGE = "ml.r8g.xlarge"
    R8G_2XLARGE = "ml.r8g.2xlarge"
    R8G_4XLARGE = "ml.r8g.4xlarge"
    R8G_8XLARGE = "ml.r8g.8xlarge"
    R8G_12XLARGE = "ml.r8g.12xlarge"
    R8G_16XLARGE = "ml.r8g.16xlarge"
    R8G_24XLARGE = "ml.r8g.24xlarge"
    R8G_48XLARGE = "ml.r8g.48xlarge"
    T2_MEDIUM = "ml.t2.medium"
    T2_LARGE = "ml.t2.large"
    T2_XLARGE = "ml.t2.xlarge"
    T2_2XLARGE = "ml.t2.2xlarge"
    TRN1_2XLARGE = "ml.trn1.2xlarge"
    TRN1_32XLARGE = "ml.trn1.32xlarge"
    TRN1N_32XLARGE = "ml.trn1n.32xlarge"
    TRN2_48XLARGE = "ml.trn2.48xlarge"


#: Every instance type SageMaker hosting accepts.
HOSTING_INSTANCE_TYPES: frozenset[str] = frozenset(
    {
        "ml.c4.large",
        "ml.c4.xlarge",
        "ml.c4.2xlarge",
        "ml.c4.4xlarge",
        "ml.c4.8xlarge",
        "ml.c5.large",
        "ml.c5.xlarge",
        "ml.c5.2xlarge",
        "ml.c5.4xlarge",
        "ml.c5.9xlarge",
        "ml.c5.18xlarge",
        "ml.c5d.large",
        "ml.c5d.xlarge",
        "ml.c5d.2xlarge",
        "ml.c5d.4xlarge",
        "ml.c5d.9xlarge",
        "ml.c5d.18xlarge",
        "ml.c6g.large",
        "ml.c6g.xlarge",
        "ml.c6g.2xlarge",
        "ml.c6g.4xlarge",
        "ml.c6g.8xlarge",
        "ml.c6g.12xlarge",
        "ml.c6g.16xlarge",
        "ml.c6gd.large",
        "ml.c6gd.xlarge",
        "ml.c6gd.2xlarge",
        "ml.c6gd.4xlarge",
        "ml.c6gd.8xlarge",
        "ml.c6gd.12xlarge",
        "ml.c6gd.16xlarge",
        "ml.c6gn.large",
        "ml.c6gn.xlarge",
        "ml.c6gn.2xlarge",
        "ml.c6gn.4xlarge",
        "ml.c6gn.8xlarge",
        "ml.c6gn.12xlarge",
        "ml.c6gn.16xlarge",
        "ml.c6i.large",
        "ml.c6i.xlarge",
        "ml.c6i.2xlarge",
        "ml.c6i.4xlarge",
        "ml.c6i.8xlarge",
        "ml.c6i.12xlarge",
        "ml.c6i.16xlarge",
        "ml.c6i.24xlarge",
        "ml.c6i.32xlarge",
        "ml.c6in.large",
        "ml.c6in.xlarge",
        "ml.c6in.2xlarge",
        "ml.c6in.4xlarge",
        "ml.c6in.8xlarge",
        "ml.c6in.12xlarge",
        "ml.c6in.16xlarge",
        "ml.c6in.24xlarge",
        "ml.c6in.32xlarge",
        "ml.c7g.large",
        "ml.c7g.xlarge",
        "ml.c7g.2xlarge",
        "ml.c7g.4xlarge",
        "ml.c7g.8xlarge",
        "ml.c7g.12xlarge",
        "ml.c7g.16xlarge",
        "ml.c7i.large",
        "ml.c7i.xlarge",
        "ml.c7i.2xlarge",
        "ml.c7i.4xlarge",
        "ml.c7i.8xlarge",
        "ml.c7i.12xlarge",
        "ml.c7i.16xlarge",
        "ml.c7i.24xlarge",
        "ml.c7i.48xlarge",
        "ml.c8g.medium",
        "ml.c8g.large",
        "ml.c8g.xlarge",
        "ml.c8g.2xlarge",
        "ml.c8g.4xlarge",
        "ml.c8g.8xlarge",
        "ml.c8g.12xlarge",
        "ml.c8g.16xlarge",
        "ml.c8g.24xlarge",
        "ml.c8g.48xlarge",
        "ml.dl1.24xlarge",
        "ml.g4dn.xlarge",
        "ml.g4dn.2xlarge",
        "ml.g4dn.4xlarge",
        "ml.g4dn.8xlarge",
        "ml.g4dn.12xlarge",
        "ml.g4dn.16xlarge",
        "ml.g5.xlarge",
        "ml.g5.2xlarge",
        "ml.g5.4xlarge",
        "ml.g5.8xlarge",
        "ml.g5.12xlarge",
        "ml.g5.16xlarge",
        "ml.g5.24xlarge",
        "ml.g5.48xlarge",
        "ml.g6.xlarge",
        "ml.g6.2xlarge",
        "ml.g6.4xlarge",
        "ml.g6.8xlarge",
        "ml.g6.12xlarge",
        "ml.g6.16xlarge",
        "ml.g6.24xlarge",
        "ml.g6.48xlarge",
        "ml.g6e.xlarge",
        "ml.g6e.2xlarge",
        "ml.g6e.4xlarge",
        "ml.g6e.8xlarge",
        "ml.g6e.12xlarge",
        "ml.g6e.16xlarge",
        "ml.g6e.24xlarge",
        "ml.g6e.48xlarge",
        "ml.g7.2xlarge",
        "ml.g7.4xlarge",
        "ml.g7.8xlarge",
        "ml.g7.12xlarge",
        "ml.g7.24xlarge",
        "ml.g7.48xlarge",
        "ml.g7e.2xlarge",
        "ml.g7e.4xlarge",
        "ml.g7e.8xlarge",
        "ml.g7e.12xlarge",
        "ml.g7e.24xlarge",
        "ml.g7e.48xlarge",
        "ml.inf1.xlarge",
        "ml.inf1.2xlarge",
        "ml.inf1.6xlarge",
        "ml.inf1.24xlarge",
        "ml.inf2.xlarge",
        "ml.inf2.8xlarge",
        "ml.inf2.24xlarge",
        "ml.inf2.48xlarge",
        "ml.m4.xlarge",
        "ml.m4.2xlarge",
        "ml.m4.4xlarge",
        "ml.m4.10xlarge",
        "ml.m4.16xlarge",
        "ml.m5.large",
        "ml.m5.xlarge",
        "ml.m5.2xlarge",
        "ml.m5.4xlarge",
        "ml.m5.12xlarge",
        "ml.m5.24xlarge",
        "ml.m5d.large",
        "ml.m5d.xlarge",
        "ml.m5d.2xlarge",
        "ml.m5d.4xlarge",
        "ml.m5d.12xlarge",
        "ml.m5d.24xlarge",
        "ml.m6g.large",
        "ml.m6g.xlarge",
        "ml.m6g.2xlarge",
        "ml.m6g.4xlarge",
        "ml.m6g.8xlarge",
        "ml.m6g.12xlarge",
        "ml.m6g.16xlarge",
        "ml.m6gd.large",
        "ml.m6gd.xlarge",
        "ml.m6gd.2xlarge",
        "ml.m6gd.4xlarge",
        "ml.m6gd.8xlarge",
        "ml.m6gd.12xlarge",
        "ml.m6gd.16xlarge",
        "ml.m6i.large",
        "ml.m6i.xlarge",
        "ml.m6i.2xlarge",
        "ml.m6i.4xlarge",
        "ml.m6i.8xlarge",
        "ml.m6i.12xlarge",
        "ml.m6i.16xlarge",
        "ml.m6i.24xlarge",
        "ml.m6i.32xlarge",
        "ml.m7i.large",
        "ml.m7i.xlarge",
        "ml.m7i.2xlarge",
        "ml.m7i.4xlarge",
        "ml.m7i.8xlarge",
        "ml.m7i.12xlarge",
        "ml.m7i.16xlarge",
        "ml.m7i.24xlarge",
        "ml.m7i.48xlarge",
        "ml.m8g.medium",
        "ml.m8g.large",
        "ml.m8g.xlarge",
        "ml.m8g.2xlarge",
        "ml.m8g.4xlarge",
        "ml.m8g.8xlarge",
        "ml.m8g.12xlarge",
        "ml.m8g.16xlarge",
        "ml.m8g.24xlarge",
        "ml.m8g.48xlarge",
        "ml.p2.xlarge",
        "ml.p2.8xlarge",
        "ml.p2.16xlarge",
        "ml.p3.2xlarge",
        "ml.p3.8xlarge",
        "ml.p3.16xlarge",
        "ml.p4d.24xlarge",
        "ml.p4de.24xlarge",
        "ml.p5.4xlarge",
        "ml.p5.48xlarge",
        "ml.p5e.48xlarge",
        "ml.p5en.48xlarge",
        "ml.p6-b200.48xlarge",
        "ml.p6-b300.48xlarge",
        "ml.p6e-gb200.36xlarge",
        "ml.r5.large",
        "ml.r5.xlarge",
        "ml.r5.2xlarge",
        "ml.r5.4xlarge",
        "ml.r5.12xlarge",
        "ml.r5.24xlarge",
        "ml.r5d.large",
        "ml.r5d.xlarge",
        "ml.r5d.2xlarge",
        "ml.r5d.4xlarge",
        "ml.r5d.12xlarge",
        "ml.r5d.24xlarge",
        "ml.r6g.large",
        "ml.r6g.xlarge",
        "ml.r6g.2xlarge",
        "ml.r6g.4xlarge",
        "ml.r6g.8xlarge",
        "ml.r6g.12xlarge",
        "ml.r6g.16xlarge",
        "ml.r6gd.large",
        "ml.r6gd.xlarge",
        "ml.r6gd.2xlarge",
        "ml.r6gd.4xlarge",
        "ml.r6gd.8xlarge",
        "ml.r6gd.12xlarge",
        "ml.r6gd.16xlarge",
        "ml.r6i.large",
        "ml.r6i.xlarge",
        "ml.r6i.2xlarge",
        "ml.r6i.4xlarge",
        "ml.r6i.8xlarge",
        "ml.r6i.12xlarge",
        "ml.r6i.16xlarge",
        "ml.r6i.24xlarge",
        "ml.r6i.32xlarge",
        "ml.r7gd.medium",
        "ml.r7gd.large",
        "ml.r7gd.xlarge",
        "ml.r7gd.2xlarge",
        "ml.r7gd.4xlarge",
        "ml.r7gd.8xlarge",
        "ml.r7gd.12xlarge",
        "ml.r7gd.16xlarge",
        "ml.r7i.large",
        "ml.r7i.xlarge",
        "ml.r7i.2xlarge",
        "ml.r7i.4xlarge",
        "ml.r7i.8xlarge",
        "ml.r7i.12xlarge",
        "ml.r7i.16xlarge",
        "ml.r7i.24xlarge",
        "ml.r7i.48xlarge",
        "ml.r8g.medium",
        "ml.r8g.large",
        "ml.r8g.xlarge",
        "ml.r8g.2xlarge",
        "ml.r8g.4xlarge",
        "ml.r8g.8xlarge",
        "ml.r8g.12xlarge",
        "ml.r8g.16xlarge",
        "ml.r8g.24xlarge",
        "ml.r8g.48xlarge",
        "ml.t2.medium",
        "ml.t2.large",
        "ml.t2.xlarge",
        "ml.t2.2xlarge",
        "ml.trn1.2xlarge",
        "ml.trn1.32xlarge",
        "ml.trn1n.32xlarge",
        "ml.trn2.48xlarge",
    }
)
