/// An Amazon Resource Name, `arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE`, split into its parts. Global
/// resources (an MRAP, a Global Accelerator, an ARC cluster) have no region; an S3 bucket has no account either.
package struct ARN: Sendable, Equatable {
    /// "aws", "aws-cn", "aws-us-gov".
    package var partition: String
    /// The service namespace: "s3", "route53-recovery-control", "globalaccelerator", ...
    package var service: String
    /// The region, empty for global resources.
    package var region: String
    /// The 12-digit account, empty where the ARN has none (an S3 bucket).
    package var account: String
    /// Everything after the account: "accesspoint/abc.mrap", "cluster/ID", ...
    package var resource: String

    /// Parses `text`; nil when it is not an ARN (six colon-separated parts, "arn" first, an "aws" partition, a
    /// service, a 12-digit account or none, a resource).
    package init?(_ text: String) {
        let parts = text.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 6, parts[0] == "arn", parts[1].hasPrefix("aws"), !parts[2].isEmpty, !parts[5].isEmpty,
              parts[4].isEmpty || (parts[4].count == 12 && parts[4].allSatisfy { $0.isASCII && $0.isNumber }),
              parts[3].isEmpty || RegionName.isValid(parts[3])
        else { return nil }
        partition = parts[1]
        service = parts[2]
        region = parts[3]
        account = parts[4]
        resource = parts[5]
    }

    /// Whether this is the ARN of a `service` resource whose resource part starts with `resourcePrefix`
    /// (e.g. "s3", "accesspoint/"), with an account.
    package func isResource(of service: String, _ resourcePrefix: String) -> Bool {
        self.service == service && !account.isEmpty && resource.hasPrefix(resourcePrefix)
            && resource.count > resourcePrefix.count
    }
}
