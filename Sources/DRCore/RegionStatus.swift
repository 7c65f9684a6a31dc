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
}
