import DRCore
import Foundation

/// The failover check: verdict, accepted data loss, and every checklist item with its evidence.
public enum FailoverScreen {
    /// Draws the report on top of the stack.
    public static func render(_ state: AppState) -> ScreenBuffer {
        var buffer = ScreenBuffer(width: state.width, height: state.height)
        guard case .failover(let name, let report) = state.page else { return buffer }
        Chrome.title(&buffer, state, subtitle: name)
        var y = 1
        buffer.put(" FAILOVER CHECK  \(name)   \(report.failoverFrom) → \(report.failoverTo)", x: 0, y: y,
                   role: .heading)
        let readOnly = "read-only: nothing is changed "
        buffer.put(readOnly, x: max(0, state.width - TextWidth.of(readOnly)), y: y, role: .dim)
        y += 2
        let verdict = report.verdict
        var x = buffer.put(" VERDICT ", x: 0, y: y, role: .heading)
        x = buffer.put(" \(verdict.rawValue) ", x: x + 1, y: y, role: Style.verdictRole(verdict))
        let loss = report.acceptedDataLossSeconds.map { Format.duration($0) } ?? "unknown"
        buffer.put("   accepted data loss: \(loss)  (RPO \(Format.duration(report.rpoSeconds)))", x: x, y: y,
                   role: report.acceptedDataLossSeconds == nil ? .unknown : .normal)
        y += 1
        let age = Format.duration(state.now.timeIntervalSince(report.takenAt))
        let source = report.source.dataLabel
        buffer.put(" checked \(Format.timestamp(report.takenAt)), \(age) ago · \(source) · r re-runs", x: 0, y: y,
                   role: .dim)
        y += 2
        let resultWidth = 10
        let titleWidth = 27
        buffer.put(" " + TextWidth.fit("RESULT", resultWidth) + " " + TextWidth.fit("CHECK", titleWidth) + " EVIDENCE",
                   x: 0, y: y, role: .heading)
        y += 1
        // Evidence wraps onto extra lines while rows remain for every item still to come.
        let evidenceX = 1 + resultWidth + 1 + titleWidth + 1
        let evidenceWidth = max(1, state.width - evidenceX - 1)
        let bottom = state.height - 2
        for (index, item) in report.items.enumerated() where y < bottom {
            let style = Style.check(item.result)
            buffer.put(" " + TextWidth.fit(style.text, resultWidth) + " ", x: 0, y: y, role: style.role)
            buffer.put(TextWidth.fit(item.title, titleWidth), x: 1 + resultWidth + 1, y: y)
            let remaining = report.items.count - index - 1
            let room = max(1, bottom - y - remaining)
            var lines = TextWidth.wrap(item.evidence, to: evidenceWidth)
            if lines.count > room {
                lines = Array(lines.prefix(room))
                lines[room - 1] = TextWidth.truncate(lines[room - 1] + " …", to: evidenceWidth)
            }
            for line in lines {
                buffer.put(line, x: evidenceX, y: y, role: item.result == .pass ? .dim : style.role)
                y += 1
            }
        }
        Chrome.status(&buffer, state, fallback: verdictMeaning(verdict))
        Chrome.footer(&buffer, state)
        return buffer
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
