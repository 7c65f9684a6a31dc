import Foundation

/// The failover checklist for one pair at one moment, with its verdict.
public struct FailoverReport: Sendable, Equatable {
    /// The pair checked.
    public var pairName: String
    /// When the check ran.
    public var takenAt: Date
    /// Where the data came from.
    public var source: SourceKind
    /// The region writes move away from (the primary).
    public var failoverFrom: String
    /// The region writes move to (the secondary).
    public var failoverTo: String
    /// The pair's RPO, in seconds.
    public var rpoSeconds: Double
    /// The data a failover now gives up: the lag of primary → secondary, in seconds, when known.
    public var acceptedDataLossSeconds: Double?
    /// The checklist.
    public var items: [CheckItem]
    /// For directions with failed objects: the S3 Batch Replication job that re-drives them (printed, never
    /// run by drtop), or why it cannot be given.
    public var redrive: [String] = []
    /// The commands that would move users to the failover target (printed, never run); empty without routing.
    public var runbook: [RunbookStep] = []

    /// Creates a report.
    public init(
        pairName: String, takenAt: Date, source: SourceKind, failoverFrom: String, failoverTo: String,
        rpoSeconds: Double, acceptedDataLossSeconds: Double?, items: [CheckItem]
    ) {
        self.pairName = pairName
        self.takenAt = takenAt
        self.source = source
        self.failoverFrom = failoverFrom
        self.failoverTo = failoverTo
        self.rpoSeconds = rpoSeconds
        self.acceptedDataLossSeconds = acceptedDataLossSeconds
        self.items = items
    }

    /// The verdict the items give.
    public var verdict: Verdict { Verdict.of(items.map(\.result)) }
}
