/// AWS region names: "us-east-1", "ap-southeast-2", "us-gov-west-1", "cn-north-1", "eu-central-2".
public enum RegionName {
    /// Whether `name` has the shape of a region name.
    public static func isValid(_ name: String) -> Bool {
        let parts = name.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count >= 3, let last = parts.last, !last.isEmpty, last.allSatisfy(\.isASCII),
              last.allSatisfy(\.isNumber), parts.first?.count == 2 else { return false }
        return parts.dropLast().allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isLowercase } }
    }
}
