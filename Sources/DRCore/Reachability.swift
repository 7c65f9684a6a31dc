/// Whether a region's APIs answered the last poll.
public enum Reachability: String, Sendable, Equatable, Codable {
    /// The last poll of the region succeeded.
    case up
    /// The region answered, but with errors or throttling.
    case degraded
    /// The region did not answer (refused, timed out, DNS) or answered only errors.
    case down
    /// The region has not been polled yet.
    case unknown
}
