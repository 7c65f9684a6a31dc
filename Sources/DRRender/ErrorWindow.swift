import DRCore
import Foundation

/// Each region's errors over a sliding window (15 minutes, as failed operations are counted), from the running
/// totals the snapshots carry: the overview's ERR column says what happens now, not since drtop started.
public struct ErrorWindow: Sendable, Equatable {
    /// The window's length in seconds.
    public static let seconds = 900.0
    private var samples: [(at: Date, counts: [String: Int])] = []

    /// Creates an empty window.
    public init() {}

    /// Adds the totals of `snapshot` and forgets what is older than the window.
    public mutating func record(_ snapshot: Snapshot) {
        let counts = Dictionary(snapshot.regions.map { ($0.name, $0.errorCount) }, uniquingKeysWith: { a, _ in a })
        samples.append((snapshot.takenAt, counts))
        let start = snapshot.takenAt.addingTimeInterval(-Self.seconds)
        // Keep the newest sample at or before the window's start: the baseline the window counts from.
        while samples.count > 1, samples[1].at <= start { samples.removeFirst() }
    }

    /// Errors of `region` within the window (its whole total when the window saw no earlier sample).
    public func recent(_ region: RegionStatus) -> Int {
        guard let base = samples.first, samples.count > 1, let before = base.counts[region.name] else {
            return region.errorCount
        }
        return max(0, region.errorCount - before)
    }

    public static func == (lhs: ErrorWindow, rhs: ErrorWindow) -> Bool {
        lhs.samples.count == rhs.samples.count
            && zip(lhs.samples, rhs.samples).allSatisfy { $0.at == $1.at && $0.counts == $1.counts }
    }
}
