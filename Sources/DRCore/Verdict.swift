/// The failover checklist's conclusion.
public enum Verdict: String, Sendable, Equatable, Codable, CaseIterable, Comparable {
    /// Every item passes.
    case go = "GO"
    /// Warnings only.
    case goWithRisk = "GO WITH RISK"
    /// At least one item fails.
    case noGo = "NO-GO"
    /// Data needed to decide is missing.
    case unknown = "UNKNOWN"

    /// The monitoring-plugin exit status: 0 GO, 1 GO WITH RISK, 2 NO-GO, 3 UNKNOWN.
    public var exitCode: Int32 {
        switch self {
        case .go: return 0
        case .goWithRisk: return 1
        case .noGo: return 2
        case .unknown: return 3
        }
    }

    /// How bad, for ordering and for the worst of several: GO 0, GO WITH RISK 1, UNKNOWN 2, NO-GO 3. The one
    /// precedence: `of`, the worst of several reports, the health sort and the exit codes all follow it.
    public var severity: Int {
        switch self {
        case .go: return 0
        case .goWithRisk: return 1
        case .unknown: return 2
        case .noGo: return 3
        }
    }

    public static func < (lhs: Verdict, rhs: Verdict) -> Bool { lhs.severity < rhs.severity }

    /// The verdict an item's result alone would give: fail NO-GO, unknown UNKNOWN, warn GO WITH RISK, pass GO.
    public init(_ result: CheckResult) {
        switch result {
        case .pass: self = .go
        case .warn: self = .goWithRisk
        case .unknown: self = .unknown
        case .fail: self = .noGo
        }
    }

    /// The verdict for a set of item results: the worst one's (any fail is NO-GO, then any unknown is UNKNOWN,
    /// then any warn is GO WITH RISK; all pass is GO). No items is UNKNOWN.
    public static func of<Results: Sequence>(_ results: Results) -> Verdict where Results.Element == CheckResult {
        results.lazy.map(Verdict.init).max() ?? .unknown
    }

    /// The verdict for a checklist's item results (`PairAssessment.checks`), as `of` gives it.
    public static func of(outcomes: [CheckOutcome]) -> Verdict {
        of(outcomes.lazy.map(\.result))
    }

    /// The worst of `verdicts`; UNKNOWN when there are none.
    public static func worst(_ verdicts: [Verdict]) -> Verdict {
        verdicts.max() ?? .unknown
    }
}
