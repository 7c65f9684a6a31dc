import DRCore

/// One object looked up on both sides of a pair (`o` in the drill-down; `drtop object` headless): the verdict,
/// then each side's copy of the version — status, size, ETag, last modified, versions.
public enum ObjectScreen {
    /// The screen for the `.object` page on top of `state`'s stack.
    public static func render(_ state: AppState) -> ScreenBuffer {
        var buffer = ScreenBuffer(width: state.width, height: state.height)
        guard case .object(let pair, let key, let report) = state.page else { return buffer }
        Chrome.title(&buffer, state, subtitle: "object")
        buffer.put(TextWidth.truncate(" OBJECT  \(pair)  \(key)", to: state.width), x: 0, y: 1, role: .heading)
        guard let report else {
            buffer.put(TextWidth.truncate("  looking it up on both sides (HEAD and one listing each)…", to: state.width),
                       x: 0, y: 3, role: .dim)
            Chrome.status(&buffer, state, fallback: "read-only: HEAD and ListObjectVersions on both buckets")
            Chrome.footer(&buffer, state)
            return buffer
        }
        let role: Role
        switch report.verdict {
        case .replicated: role = .healthy
        case .pending: role = .warning
        case .failed, .mismatch, .notReplicated: role = .critical
        case .unknown: role = .unknown
        }
        let symbol = role == .healthy ? "●" : role == .warning ? "▲" : role == .critical ? "✖" : "?"
        buffer.put(TextWidth.truncate(" \(symbol) \(report.verdict.text)", to: state.width), x: 0, y: 2, role: role)
        // The text report's table, each line cut with an ellipsis where the terminal is narrow.
        var y = 4
        for line in report.text().split(separator: "\n").dropFirst() where y < state.height - 2 {
            buffer.put(TextWidth.truncate(" " + line, to: state.width), x: 0, y: y,
                       role: line.hasPrefix(" ") ? .heading : .normal)
            y += 1
        }
        Chrome.status(&buffer, state, fallback: "read at \(Format.timestamp(report.takenAt)) · Esc back")
        Chrome.footer(&buffer, state)
        return buffer
    }
}
