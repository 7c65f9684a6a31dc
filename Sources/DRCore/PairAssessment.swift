/// Every judgement of one pair in one snapshot: each direction's health (state, share of RPO, trend, drain),
/// each failover checklist item's result, the verdict, and the report with its evidence. Computed once by
/// `Assessment`; read by every outlet. The results are made for every pair (the overview, its ordering and the
/// metrics read them); the evidence is written only when a report is asked for (`failover`: the failover
/// screen, `check`, the Markdown export).
public struct PairAssessment: Sendable, Equatable {
    /// The pair's name.
    public let name: String
    /// Primary → secondary: its lag is what a failover gives up.
    public let fromPrimary: DirectionHealth
    /// Secondary → primary.
    public let toPrimary: DirectionHealth
    /// Each checklist item's id and result, in the report's order (made when read).
    public var checks: [CheckOutcome] { outcomes.outcomes }
    /// The items' results, held compactly.
    private let outcomes: CheckOutcomes
    /// The failover verdict (the overview's READINESS).
    public let verdict: Verdict
    /// The data a failover now gives up: the lag of primary → secondary, in seconds, when known.
    public let acceptedDataLossSeconds: Double?
    /// Where users go, for a pair that names routing; nil when it names none.
    public var traffic: TrafficSummary? {
        get { judged?.value.traffic }
        set { change { $0.traffic = newValue } }
    }
    /// How long recovery would take, for a pair with routing, a backup or an RTO target; nil otherwise.
    public var recovery: RecoveryTimeEstimate? {
        get { judged?.value.recovery }
        set { change { $0.recovery = newValue } }
    }
    /// What a restore would give back, for a pair judged by its backups; nil otherwise.
    public var backup: BackupExposure? {
        get { judged?.value.backup }
        set { change { $0.backup = newValue } }
    }
    /// The pair's routing as judged (routes too old to say where users go made unknown); nil without routing.
    public var routing: TrafficStatus? {
        get { judged?.value.status }
        set { change { $0.status = newValue } }
    }
    /// The traffic, RTO and backup judgement, held apart (nil for a pair that names none of them): most pairs
    /// have none, and the list of 10,000 judgements stays a third smaller without room for them in each.
    private var judged: Shared<RecoveryJudgement>?

    /// Changes one part of the traffic, RTO and backup judgement.
    private mutating func change(_ body: (inout RecoveryJudgement) -> Void) {
        var parts = judged?.value ?? RecoveryJudgement()
        body(&parts)
        judged = parts.isEmpty ? nil : Shared(parts)
    }

    private let evidence: FailoverEvidence

    /// Creates the judgement of one pair from its full report.
    public init(name: String, fromPrimary: DirectionHealth, toPrimary: DirectionHealth, failover: FailoverReport) {
        self.name = name
        self.fromPrimary = fromPrimary
        self.toPrimary = toPrimary
        outcomes = CheckOutcomes(failover.items)
        verdict = failover.verdict
        acceptedDataLossSeconds = failover.acceptedDataLossSeconds
        judged = nil
        evidence = .ready(failover)
    }

    /// Creates the judgement of one pair whose report is written when asked for.
    init(name: String, fromPrimary: DirectionHealth, toPrimary: DirectionHealth, checks: CheckOutcomes,
         acceptedDataLossSeconds: Double?, recovery judgement: RecoveryJudgement, evidence: FailoverEvidence) {
        self.name = name
        self.fromPrimary = fromPrimary
        self.toPrimary = toPrimary
        outcomes = checks
        verdict = checks.verdict
        self.acceptedDataLossSeconds = acceptedDataLossSeconds
        judged = judgement.isEmpty ? nil : Shared(judgement)
        self.evidence = evidence
    }

    /// The failover checklist of the pair with its evidence, runbook and re-drive jobs: written on each call
    /// for a judgement the assessment made (keep it while it is shown).
    public var failover: FailoverReport {
        switch evidence {
        case .ready(let report):
            return report
        case .deferred(let source, let position):
            return source.report(position, health: fromPrimary,
                                 recovery: judged?.value ?? RecoveryJudgement())
        }
    }

    /// The health of direction `index` (0 primary → secondary, 1 back), as `BucketPair.directions` orders them.
    public func health(_ index: Int) -> DirectionHealth { index == 0 ? fromPrimary : toPrimary }

    /// The worse state of the two directions, of those that replicate (`absent` directions do not count);
    /// nil when neither does.
    public func worstState(of pair: BucketPair) -> HealthState? {
        zip(pair.directions, [fromPrimary, toPrimary]).filter { !$0.0.isAbsent }.map(\.1.state).max()
    }

    /// Equal judgements: the same results, and reports that are equal (not written when both are the same
    /// pair of the same assessment).
    public static func == (lhs: PairAssessment, rhs: PairAssessment) -> Bool {
        lhs.name == rhs.name && lhs.fromPrimary == rhs.fromPrimary && lhs.toPrimary == rhs.toPrimary
            && lhs.outcomes == rhs.outcomes && lhs.verdict == rhs.verdict
            && lhs.acceptedDataLossSeconds == rhs.acceptedDataLossSeconds && lhs.traffic == rhs.traffic
            && lhs.recovery == rhs.recovery && lhs.backup == rhs.backup
            && (lhs.evidence.isSame(as: rhs.evidence) || lhs.failover == rhs.failover)
    }
}
