import DRCore

/// A request that got no HTTP answer, with what the AWS SDKs' standard retry mode would do about it.
struct TransportFailure: Error, Sendable {
    /// What to show: unreachable, timed out, bad response.
    var problem: SourceProblem
    /// Whether a retry may succeed (connection errors, timeouts), as opposed to a setting or a certificate.
    var retryable: Bool
    /// The request timed out: a retry costs the quota twice as much.
    var timedOut: Bool

    init(_ problem: SourceProblem, retryable: Bool, timedOut: Bool = false) {
        self.problem = problem
        self.retryable = retryable
        self.timedOut = timedOut
    }
}
