import Foundation

/// A source's answer to a `LagHistoryRequest`: the lag's samples over the window, each the worst lag of its
/// period, where they came from, and — when the source could not read them or keeps none — why.
public struct LagHistory: Sendable, Equatable {
    /// What was asked.
    public var request: LagHistoryRequest
    /// The samples, oldest first; each is the maximum of its period. Empty when nothing was read.
    public var samples: [Sample]
    /// The length of the period each sample sums up, in seconds (nil when nothing was read).
    public var periodSeconds: Int?
    /// Where the samples come from: "CloudWatch ReplicationLatency, 5-min maximum".
    public var origin: String
    /// Why the window could not be read (or is partial), for the screen; nil when it was read whole.
    public var problem: SourceProblem?
    /// When the answer was read.
    public var readAt: Date

    /// Creates an answer.
    public init(request: LagHistoryRequest, samples: [Sample] = [], periodSeconds: Int? = nil, origin: String,
                problem: SourceProblem? = nil, readAt: Date) {
        self.request = request
        self.samples = samples
        self.periodSeconds = periodSeconds
        self.origin = origin
        self.problem = problem
        self.readAt = readAt
    }

    /// The answer of a source that keeps no history beyond what each snapshot carries.
    public static func notKept(_ request: LagHistoryRequest, by kind: SourceKind, at now: Date) -> LagHistory {
        let why: String
        switch kind {
        case .demo: why = "the demo simulates only its recent minutes"
        case .aws, .awsAndCeph: why = "this source keeps no lag history"
        case .ceph: why = "Ceph sync status has no history"
        }
        return LagHistory(request: request, origin: kind.origin,
                          problem: SourceProblem(.notFound, why + ": the chart shows what drtop has seen"), readAt: now)
    }
}
