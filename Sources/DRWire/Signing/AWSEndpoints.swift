import DRCore
import Foundation

/// Where S3, CloudWatch and STS are reached for each region, as the AWS SDKs resolve it: per-region overrides
/// from the configuration (S3 and CloudWatch), then `AWS_ENDPOINT_URL_S3` / `AWS_ENDPOINT_URL_CLOUDWATCH` /
/// `AWS_ENDPOINT_URL_STS`, then `AWS_ENDPOINT_URL`, then AWS's regional endpoints in the region's partition
/// (`amazonaws.com`, `amazonaws.com.cn` in China), with FIPS (`AWS_USE_FIPS_ENDPOINT`, `use_fips_endpoint`) and
/// dual-stack (`AWS_USE_DUALSTACK_ENDPOINT`, `use_dualstack_endpoint`) variants where AWS publishes them
/// (`AWSPartition`). Overrides win over FIPS and dual-stack. Custom endpoints use path-style S3 addressing, as
/// S3-compatible stores expect. SQS is not here: drtop calls the queue URLs the configuration names.
package struct AWSEndpoints: Sendable {
    /// Per-region endpoint overrides (one URL serves both S3 and CloudWatch), from the configuration.
    package var regionOverrides: [String: URL]
    /// Global S3 endpoint override.
    package var s3: URL?
    /// Global CloudWatch endpoint override.
    package var cloudWatch: URL?
    /// Global STS endpoint override.
    package var sts: URL?
    /// Whether FIPS endpoints are asked for.
    package var useFIPS: Bool
    /// Whether dual-stack (IPv4 and IPv6) endpoints are asked for.
    package var useDualStack: Bool
    /// Which setting asked for FIPS, named in messages.
    private var fipsSetting: String
    /// Which setting asked for dual-stack, named in messages.
    private var dualStackSetting: String

    /// Creates endpoints from explicit overrides, the environment, and the keys of the profile in use (its
    /// `use_fips_endpoint` / `use_dualstack_endpoint`; the environment's `AWS_USE_*_ENDPOINT` win over them).
    package init(regionOverrides: [String: URL] = [:], environment: [String: String] = [:],
                profile: [String: String] = [:]) {
        self.regionOverrides = regionOverrides
        let any = environment["AWS_ENDPOINT_URL"].flatMap(Self.url)
        self.s3 = environment["AWS_ENDPOINT_URL_S3"].flatMap(Self.url) ?? any
        self.cloudWatch = environment["AWS_ENDPOINT_URL_CLOUDWATCH"].flatMap(Self.url) ?? any
        self.sts = environment["AWS_ENDPOINT_URL_STS"].flatMap(Self.url) ?? any
        (useFIPS, fipsSetting) = Self.flag("AWS_USE_FIPS_ENDPOINT", "use_fips_endpoint", environment, profile)
        (useDualStack, dualStackSetting) = Self.flag("AWS_USE_DUALSTACK_ENDPOINT", "use_dualstack_endpoint",
                                                     environment, profile)
    }

    /// A boolean setting: the environment variable when set, else the profile key; only "true" is on.
    private static func flag(_ variable: String, _ key: String, _ environment: [String: String],
                             _ profile: [String: String]) -> (Bool, String) {
        if let value = environment[variable] { return (value.lowercased() == "true", variable) }
        return (profile[key]?.lowercased() == "true", "\(key) in the profile")
    }

    private static func url(_ text: String) -> URL? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, let url = URL(string: trimmed), url.scheme == "http" || url.scheme == "https",
              url.host != nil else { return nil }
        return url
    }

    private func override(_ service: AWSService, region: String) -> URL? {
        switch service {
        case .s3: regionOverrides[region] ?? s3
        case .cloudWatch: regionOverrides[region] ?? cloudWatch
        case .sts: sts
        }
    }

    /// Whether `service` in `region` is answered by AWS itself (no override, or an override on AWS's own hosts),
    /// where AWS's region names are the names; elsewhere a store names its regions as it likes.
    package func isAWS(_ service: AWSService, region: String) -> Bool {
        override(service, region: region).map(RegionName.isAWSHost) ?? true
    }

    /// The base URL of `service` in `region` (for S3, the service itself, no bucket). Throws when FIPS is asked
    /// for where AWS has no FIPS endpoint, naming the setting and where FIPS endpoints are: drtop does not fall
    /// back to a non-FIPS endpoint.
    package func resolve(_ service: AWSService, region: String) throws -> String {
        if let custom = override(service, region: region) { return Self.trim(custom) }
        return "https://" + (try host(service, region: region))
    }

    /// The base URL for S3 in `region` and the bucket, and the path prefix to put before the key; throws as
    /// `resolve` does.
    package func resolveS3(region: String, bucket: String?) throws -> (base: String, pathPrefix: String) {
        if let custom = override(.s3, region: region) {
            return (Self.trim(custom), bucket.map { "/\($0)" } ?? "")
        }
        let host = try host(.s3, region: region)
        guard let bucket else { return ("https://\(host)", "") }
        if Self.isVirtualHostable(bucket) { return ("https://\(bucket).\(host)", "") }
        return ("https://\(host)", "/\(bucket)")
    }

    /// AWS's host for `service` in `region` with the variants asked for.
    private func host(_ service: AWSService, region: String) throws -> String {
        let partition = AWSPartition.of(region: region)
        guard let host = partition.host(service, region: region, fips: useFIPS, dualStack: useDualStack) else {
            throw SourceProblem(.other, "\(fipsSetting) asks for FIPS, but AWS has no FIPS endpoint for "
                                + "\(service.displayName) in \(region) (FIPS endpoints: "
                                + "\(partition.fipsRegions(service)))")
        }
        return host
    }

    /// What the settings asked for and do not get in `region`, one line each: dual-stack for CloudWatch and
    /// STS (they stay on IPv4, as endpoints.json lists no dual-stack endpoint for them), FIPS where AWS has none.
    package func notes(region: String) -> [String] {
        var notes: [String] = []
        for service in AWSService.allCases where override(service, region: region) == nil {
            if useDualStack, service != .s3 {
                notes.append("\(dualStackSetting): \(service.displayName) has no dual-stack endpoint; it stays on "
                             + "IPv4 (\((try? resolve(service, region: region)) ?? "no endpoint"))")
            }
            do {
                _ = try resolve(service, region: region)
            } catch let problem as SourceProblem {
                notes.append(problem.message)
            } catch {}
        }
        return notes
    }

    /// The base URL for STS in `region` (regional endpoints, as current SDKs use). When there is none (FIPS
    /// asked for where AWS has no FIPS endpoint) this is the reason as text, not a URL, so a caller that sends
    /// to it fails with that reason; `resolve(.sts, region:)` throws it instead.
    package func sts(region: String) -> String {
        Self.orReason { try resolve(.sts, region: region) }
    }

    /// The base URL for S3 in `region` and the bucket, and the path prefix to put before the key. When there is
    /// no endpoint, the base is the reason as text, as for `sts(region:)`.
    package func s3(region: String, bucket: String?) -> (base: String, pathPrefix: String) {
        do {
            return try resolveS3(region: region, bucket: bucket)
        } catch {
            return ("\(error)", "")
        }
    }

    /// The base URL for CloudWatch in `region`. When there is no endpoint, the reason as text, as for
    /// `sts(region:)`.
    package func cloudWatch(region: String) -> String {
        Self.orReason { try resolve(.cloudWatch, region: region) }
    }

    private static func orReason(_ body: () throws -> String) -> String {
        do {
            return try body()
        } catch {
            return "\(error)"
        }
    }

    /// Whether `bucket` can be a DNS label under TLS: lower case letters, digits and hyphens, no dots.
    package static func isVirtualHostable(_ bucket: String) -> Bool {
        (3...63).contains(bucket.count) && bucket.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }
            && bucket.first != "-" && bucket.last != "-"
    }

    private static func trim(_ url: URL) -> String {
        var text = url.absoluteString
        while text.hasSuffix("/") { text.removeLast() }
        return text
    }
}
