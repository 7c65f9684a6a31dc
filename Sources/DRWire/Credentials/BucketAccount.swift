/// The credentials one side of a pair is read with when it lives in another account than the main
/// credentials (a DR bucket in a separate account): a profile of the shared AWS files, or a role assumed with
/// the main credentials.
package enum BucketAccount: Sendable, Equatable, Hashable {
    /// `profile = "dr"`: that profile of the shared config/credentials files (static keys, a role, SSO's
    /// exported keys, a credential process, web identity).
    case profile(String)
    /// `role_arn = "arn:aws:iam::222222222222:role/drtop-read"`: STS AssumeRole with the main credentials.
    case role(String)

    /// The name requests, errors and costs are kept under: "dr", or "role drtop-read@222222222222".
    package var name: String {
        switch self {
        case .profile(let name): return name
        case .role(let arn):
            let parts = arn.split(separator: ":", omittingEmptySubsequences: false)
            let account = parts.count > 4 ? String(parts[4]) : "?"
            let role = arn.split(separator: "/").last.map(String.init) ?? arn
            return "role \(role)@\(account)"
        }
    }
}
