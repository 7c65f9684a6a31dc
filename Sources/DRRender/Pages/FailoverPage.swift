import DRCore

/// The failover check's page: the report as it was when run, and how far its list scrolled.
public struct FailoverPage: Sendable, Equatable {
    /// The pair checked, by name.
    public let pair: String
    /// The check's report (re-run with `r`, or on the first real data after a check of nothing).
    public var report: FailoverReport
    /// The first line of the list shown.
    public var scroll = 0

    /// The page for `report` of `pair`, from the top of its list.
    public init(pair: String, report: FailoverReport) {
        self.pair = pair
        self.report = report
    }
}
