import DRCore

/// One entry of the screen stack, holding its own state: going back shows the page below as it was left.
public enum Page: Sendable, Equatable {
    /// All regions and pairs: the root of every stack.
    case overview(OverviewPage)
    /// One pair in detail.
    case drillDown(DrillDownPage)
    /// The failover check of one pair, as it was when run.
    case failover(FailoverPage)
    /// The keys and what the symbols mean, scrolled by `scroll` lines.
    case help(scroll: Int)
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

    /// The pair the page is about (nil for the overview and help).
    public var pair: String? {
        switch self {
        case .drillDown(let page): return page.pair
        case .failover(let page): return page.pair
        case .object(let pair, _, _): return pair
        case .overview, .help: return nil
        }
    }
}
