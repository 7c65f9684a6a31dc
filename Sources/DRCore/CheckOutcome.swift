/// One failover checklist item's result without its evidence: what the overview's verdict, the ordering and the
/// metrics (`drtop_check_result`) read. The evidence is written on demand (`PairAssessment.failover`).
public struct CheckOutcome: Sendable, Equatable {
    /// The item's stable identifier (`CheckItem.id`).
    public var id: String
    /// pass / warn / fail / unknown.
    public var result: CheckResult

    /// Creates an outcome.
    public init(id: String, result: CheckResult) {
        self.id = id
        self.result = result
    }

    /// The outcome of a full item.
    public init(_ item: CheckItem) {
        self.init(id: item.id, result: item.result)
    }
}
