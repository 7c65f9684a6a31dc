import DRCore

/// `credential_source` in a role profile: where the credentials that assume the role come from, instead of a
/// `source_profile`. The values botocore and the other SDKs accept.
enum CredentialSource: String, CaseIterable {
    case environment = "Environment"
    case ec2InstanceMetadata = "Ec2InstanceMetadata"
    case ecsContainer = "EcsContainer"

    /// The source `value` names in profile `profile`, or one line naming the value and the valid ones.
    static func parse(_ value: String, profile: String) throws -> CredentialSource {
        guard let source = CredentialSource(rawValue: value) else {
            throw SourceProblem(.accessDenied, "profile \(profile): credential_source = \(value) is not one of "
                                + allCases.map(\.rawValue).joined(separator: ", "))
        }
        return source
    }
}
