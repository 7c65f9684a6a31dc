import DRCore
import Foundation

/// A source of replication data: the demo simulator or the AWS APIs. The poller calls it; it never draws.
///
/// A source answers per region, because in a regional outage one region answers and the other does not.
/// Each region's reading carries the parts of each direction that region knows (rules live with the source
/// bucket, lag and backlog metrics with the destination); the poller overlays them into a `Snapshot`.
package protocol ReplicationSource: Sendable {
    /// What is watched: the regions, the pairs and their targets. Called before each poll.
    func layout() async throws -> SourceLayout

    /// Reads what `region` knows at `now`. Throws a `SourceProblem` when the region cannot be read at all;
    /// partial failures are returned inside the reading.
    func poll(region: String, now: Date) async throws -> RegionReading

    /// Asks the source to re-read configuration (replication rules, versioning) at the next poll.
    func invalidateConfiguration() async

    /// The estimated monthly cost of the source's API calls at the current rate; nil when it costs nothing.
    /// The poller asks after each poll.
    func estimatedMonthlyCostUSD() async -> Double?

    /// The same by account name ("main" for the main credentials) when the source reads several accounts.
    func estimatedMonthlyCostByAccount() async -> [String: Double]

    /// Finishes what must happen before a poll means anything (discovery), reporting progress, and throws the
    /// problem that stops it. Headless commands wait on it; the dashboard draws the layout's progress instead.
    /// Returns notes for a person (nothing found, a partial view).
    func prepare(progress: @escaping @Sendable (PollProgress) -> Void) async throws -> [String]

    /// Whether the poll just made leaves something the first view wants (the dashboard's first look leaves the
    /// history and the object queue to the poll after it): the poller then polls again at once instead of at
    /// the next tick. True at most once for each thing left, so that it never polls in a loop.
    func pollsAgainAtOnce() async -> Bool

    /// What kind of source this is, for a snapshot made before any layout (the first layout failed).
    var kind: SourceKind { get }

    /// The lag of one direction over a longer window than snapshots carry, for the drill-down's chart of the
    /// pair on screen (asked for that pair only, never the fleet). Failure is part of the answer.
    func lagHistory(_ request: LagHistoryRequest, now: Date) async -> LagHistory
}

extension ReplicationSource {
    /// AWS by default (the AWS APIs and S3-compatible endpoints); the demo and Ceph say their own.
    package var kind: SourceKind { .aws }

    /// Free by default (the demo).
    package func estimatedMonthlyCostUSD() async -> Double? { nil }

    /// One account, or none: nothing to split.
    package func estimatedMonthlyCostByAccount() async -> [String: Double] { [:] }

    /// No history beyond the snapshots by default: the answer says so and the chart shows what drtop has seen.
    package func lagHistory(_ request: LagHistoryRequest, now: Date) async -> LagHistory {
        .notKept(request, by: kind, at: now)
    }

    /// Every poll reads everything by default.
    package func pollsAgainAtOnce() async -> Bool { false }

    /// Nothing to prepare by default: configured pairs and the demo are ready at once.
    package func prepare(progress: @escaping @Sendable (PollProgress) -> Void) async throws -> [String] { [] }
}
