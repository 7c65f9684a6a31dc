import Foundation

/// The health of one region's APIs as seen by the poller.
public struct RegionStatus: Sendable, Equatable {
    /// Region name, e.g. "us-east-1".
    public var name: String
    /// Whether the last poll got an answer.
    public var reachability: Reachability
    /// Latency of the last successful poll's API calls, in milliseconds (median of the calls where known).
    public var apiLatencyMs: Double?
    /// Errors seen since drtop started.
    public var errorCount: Int
    /// Failed polls in a row; 0 after a success.
    public var consecutiveFailures: Int
    /// When the region last answered a poll successfully.
    public var lastOK: Date?
    /// The problem of the last poll, if it failed.
    public var problem: SourceProblem?
    /// Seconds this machine's clock is behind the region's (negative: ahead), when drtop had to correct it.
    public var clockOffsetSeconds: Double?
    /// Failover checklist items about moving writes to this region that the source judged at its last answer
    /// (unknown once a poll fails); the checklist adds them. None for AWS.
    public var checks: [CheckItem] = []

    /// Creates a region status; a region starts `unknown`.
    public init(
        name: String, reachability: Reachability = .unknown, apiLatencyMs: Double? = nil, errorCount: Int = 0,
        consecutiveFailures: Int = 0, lastOK: Date? = nil, problem: SourceProblem? = nil
    ) {
        self.name = name
        self.reachability = reachability
        self.apiLatencyMs = apiLatencyMs
        self.errorCount = errorCount
        self.consecutiveFailures = consecutiveFailures
        self.lastOK = lastOK
        self.problem = problem
    }

    /// A region is down only after its polls keep failing: two in a row, or a connection refused on every
    /// retry. `failures` counts this poll's failure.
    public static func isDown(after problem: SourceProblem, failures: Int) -> Bool {
        problem.isUnreachable && (problem.kind == .refused || failures >= 2)
    }

    /// "1 poll failed, retrying" while the region is not (yet) down after failed polls; nil otherwise.
    public var retryNote: String? {
        guard consecutiveFailures > 0, reachability != .down else { return nil }
        return consecutiveFailures == 1 ? "1 poll failed, retrying" : "\(consecutiveFailures) polls failed, retrying"
    }

    /// "clock is off by 3600 s" when the local clock had to be corrected to sign for this region.
    public var clockNote: String? {
        guard let offset = clockOffsetSeconds, abs(offset) >= 1 else { return nil }
        return "clock is off by \(Int(offset.rounded())) s (corrected)"
    }

    /// The problem line for the screen and reports: the retry note, the problem, the clock note.
    public var problemLine: String? {
        let parts = [retryNote, problem?.message, clockNote].compactMap { $0 }
        return parts.isEmpty ? nil : parts.joined(separator: ": ")
    }
}
