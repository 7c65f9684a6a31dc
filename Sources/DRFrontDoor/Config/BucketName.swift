/// S3 bucket naming rules: 3–63 characters of lower-case letters, digits, dots and hyphens, starting and
/// ending with a letter or digit.
package enum BucketName {
    /// Whether `name` is a valid bucket name.
    package static func isValid(_ name: String) -> Bool {
        guard (3...63).contains(name.count), let first = name.first, let last = name.last else { return false }
        let allowed = name.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "." || $0 == "-") }
        let edges = (first.isLowercase || first.isNumber) && (last.isLowercase || last.isNumber)
        return allowed && edges && !name.contains("..")
    }
}
