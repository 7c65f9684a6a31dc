/// The failover checklist's conclusion.
public enum Verdict: String, Sendable, Equatable, Codable, CaseIterable {
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

    /// The verdict for a set of item results: any fail is NO-GO, then any unknown is UNKNOWN, then any warn is
    /// GO WITH RISK; all pass is GO.
    public static func of(_ results: [CheckResult]) -> Verdict {
        if results.contains(.fail) { return .noGo }
        if results.isEmpty || results.contains(.unknown) { return .unknown }
        if results.contains(.warn) { return .goWithRisk }
        return .go
    }
}
