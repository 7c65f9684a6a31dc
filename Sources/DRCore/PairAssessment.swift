/// Every judgement of one pair in one snapshot: each direction's health (state, share of RPO, trend, drain)
/// and the failover checklist with its verdict and evidence. Computed once by `Assessment`; read by every outlet.
public struct PairAssessment: Sendable, Equatable {
    /// The pair's name.
    public let name: String
    /// Primary → secondary: its lag is what a failover gives up.
    public let fromPrimary: DirectionHealth
    /// Secondary → primary.
    public let toPrimary: DirectionHealth
    /// The failover checklist of the pair.
    public let failover: FailoverReport
    /// Where users go, for a pair that names routing; nil when it names none.
    public var traffic: TrafficSummary?
    /// How long recovery would take, for a pair with routing, a backup or an RTO target; nil otherwise.
    public var recovery: RecoveryTimeEstimate?
    /// What a restore would give back, for a pair whose backups are watched; nil otherwise.
    public var backup: BackupExposure?

    /// Creates the judgement of one pair.
    public init(name: String, fromPrimary: DirectionHealth, toPrimary: DirectionHealth, failover: FailoverReport) {
        self.name = name
        self.fromPrimary = fromPrimary
        self.toPrimary = toPrimary
        self.failover = failover
    }

    /// The failover verdict (the overview's READINESS).
    public var verdict: Verdict { failover.verdict }

    /// The health of direction `index` (0 primary → secondary, 1 back), as `BucketPair.directions` orders them.
    public func health(_ index: Int) -> DirectionHealth { index == 0 ? fromPrimary : toPrimary }

    /// The worse state of the two directions, of those that replicate (`absent` directions do not count);
    /// nil when neither does.
    public func worstState(of pair: BucketPair) -> HealthState? {
        zip(pair.directions, [fromPrimary, toPrimary]).filter { !$0.0.isAbsent }.map(\.1.state).max()
    }
}
