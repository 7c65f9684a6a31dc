/// The results of one pair's checklist items, held without a list of their own: the ids of the items the pair
/// was judged by (one array shared by every pair judged with the same items) and three bits per item. Judging
/// 10,000 pairs then makes no list per pair; the list (`PairAssessment.checks`) is made when read.
struct CheckOutcomes: Sendable, Equatable {
    /// The ids of the items the pair was judged by, in the report's order (some may not apply to it).
    private let ids: [String]
    /// Item `i`'s result in bits `3i ..< 3i + 3`: 0 where the item does not apply, else `CheckResult.code + 1`.
    private let codes: UInt64
    /// The results as a list, for more items than `codes` holds (a Ceph zone's checks are as many as its gateway
    /// reports); nil when `codes` holds them.
    private let list: [CheckOutcome]?

    /// The most items `codes` holds.
    static let packedItems = UInt64.bitWidth / 3

    /// The results of items `ids`, `result(i)` giving item `i`'s (nil where it does not apply).
    init(ids: [String], result: (Int) -> CheckResult?) {
        self.ids = ids
        if ids.count <= Self.packedItems {
            var codes: UInt64 = 0
            for index in ids.indices {
                if let result = result(index) { codes |= UInt64(result.code + 1) << (3 * UInt64(index)) }
            }
            self.codes = codes
            list = nil
        } else {
            codes = 0
            list = ids.indices.compactMap { index in result(index).map { CheckOutcome(id: ids[index], result: $0) } }
        }
    }

    /// The results of a written report's items.
    init(_ items: [CheckItem]) {
        self.init(ids: items.map(\.id)) { items[$0].result }
    }

    /// The results of the items that apply, in the report's order.
    var outcomes: [CheckOutcome] {
        list ?? ids.indices.compactMap { index in result(at: index).map { CheckOutcome(id: ids[index], result: $0) } }
    }

    /// The verdict of these results, as `Verdict.of` gives it.
    var verdict: Verdict {
        list.map(Verdict.of(outcomes:)) ?? Verdict.of(ids.indices.lazy.compactMap(result(at:)))
    }

    /// Item `index`'s result, nil where it does not apply.
    private func result(at index: Int) -> CheckResult? {
        switch (codes >> (3 * UInt64(index))) & 0b111 {
        case 1: return .pass
        case 2: return .warn
        case 3: return .fail
        case 4: return .unknown
        default: return nil
        }
    }

    /// The same results for the same items that apply, however they are held.
    static func == (lhs: CheckOutcomes, rhs: CheckOutcomes) -> Bool {
        (lhs.ids == rhs.ids && lhs.codes == rhs.codes && lhs.list == rhs.list) || lhs.outcomes == rhs.outcomes
    }
}
