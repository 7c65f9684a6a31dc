import Foundation

/// Region names. AWS's have one shape ("us-east-1", "ap-southeast-2", "us-gov-west-1", "cn-north-1"); an
/// S3-compatible store names its regions as it likes (a Ceph zonegroup's api name: "europe", "default"), so
/// AWS's rules apply only where the endpoint is AWS's.
package enum RegionName {
    /// Whether `name` has the shape of an AWS region name.
    package static func isValid(_ name: String) -> Bool {
        let parts = name.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count >= 3, let last = parts.last, !last.isEmpty, last.allSatisfy(\.isASCII),
              last.allSatisfy(\.isNumber), parts.first?.count == 2 else { return false }
        return parts.dropLast().allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isLowercase } }
    }

    /// Whether `name` can name a region of an S3-compatible store: 1 to 64 ASCII letters, digits, `-`, `_` and
    /// `.` (it goes into SigV4's credential scope, where a `/` or a space would break the signature).
    package static func isStoreName(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 64
            && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }
    }

    /// Whether `url` is one of AWS's own hosts (`amazonaws.com`, `amazonaws.com.cn` and their subdomains).
    package static func isAWSHost(_ url: URL) -> Bool {
        guard let host = url.host?.lowercased() else { return false }
        return ["amazonaws.com", "amazonaws.com.cn"].contains { host == $0 || host.hasSuffix("." + $0) }
    }
}
