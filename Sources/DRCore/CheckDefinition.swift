/// One item of the failover checklist, defined once: its stable id and title, the function that judges it and
/// the function that writes its one line of evidence. The result is cheap and runs for every pair of every
/// snapshot (the overview sorts, colours and counts by it); the evidence is formatted only for a report that is
/// shown or exported (`PairAssessment.failover`). Both read the pair and the facts derived from it once
/// (`CheckFacts`), never a copy of a direction.
struct CheckDefinition: Sendable {
    /// Stable identifier, e.g. "target-reachable" (JSON and metrics use it).
    let id: String
    /// What is checked, e.g. "Target region reachable".
    let title: String
    /// The item's result for a pair; nil where the item does not apply to it (left out, never UNKNOWN).
    let result: @Sendable (BucketPair, CheckFacts) -> CheckResult?
    /// The item's evidence for a pair whose result is the one given.
    let evidence: @Sendable (BucketPair, CheckFacts, CheckResult) -> String

    /// Defines an item.
    init(id: String, title: String, result: @escaping @Sendable (BucketPair, CheckFacts) -> CheckResult?,
         evidence: @escaping @Sendable (BucketPair, CheckFacts, CheckResult) -> String) {
        self.id = id
        self.title = title
        self.result = result
        self.evidence = evidence
    }

    /// An item judged elsewhere (a Ceph zone's, `RegionStatus.checks`), passed through as it is.
    init(given item: CheckItem) {
        self.init(id: item.id, title: item.title, result: { _, _ in item.result }, evidence: { _, _, _ in item.evidence })
    }

    /// This definition with another title (the same judgement, worded for another kind of source).
    func titled(_ title: String) -> CheckDefinition {
        CheckDefinition(id: id, title: title, result: result, evidence: evidence)
    }

    /// The item with its evidence for `pair`, or nil where it does not apply.
    func item(_ pair: BucketPair, _ facts: CheckFacts) -> CheckItem? {
        result(pair, facts).map { CheckItem(id: id, title: title, result: $0, evidence: evidence(pair, facts, $0)) }
    }
}
