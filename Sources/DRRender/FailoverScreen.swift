import DRCore
import Foundation

/// The failover check: verdict, accepted data loss, and every checklist item with its evidence, worst first.
/// The list scrolls (the list keys); the header, the verdict and the counts stay.
public enum FailoverScreen {
    /// Rows of the screen above the list, and whether blank spacer rows are drawn (not below 20 rows).
    private static func spaced(_ state: AppState) -> Bool { state.height >= 20 }

    /// The first row of the list.
    private static func listTop(_ state: AppState) -> Int { spaced(state) ? 7 : 5 }

    /// How many list lines fit.
    public static func listCapacity(_ state: AppState) -> Int { max(1, state.height - 2 - listTop(state)) }

    /// How many lines the list of the shown report has at the current size.
    public static func lineCount(_ state: AppState) -> Int {
        guard let report = state.failover?.report else { return 0 }
        return FailoverLines(report.items, width: state.width, rows: listCapacity(state)).lines.count
    }

    /// Draws the report on top of the stack.
    public static func render(_ state: AppState) -> ScreenBuffer {
        var buffer = ScreenBuffer(width: state.width, height: state.height)
        guard let page = state.failover else { return buffer }
        let name = page.pair, report = page.report
        Chrome.title(&buffer, state, subtitle: name)
        let width = state.width
        header(&buffer, name: name, report: report, width: width)
        var y = spaced(state) ? 3 : 2
        let verdict = report.verdict
        var x = buffer.put(" VERDICT ", x: 0, y: y, role: .heading)
        x = buffer.put(" \(verdict.rawValue) ", x: x + 1, y: y, role: Style.verdictRole(verdict))
        let loss = report.acceptedDataLossSeconds.map { Format.duration($0) } ?? "unknown"
        buffer.put(TextWidth.truncate("   accepted data loss: \(loss)  (RPO \(Format.duration(report.rpoSeconds)))",
                                      to: max(0, width - x)), x: x, y: y,
                   role: report.acceptedDataLossSeconds == nil ? .unknown : .normal)
        y += 1
        let age = Format.duration(state.now.timeIntervalSince(report.takenAt))
        let source = report.source.dataLabel
        buffer.put(TextWidth.truncate(" checked \(Format.timestamp(report.takenAt)), \(age) ago · \(source) · r re-runs",
                                      to: width), x: 0, y: y, role: .dim)
        y += spaced(state) ? 2 : 1
        let capacity = listCapacity(state)
        let list = FailoverLines(report.items, width: width, rows: capacity).lines
        let scroll = min(page.scroll, max(0, list.count - capacity))
        let columns = " " + TextWidth.fit("RESULT", FailoverLines.resultWidth) + " "
            + (FailoverLines.wide(width) ? TextWidth.fit("CHECK", FailoverLines.titleWidth) + " EVIDENCE"
                : "CHECK · EVIDENCE")
        let end = buffer.put(columns, x: 0, y: y, role: .heading)
        // Where the list is (when it scrolls) and how many items have each result, as far as they fit.
        var notes = [counts(report.items)]
        if list.count > capacity {
            let more = scroll + capacity < list.count ? " ↓" : " ↑"
            notes.insert("lines \(scroll + 1)–\(min(list.count, scroll + capacity)) of \(list.count)" + more, at: 0)
        }
        for candidate in [notes.joined(separator: " · ")] + notes {
            let at = width - TextWidth.of(candidate) - 1
            if at > end + 1 {
                buffer.put(candidate, x: at, y: y, role: .dim)
                break
            }
        }
        y += 1
        for line in list.dropFirst(scroll).prefix(capacity) {
            for segment in line {
                buffer.put(segment.text, x: segment.x, y: y, role: segment.role, limit: width - segment.x)
            }
            y += 1
        }
        Chrome.status(&buffer, state, fallback: verdictMeaning(verdict))
        Chrome.footer(&buffer, state)
        return buffer
    }

    /// " FAILOVER CHECK  pair   us-east-1 → us-west-2   read-only: nothing is changed": the pair and the direction
    /// always; the label and the read-only note only where they fit.
    private static func header(_ buffer: inout ScreenBuffer, name: String, report: FailoverReport, width: Int) {
        let direction = "\(report.failoverFrom) → \(report.failoverTo)"
        let core = "\(name)   \(direction)"
        let label = TextWidth.of(" FAILOVER CHECK  " + core) <= width - 1 ? " FAILOVER CHECK  " : " "
        var line = label + core
        if TextWidth.of(line) > width - 1 {
            // The direction wins over the pair's name, which the title bar shows too.
            let room = max(1, width - 1 - TextWidth.of(" " + "   " + direction))
            line = " " + TextWidth.truncate(name, to: room) + "   " + direction
        }
        let x = buffer.put(TextWidth.truncate(line, to: width), x: 0, y: 1, role: .heading)
        for note in ["read-only: nothing is changed ", "read-only "] {
            let at = width - TextWidth.of(note)
            if at >= x + 2 {
                buffer.put(note, x: at, y: 1, role: .dim)
                break
            }
        }
    }

    /// "1 fail · 2 warn · 7 pass": how many items have each result, worst first.
    static func counts(_ items: [CheckItem]) -> String {
        let order: [(CheckResult, String)] = [(.fail, "fail"), (.warn, "warn"), (.unknown, "unknown"), (.pass, "pass")]
        return order.compactMap { result, word in
            let n = items.filter { $0.result == result }.count
            return n > 0 ? "\(n) \(word)" : nil
        }.joined(separator: " · ")
    }

    private static func verdictMeaning(_ verdict: Verdict) -> String {
        switch verdict {
        case .go: return "GO: every check passes"
        case .goWithRisk: return "GO WITH RISK: warnings only — read them before failing over"
        case .noGo: return "NO-GO: at least one check fails"
        case .unknown: return "UNKNOWN: data needed to decide is missing"
        }
    }
}
