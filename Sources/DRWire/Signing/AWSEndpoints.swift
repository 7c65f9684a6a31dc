import DRCore
import Foundation

/// Where S3, CloudWatch and STS are reached for each region, as the AWS SDKs resolve it: per-region overrides
/// from the configuration (S3 and CloudWatch), then `AWS_ENDPOINT_URL_S3` / `AWS_ENDPOINT_URL_CLOUDWATCH` /
/// `AWS_ENDPOINT_URL_STS`, then `AWS_ENDPOINT_URL`, then AWS's regional endpoints in the region's partition
/// (`amazonaws.com`, `amazonaws.com.cn` in China), with FIPS (`AWS_USE_FIPS_ENDPOINT`, `use_fips_endpoint`) and
/// dual-stack (`AWS_USE_DUALSTACK_ENDPOINT`, `use_dualstack_endpoint`) variants where AWS publishes them
/// (`AWSPartition`). Overrides win over FIPS and dual-stack. Custom endpoints use path-style S3 addressing, as
/// S3-compatible stores expect. SQS is not here: drtop calls the queue URLs the configuration names.
///
/// The routing and backup services (S3 Control, Route 53, Global Accelerator, AWS Backup, ARC's control plane)
/// take their SDK variable (`AWS_ENDPOINT_URL_S3_CONTROL`, `AWS_ENDPOINT_URL_ROUTE_53`,
/// `AWS_ENDPOINT_URL_GLOBAL_ACCELERATOR`, `AWS_ENDPOINT_URL_BACKUP`,
/// `AWS_ENDPOINT_URL_ROUTE53_RECOVERY_CONTROL_CONFIG`), then a region's configured endpoint when it is not one of
/// AWS's hosts (a local server or store that answers every service of the region on one URL; an override on
/// AWS's hosts is S3's alone), then `AWS_ENDPOINT_URL`, then AWS's: S3 Control at
/// `{account}.s3-control.{region}` (no account prefix with an override), Route 53 at `route53.amazonaws.com`
/// signed us-east-1, Global Accelerator and ARC's control plane in us-west-2, AWS Backup regional.
package struct AWSEndpoints: Sendable {
    /// Per-region endpoint overrides (one URL serves both S3 and CloudWatch), from the configuration.
    package var regionOverrides: [String: URL]
    /// Global S3 endpoint override.
    package var s3: URL?
    /// Global CloudWatch endpoint override.
    package var cloudWatch: URL?
    /// Global STS endpoint override.
    package var sts: URL?
    /// The routing and backup services' overrides (`AWS_ENDPOINT_URL_<SERVICE>`).
    package var services: [AWSService: URL] = [:]
    /// `AWS_ENDPOINT_URL`: every service's, where nothing more specific is set.
    package var everyService: URL?
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
        self.everyService = any
        for service in AWSService.allCases where !AWSService.replication.contains(service) {
            services[service] = environment[service.environmentVariable].flatMap(Self.url)
        }
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
        default:
            services[service]
                ?? regionOverrides[region].flatMap { RegionName.isAWSHost($0) ? nil : $0 }
                ?? everyService
        }
    }

    /// Whether something names an endpoint for `service` in `region` (not AWS's own default).
    package func hasOverride(_ service: AWSService, region: String) -> Bool {
        override(service, region: region) != nil
    }

    /// Whether the configuration points some region at an endpoint that is not AWS's (a local server, an
    /// S3-compatible store): then a region of a multi-region read (the MRAP control plane's five) that has no
    /// endpoint of its own is not sent to AWS with credentials meant for that endpoint.
    package var pointsAwayFromAWS: Bool {
        regionOverrides.values.contains { !RegionName.isAWSHost($0) }
    }

    /// The region `service` is signed for when reached from `region`: Route 53 us-east-1 (its partition's one
    /// region in China and GovCloud), Global Accelerator and ARC's control plane us-west-2, others `region`.
    package func signingRegion(_ service: AWSService, region: String) -> String {
        let partition = AWSPartition.of(region: region)
        switch service {
        case .route53:
            return partition.name == "aws-cn" ? "cn-northwest-1" : partition.name == "aws-us-gov" ? "us-gov-west-1" : "us-east-1"
        case .globalAccelerator, .recoveryControlConfig:
            return "us-west-2"
        default:
            return region
        }
    }

    /// S3 Control's base URL for `account` in `region`: with an override the override itself (no account-id host
    /// prefix), else `https://{account}.s3-control.{region}.amazonaws.com` (FIPS: `s3-control-fips`, dual-stack:
    /// `s3-control.dualstack`). Paths go under `/v20180820/`.
    package func s3Control(region: String, account: String) throws -> String {
        if let custom = override(.s3Control, region: region) { return Self.trim(custom) }
        let partition = AWSPartition.of(region: region)
        let stack = useDualStack ? ".dualstack" : ""
        if useFIPS {
            guard partition.name == "aws-us-gov" || ["us-east-1", "us-east-2", "us-west-1", "us-west-2", "ca-central-1"]
                .contains(region) else {
                throw SourceProblem(.other, "\(fipsSetting) asks for FIPS, but AWS has no FIPS endpoint for S3 Control "
                                    + "in \(region)")
            }
            return "https://\(account).s3-control-fips\(stack).\(region).\(partition.dnsSuffix)"
        }
        return "https://\(account).s3-control\(stack).\(region).\(partition.dnsSuffix)"
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
        if !AWSService.replication.contains(service) {
            return try routingHost(service, region: region, partition: partition)
        }
        guard let host = partition.host(service, region: region, fips: useFIPS, dualStack: useDualStack) else {
            throw SourceProblem(.other, "\(fipsSetting) asks for FIPS, but AWS has no FIPS endpoint for "
                                + "\(service.displayName) in \(region) (FIPS endpoints: "
                                + "\(partition.fipsRegions(service)))")
        }
        return host
    }

    /// AWS's host of a routing or backup service (S3 Control has its own, `s3Control(region:account:)`).
    private func routingHost(_ service: AWSService, region: String, partition: AWSPartition) throws -> String {
        let us = ["us-east-1", "us-east-2", "us-west-1", "us-west-2"].contains(region)
        let noFIPS = SourceProblem(.other, "\(fipsSetting) asks for FIPS, but AWS has no FIPS endpoint for "
                                   + "\(service.displayName) in \(region)")
        switch service {
        case .route53:
            if partition.name == "aws-us-gov" { return "route53.us-gov.amazonaws.com" }
            if useFIPS {
                guard partition.name == "aws" else { throw noFIPS }
                return "route53-fips.amazonaws.com"
            }
            return "route53.\(partition.dnsSuffix)"
        case .backup:
            if useFIPS {
                guard us || partition.name == "aws-us-gov" else { throw noFIPS }
                return "backup-fips.\(region).\(partition.dnsSuffix)"
            }
            return "backup.\(region).\(partition.dnsSuffix)"
        case .globalAccelerator, .recoveryControlConfig:
            if useFIPS { throw noFIPS }
            return "\(service.hostPrefix).us-west-2.amazonaws.com"
        default:
            return "\(service.hostPrefix).\(region).\(partition.dnsSuffix)"
        }
    }

    /// What the settings asked for and do not get in `region`, one line each: dual-stack for CloudWatch and
    /// STS (they stay on IPv4, as endpoints.json lists no dual-stack endpoint for them), FIPS where AWS has none.
    package func notes(region: String) -> [String] {
        var notes: [String] = []
        for service in AWSService.replication where override(service, region: region) == nil {
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
