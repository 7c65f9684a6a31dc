/// The AWS partition of a region and the endpoint variants AWS publishes in it, as botocore's
/// `data/endpoints.json` (1.43) lists them for S3, CloudWatch (`monitoring`) and STS.
///
/// - FIPS: S3 in us-east-1, us-east-2, us-west-1, us-west-2, ca-central-1, ca-west-1 and GovCloud
///   (`s3-fips.REGION`); CloudWatch and STS in the four US regions (`monitoring-fips.REGION`, `sts-fips.REGION`)
///   and GovCloud, where the standard endpoints already are FIPS endpoints. None in China.
/// - Dual-stack (IPv4 and IPv6): S3 in every region of the three partitions (`s3.dualstack.REGION`, with FIPS
///   `s3-fips.dualstack.REGION`). endpoints.json lists no dual-stack endpoint for CloudWatch or STS.
struct AWSPartition: Sendable, Equatable {
    /// "aws", "aws-cn" or "aws-us-gov".
    let name: String
    /// The domain of the partition's endpoints.
    let dnsSuffix: String

    /// The partition `region` belongs to (commercial unless it is a China or GovCloud region).
    static func of(region: String) -> AWSPartition {
        if region.hasPrefix("cn-") { return AWSPartition(name: "aws-cn", dnsSuffix: "amazonaws.com.cn") }
        if region.hasPrefix("us-gov-") { return AWSPartition(name: "aws-us-gov", dnsSuffix: "amazonaws.com") }
        return AWSPartition(name: "aws", dnsSuffix: "amazonaws.com")
    }

    private static let usRegions: Set = ["us-east-1", "us-east-2", "us-west-1", "us-west-2"]
    private static let canadaRegions: Set = ["ca-central-1", "ca-west-1"]

    /// The regions of this partition with a FIPS endpoint for `service`, for messages.
    func fipsRegions(_ service: AWSService) -> String {
        switch (name, service) {
        case ("aws-us-gov", _): "every GovCloud region"
        case ("aws", .s3): (Self.usRegions.sorted() + Self.canadaRegions.sorted()).joined(separator: ", ")
        case ("aws", _): Self.usRegions.sorted().joined(separator: ", ")
        default: "none in the \(name) partition"
        }
    }

    /// The host of `service` in `region`, or nil when AWS publishes no endpoint with the variants asked for.
    /// `dualStack` only changes S3 (the caller says that the others stay on IPv4).
    func host(_ service: AWSService, region: String, fips: Bool, dualStack: Bool) -> String? {
        let prefix = service.hostPrefix
        let dualStack = dualStack && service == .s3
        let stack = dualStack ? ".dualstack" : ""
        guard fips else { return "\(prefix)\(stack).\(region).\(dnsSuffix)" }
        switch (name, service) {
        case ("aws-us-gov", .s3):
            return "s3-fips\(stack).\(region).\(dnsSuffix)"
        case ("aws-us-gov", _):
            return "\(prefix).\(region).\(dnsSuffix)"
        case ("aws", .s3) where Self.usRegions.contains(region) || Self.canadaRegions.contains(region):
            return "s3-fips\(stack).\(region).\(dnsSuffix)"
        case ("aws", _) where Self.usRegions.contains(region):
            return "\(prefix)-fips.\(region).\(dnsSuffix)"
        default:
            return nil
        }
    }
}
