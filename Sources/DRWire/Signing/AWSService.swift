/// An AWS service drtop reaches through `AWSEndpoints`.
package enum AWSService: String, Sendable, CaseIterable {
    case s3, cloudWatch, sts
    /// S3 Control (Multi-Region Access Points): `{account}.s3-control.{region}.amazonaws.com`.
    case s3Control
    /// Route 53's API: one global endpoint, signed for us-east-1.
    case route53
    /// Global Accelerator's API: us-west-2 only.
    case globalAccelerator
    /// AWS Backup: regional.
    case backup
    /// Route 53 ARC's control plane (DescribeCluster): us-west-2 only. The cluster's own endpoints, which answer
    /// the routing control states, come from DescribeCluster.
    case recoveryControlConfig

    /// The services of replication itself (S3, CloudWatch, STS), which every configuration reaches; the others
    /// only where a pair names its routing or backups.
    package static let replication: [AWSService] = [.s3, .cloudWatch, .sts]

    /// The first label of the service's host names ("monitoring" for CloudWatch).
    var hostPrefix: String {
        switch self {
        case .s3: "s3"
        case .cloudWatch: "monitoring"
        case .sts: "sts"
        case .s3Control: "s3-control"
        case .route53: "route53"
        case .globalAccelerator: "globalaccelerator"
        case .backup: "backup"
        case .recoveryControlConfig: "route53-recovery-control-config"
        }
    }

    /// The `AWS_ENDPOINT_URL_<SERVICE>` variable the AWS SDKs read for this service (its service ID, upper-cased,
    /// spaces as underscores).
    package var environmentVariable: String {
        switch self {
        case .s3: "AWS_ENDPOINT_URL_S3"
        case .cloudWatch: "AWS_ENDPOINT_URL_CLOUDWATCH"
        case .sts: "AWS_ENDPOINT_URL_STS"
        case .s3Control: "AWS_ENDPOINT_URL_S3_CONTROL"
        case .route53: "AWS_ENDPOINT_URL_ROUTE_53"
        case .globalAccelerator: "AWS_ENDPOINT_URL_GLOBAL_ACCELERATOR"
        case .backup: "AWS_ENDPOINT_URL_BACKUP"
        case .recoveryControlConfig: "AWS_ENDPOINT_URL_ROUTE53_RECOVERY_CONTROL_CONFIG"
        }
    }

    /// The name SigV4 signs with.
    package var signingName: String {
        switch self {
        case .s3, .s3Control: "s3"
        case .cloudWatch: "monitoring"
        case .sts: "sts"
        case .route53: "route53"
        case .globalAccelerator: "globalaccelerator"
        case .backup: "backup"
        case .recoveryControlConfig: "route53-recovery-control-config"
        }
    }

    /// The name shown in messages.
    package var displayName: String {
        switch self {
        case .s3: "S3"
        case .cloudWatch: "CloudWatch"
        case .sts: "STS"
        case .s3Control: "S3 Control"
        case .route53: "Route 53"
        case .globalAccelerator: "Global Accelerator"
        case .backup: "AWS Backup"
        case .recoveryControlConfig: "Route 53 ARC control plane"
        }
    }
}
