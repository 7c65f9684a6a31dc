import Foundation

/// What the failover checklist's items read besides the pair itself, derived once per pair when it is judged:
/// the time, the thresholds, the primary → secondary health, each direction's rule facts, the target region and
/// its kind, and the traffic, recovery and backup judgement. Small on purpose: every item's result reads it for
/// every pair of every snapshot.
struct CheckFacts: Sendable {
    /// The time judged at.
    let now: Date
    /// The limits judged with.
    let thresholds: Thresholds
    /// The health of primary → secondary (what a failover gives up).
    let health: DirectionHealth
    /// The rules of primary → secondary.
    let fromPrimary: DirectionFacts
    /// The rules of secondary → primary.
    let toPrimary: DirectionFacts
    /// The kind of source that reads the target region (`.ceph` for a Ceph zone).
    let source: SourceKind
    /// The target region's reachability; nil when the region is not polled.
    let targetReachability: Reachability?
    /// The pair's traffic, RTO and backup judgement.
    let recovery: RecoveryJudgement
    private let regions: [RegionStatus]
    private let targetIndex: Int?

    /// The facts of `pair` in `snapshot` at `now`, with its primary → secondary `health` and `recovery` already
    /// judged; `regions` is the snapshot's regions (a copy of its list of them, for a thread judging beside others).
    init(_ pair: borrowing BucketPair, in snapshot: borrowing Snapshot, regions: [RegionStatus]? = nil,
         health: DirectionHealth, recovery: RecoveryJudgement, thresholds: Thresholds, now: Date) {
        self.now = now
        self.thresholds = thresholds
        self.health = health
        self.recovery = recovery
        fromPrimary = DirectionFacts(pair.fromPrimary)
        toPrimary = DirectionFacts(pair.toPrimary)
        let target = pair.secondaryRegion
        source = snapshot.kind(ofRegion: target)
        let list = regions ?? snapshot.regions
        self.regions = list
        targetIndex = list.firstIndex { $0.name == target }
        targetReachability = targetIndex.map { list[$0].reachability }
    }

    /// The target region as the snapshot holds it; nil when it is not polled.
    var target: RegionStatus? { targetIndex.map { regions[$0] } }

    /// The rule facts of direction `index` (0 primary → secondary), as `BucketPair.directions` orders them.
    func rules(_ index: Int) -> DirectionFacts { index == 0 ? fromPrimary : toPrimary }
}
