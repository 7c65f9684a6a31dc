/// An AWS service drtop reaches through `AWSEndpoints`.
package enum AWSService: String, Sendable, CaseIterable {
    case s3, cloudWatch, sts

    /// The first label of the service's host names ("monitoring" for CloudWatch).
    var hostPrefix: String {
        switch self {
        case .s3: "s3"
        case .cloudWatch: "monitoring"
        case .sts: "sts"
        }
    }

    /// The name shown in messages.
    package var displayName: String {
        switch self {
        case .s3: "S3"
        case .cloudWatch: "CloudWatch"
        case .sts: "STS"
        }
    }
}
