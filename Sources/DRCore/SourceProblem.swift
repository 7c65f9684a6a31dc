/// A failure met while reading a region or a bucket, kept as data and drawn, never thrown at the UI.
public struct SourceProblem: Error, Sendable, Equatable, Codable, CustomStringConvertible {
    /// The broad class of a problem, which decides how it is shown and whether it is retried.
    public enum Kind: String, Sendable, Equatable, Codable {
        case unreachable, timeout, throttled, accessDenied, notFound, wrongRegion, badResponse, clockSkew, other
        /// The connection was refused, and again on every retry: nothing listens there. A region whose poll
        /// ends so is down at once; other unreachable polls must fail twice in a row.
        case refused
    }

    /// What went wrong, broadly.
    public var kind: Kind
    /// One line for the screen, e.g. "connection refused" or "AccessDenied: needs s3:GetReplicationConfiguration".
    public var message: String

    /// Creates a problem of `kind` described by `message`.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }

    /// Whether the problem means the region could not be reached at all (refused, DNS, timeout).
    public var isUnreachable: Bool { kind == .unreachable || kind == .timeout || kind == .refused }
}
