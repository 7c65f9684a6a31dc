import DRCore

/// One entry of the screen stack.
public enum Page: Sendable, Equatable {
    /// All regions and pairs.
    case overview
    /// One pair in detail.
    case drillDown(pair: String)
    /// The failover check of one pair, as it was when run.
    case failover(pair: String, report: FailoverReport)
    /// The keys and what the symbols mean.
    case help
    /// One object looked up on both sides of a pair: nil while the lookup runs.
    case object(pair: String, key: String, report: ObjectReport?)

    /// The keymap context of the page.
    public var context: ScreenContext {
        switch self {
        case .overview: return .overview
        case .drillDown: return .drillDown
        case .failover: return .failover
        case .help: return .help
        case .object: return .object
        }
    }
}
