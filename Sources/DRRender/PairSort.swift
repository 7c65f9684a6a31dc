/// Orders of the overview's pair list.
public enum PairSort: String, Sendable, Equatable, CaseIterable {
    case name, lag, pending, failed, health

    /// The next order in the cycle.
    public var next: PairSort {
        let all = Self.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }
}
