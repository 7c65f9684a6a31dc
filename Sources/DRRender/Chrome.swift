import DRCore
import Foundation

/// The parts every screen shares: the title bar, the status line and the footer generated from the keymap.
enum Chrome {
    /// Draws the title bar on row 0.
    static func title(_ buffer: inout ScreenBuffer, _ state: AppState, subtitle: String? = nil) {
        buffer.clearRow(0, role: .title)
        var x = buffer.put(" drtop", x: 0, y: 0, role: .title)
        var parts: [String] = []
        if let snapshot = state.snapshot {
            if !snapshot.regions.isEmpty { parts.append(snapshot.regions.map(\.name).joined(separator: " ⇄ ")) }
            if let subtitle {
                parts.append(subtitle)
            } else {
                parts.append(snapshot.pairs.count == 1 ? "1 pair" : "\(snapshot.pairs.count) pairs")
            }
            if snapshot.sequence == 0 {
                parts.append("first poll…")
            } else {
                parts.append("polled \(Format.duration(state.now.timeIntervalSince(snapshot.takenAt))) ago")
            }
        } else {
            parts.append("waiting for first poll")
        }
        let help = "? help "
        let right = buffer.width - TextWidth.of(help)
        var badge = ""
        if state.demo {
            badge = " DEMO" + (state.snapshot?.scenario.map { ": \($0)" } ?? "") + " "
        }
        let room = right - x - TextWidth.of(badge) - 1
        x = buffer.put(TextWidth.truncate(" ─ " + parts.joined(separator: " ─ "), to: max(0, room)), x: x, y: 0,
                       role: .title)
        if !badge.isEmpty { buffer.put(badge, x: x + 1, y: 0, role: .accent, limit: max(0, right - x - 1)) }
        if right > x { buffer.put(help, x: right, y: 0, role: .title) }
    }

    /// Draws the status line (row height-2): a message, progress, or `fallback`.
    static func status(_ buffer: inout ScreenBuffer, _ state: AppState, fallback: String) {
        let y = buffer.height - 2
        let width = buffer.width
        let fit = { (text: String) in TextWidth.truncate(text, to: width) }
        if let message = state.message {
            buffer.put(fit(" " + message), x: 0, y: y, role: .accent)
        } else if let progress = state.snapshot?.progress {
            buffer.put(fit(" ⟳ " + progress.line), x: 0, y: y, role: .warning)
        } else {
            buffer.put(fit(" " + fallback), x: 0, y: y, role: .dim)
        }
    }

    /// Draws the footer (last row) from the keymap for the current page.
    static func footer(_ buffer: inout ScreenBuffer, _ state: AppState) {
        let y = buffer.height - 1
        buffer.clearRow(y, role: .normal)
        if state.editingFilter, state.page == .overview {
            var x = buffer.put(" filter: ", x: 0, y: y, role: .heading)
            x = buffer.put(state.filter + "▏", x: x, y: y, role: .focus)
            buffer.put("  ⏎ keep  Esc clear", x: x, y: y, role: .dim)
            return
        }
        var x = 1
        for item in Keymap.footer(for: state.page.context, demo: state.demo) {
            let width = TextWidth.of(item.keys) + 1 + TextWidth.of(item.label)
            if x + width > buffer.width { break }
            x = buffer.put(item.keys, x: x, y: y, role: .heading)
            x = buffer.put(" " + item.label + "  ", x: x, y: y, role: .dim)
        }
        if state.page == .overview, !state.filter.isEmpty {
            let tag = " filter: \(state.filter) "
            let at = buffer.width - TextWidth.of(tag)
            if at > x { buffer.put(tag, x: at, y: y, role: .accent) }
        }
    }
}
