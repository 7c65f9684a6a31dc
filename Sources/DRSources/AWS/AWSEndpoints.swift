import Foundation

/// Where S3 and CloudWatch are reached for each region: per-region overrides from the configuration,
/// then `AWS_ENDPOINT_URL_S3` / `AWS_ENDPOINT_URL_CLOUDWATCH`, then `AWS_ENDPOINT_URL`, then AWS's regional
/// endpoints. Custom endpoints use path-style S3 addressing, as S3-compatible stores expect.
public struct AWSEndpoints: Sendable {
    /// Per-region endpoint overrides (one URL serves both S3 and CloudWatch), from the configuration.
    public var regionOverrides: [String: URL]
    /// Global S3 endpoint override.
    public var s3: URL?
    /// Global CloudWatch endpoint override.
    public var cloudWatch: URL?
    /// Global STS endpoint override.
    public var sts: URL?

    /// Creates endpoints from explicit overrides and the environment.
    public init(regionOverrides: [String: URL] = [:], environment: [String: String] = [:]) {
        self.regionOverrides = regionOverrides
        let any = environment["AWS_ENDPOINT_URL"].flatMap(Self.url)
        self.s3 = environment["AWS_ENDPOINT_URL_S3"].flatMap(Self.url) ?? any
        self.cloudWatch = environment["AWS_ENDPOINT_URL_CLOUDWATCH"].flatMap(Self.url) ?? any
        self.sts = environment["AWS_ENDPOINT_URL_STS"].flatMap(Self.url) ?? any
    }

    /// The base URL for STS in `region` (regional endpoints, as current SDKs use).
    public func sts(region: String) -> String {
        if let custom = sts { return Self.trim(custom) }
        return "https://sts.\(region).amazonaws.com"
    }

    private static func url(_ text: String) -> URL? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, let url = URL(string: trimmed), url.scheme == "http" || url.scheme == "https",
              url.host != nil else { return nil }
        return url
    }

    /// The base URL for S3 in `region` and the bucket, and the path prefix to put before the key.
    public func s3(region: String, bucket: String?) -> (base: String, pathPrefix: String) {
        if let custom = regionOverrides[region] ?? s3 {
            return (Self.trim(custom), bucket.map { "/\($0)" } ?? "")
        }
        guard let bucket else { return ("https://s3.\(region).amazonaws.com", "") }
        if Self.isVirtualHostable(bucket) { return ("https://\(bucket).s3.\(region).amazonaws.com", "") }
        return ("https://s3.\(region).amazonaws.com", "/\(bucket)")
    }

    /// The base URL for CloudWatch in `region`.
    public func cloudWatch(region: String) -> String {
        if let custom = regionOverrides[region] ?? cloudWatch { return Self.trim(custom) }
        return "https://monitoring.\(region).amazonaws.com"
    }

    /// Whether `bucket` can be a DNS label under TLS: lower case letters, digits and hyphens, no dots.
    public static func isVirtualHostable(_ bucket: String) -> Bool {
        (3...63).contains(bucket.count) && bucket.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }
            && bucket.first != "-" && bucket.last != "-"
    }

    private static func trim(_ url: URL) -> String {
        var text = url.absoluteString
        while text.hasSuffix("/") { text.removeLast() }
        return text
    }
}
