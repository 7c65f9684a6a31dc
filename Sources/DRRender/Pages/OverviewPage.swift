/// The overview's own state: which pair is selected, how the list is ordered and filtered, how far it scrolled.
public struct OverviewPage: Sendable, Equatable {
    /// The selected pair, by name (stable across sorting and filtering; nil: the first listed).
    public var selectedPair: String?
    /// The first pair shown.
    public var scroll = 0
    /// Pair order.
    public var sort: PairSort = .name
    /// Name filter ("" = none).
    public var filter = ""
    /// Whether keys currently type into the filter.
    public var editingFilter = false

    /// An overview with nothing selected, in name order, unfiltered.
    public init() {}
}
