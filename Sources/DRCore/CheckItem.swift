/// One item of the failover checklist with the evidence behind its result.
public struct CheckItem: Sendable, Equatable {
    /// Stable identifier, e.g. "target-reachable" (used in JSON and metrics).
    public var id: String
    /// What is checked, e.g. "Target region reachable".
    public var title: String
    /// pass / warn / fail / unknown.
    public var result: CheckResult
    /// One line of evidence, e.g. "us-west-2 answered 2s ago in 57 ms".
    public var evidence: String

    /// Creates an item.
    public init(id: String, title: String, result: CheckResult, evidence: String) {
        self.id = id
        self.title = title
        self.result = result
        self.evidence = evidence
    }
}
