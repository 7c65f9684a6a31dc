@testable import DRCore
import Testing

/// `CheckOutcomes` gives back exactly the results it was given, packed (up to `packedItems` items) or as a list
/// (more), and judges the verdict as `Verdict.of(outcomes:)` does.
@Suite struct CheckOutcomesTests {
    private let results: [CheckResult?] = [.pass, nil, .warn, .fail, nil, .unknown, .pass]

    /// `count` item ids and a result for each, cycling through `results` (nil: the item does not apply).
    private func items(_ count: Int) -> (ids: [String], results: [CheckResult?]) {
        ((0..<count).map { "item-\($0)" }, (0..<count).map { results[$0 % results.count] })
    }

    @Test(arguments: [0, 1, 7, CheckOutcomes.packedItems, CheckOutcomes.packedItems + 1, 40])
    func resultsComeBackAsGiven(count: Int) {
        let (ids, given) = items(count)
        let outcomes = CheckOutcomes(ids: ids) { given[$0] }
        let expected = zip(ids, given).compactMap { id, result in result.map { CheckOutcome(id: id, result: $0) } }
        #expect(outcomes.outcomes == expected)
        #expect(outcomes.verdict == Verdict.of(outcomes: expected))
    }

    @Test func equalResultsAreEqualHoweverHeld() {
        let (ids, given) = items(5)
        let packed = CheckOutcomes(ids: ids) { given[$0] }
        let items = zip(ids, given).compactMap { id, result in
            result.map { CheckItem(id: id, title: id, result: $0, evidence: "") }
        }
        #expect(packed == CheckOutcomes(items))
        #expect(packed != CheckOutcomes(ids: ids) { _ in .pass })
        #expect(CheckOutcomes(ids: [], result: { _ in nil }).verdict == .unknown)
    }
}
