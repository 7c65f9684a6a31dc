import DRCore

/// The failover check's list as screen lines: items worst first (FAIL, WARN, UNKNOWN, PASS), the evidence of
/// every item that does not pass wrapped in full, passing items shortened to one line first when rows are short.
struct FailoverLines {
    /// One piece of text at a column.
    struct Segment: Equatable {
        var x: Int
        var text: String
        var role: Role
    }

    /// The lines, top to bottom.
    let lines: [[Segment]]

    static let resultWidth = 10
    static let titleWidth = 27

    /// Where the evidence column starts on wide terminals (the same row as the title).
    static let evidenceX = 1 + resultWidth + 1 + titleWidth + 1

    /// Whether the evidence has its own column (80 columns and more) or goes under the title.
    static func wide(_ width: Int) -> Bool { width >= 80 }

    /// The items of `report` in the order the screen lists them: FAIL, WARN, UNKNOWN, PASS, each kept in the
    /// checklist's order.
    static func ordered(_ items: [CheckItem]) -> [CheckItem] {
        let rank: [CheckResult: Int] = [.fail: 0, .warn: 1, .unknown: 2, .pass: 3]
        return items.enumerated().sorted { lhs, rhs in
            let (a, b) = (rank[lhs.element.result] ?? 3, rank[rhs.element.result] ?? 3)
            return a != b ? a < b : lhs.offset < rhs.offset
        }.map(\.element)
    }

    /// Lays out `items` for a terminal `width` wide with `rows` rows for the list: every item in full when that
    /// fits; else passing items are cut to one line, the last first, until it fits (the list scrolls past that).
    init(_ items: [CheckItem], width: Int, rows: Int) {
        let ordered = Self.ordered(items)
        var blocks = ordered.map { Self.item($0, width: width, shortenPassing: false) }
        var total = blocks.reduce(0) { $0 + $1.count }
        for index in ordered.indices.reversed() where total > rows && ordered[index].result == .pass {
            let short = Self.item(ordered[index], width: width, shortenPassing: true)
            total += short.count - blocks[index].count
            blocks[index] = short
        }
        lines = blocks.flatMap { $0 }
    }

    private static func item(_ item: CheckItem, width: Int, shortenPassing: Bool) -> [[Segment]] {
        let style = Style.check(item.result)
        let head = [
            Segment(x: 0, text: " " + TextWidth.fit(style.text, resultWidth) + " ", role: style.role),
            Segment(x: 1 + resultWidth + 1, text: TextWidth.fit(item.title, titleWidth), role: .normal),
        ]
        let passing = item.result == .pass
        let role: Role = passing ? .dim : style.role
        if wide(width) {
            let evidenceWidth = max(1, width - evidenceX - 1)
            var wrapped = TextWidth.wrap(item.evidence, to: evidenceWidth)
            if passing, shortenPassing { wrapped = [TextWidth.truncate(item.evidence, to: evidenceWidth)] }
            return wrapped.enumerated().map { index, text in
                (index == 0 ? head : []) + [Segment(x: evidenceX, text: text, role: role)]
            }
        }
        // Narrow: a passing item keeps one line (its evidence cut to what is left of it); the evidence of any
        // other item follows on its own lines, indented under the title, in full.
        let rest = width - evidenceX - 1
        if passing, shortenPassing || rest >= TextWidth.of(item.evidence) {
            guard rest >= 8 else { return [head] }
            return [head + [Segment(x: evidenceX, text: TextWidth.truncate(item.evidence, to: rest), role: role)]]
        }
        let indent = 1 + resultWidth + 1
        let wrapped = TextWidth.wrap(item.evidence, to: max(1, width - indent - 1))
        return [head] + wrapped.map { [Segment(x: indent, text: $0, role: role)] }
    }
}
