import DRCore

/// How far back the drill-down's lag chart reaches; `c` cycles 1 h → 6 h → 24 h.
public enum ChartSpan: Int, Sendable, Equatable, CaseIterable {
    case hour = 1
    case sixHours = 6
    case day = 24

    /// The window in seconds.
    public var seconds: Double { Double(rawValue) * 3600 }

    /// "1 h", "6 h", "24 h".
    public var label: String { "\(rawValue) h" }

    /// The next span of the cycle.
    public var next: ChartSpan {
        let all = Self.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }

    /// Whether the chart asks the source for history: every snapshot carries about the last hours at the
    /// source's resolution (CloudWatch's 3 h on the first poll), so the hour is drawn from the snapshots alone.
    public var needsHistory: Bool { self != .hour }

    /// How old an answer may grow before it is asked again: one period of its samples.
    static let historyMaxAgeSeconds: Double = 300
}
