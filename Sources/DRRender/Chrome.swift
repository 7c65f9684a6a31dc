import DRCore
import Foundation

/// The parts every screen shares: the title bar, the status line and the footer generated from the keymap.
enum Chrome {
    /// Draws the title bar on row 0: "drtop ─ regions ─ pair ─ silent regions ─ polled 3s ago  DEMO  ? help".
    /// Parts that do not fit are left out whole, least important first (the pair count, the regions, the poll
    /// age), never cut: the page's subject and a region that stopped answering stay.
    static func title(_ buffer: inout ScreenBuffer, _ state: AppState, subtitle: String? = nil) {
        buffer.clearRow(0, role: .title)
        let x = buffer.put(" drtop", x: 0, y: 0, role: .title)
        // (text, role, priority: lower is kept longer)
        var parts: [(text: String, role: Role, priority: Int)] = []
        if let snapshot = state.snapshot {
            if !snapshot.regions.isEmpty {
                parts.append((snapshot.regions.map(\.name).joined(separator: " ⇄ "), .title, 4))
            }
            if let subtitle {
                parts.append((subtitle, .title, 0))
            } else {
                parts.append((snapshot.pairs.count == 1 ? "1 pair" : "\(snapshot.pairs.count) pairs", .title, 5))
            }
            if snapshot.sequence == 0 {
                parts.append(("first poll…", .title, 1))
            } else {
                let silent = snapshot.regions.filter { $0.reachability == .down }
                if !silent.isEmpty, silent.count == snapshot.regions.count {
                    let last = silent.compactMap(\.lastOK).max()
                    parts.append((last.map { "no answer for \(Format.duration(state.now.timeIntervalSince($0)))" }
                                  ?? "no answer yet", .critical, 1))
                } else {
                    for region in silent {
                        let since = region.lastOK.map { "silent \(Format.duration(state.now.timeIntervalSince($0)))" }
                            ?? "never answered"
                        parts.append(("\(region.name) \(since)", .critical, 1))
                    }
                    parts.append(("polled \(Format.duration(state.now.timeIntervalSince(snapshot.takenAt))) ago",
                                  .title, 3))
                }
            }
        } else {
            parts.append(("waiting for first poll", .title, 1))
        }
        let help = "? help "
        let right = buffer.width - TextWidth.of(help)
        var badge = ""
        if state.demo {
            badge = " DEMO" + (state.snapshot?.scenario.map { ": \($0)" } ?? "") + " "
        }
        func width(_ parts: [(text: String, role: Role, priority: Int)]) -> Int {
            parts.reduce(0) { $0 + 3 + TextWidth.of($1.text) }
        }
        var room = right - x - TextWidth.of(badge) - 1
        if state.demo, width(parts.filter { $0.priority <= 1 }) > room {
            badge = " DEMO "
            room = right - x - TextWidth.of(badge) - 1
        }
        while width(parts) > room, let drop = parts.indices.max(by: { parts[$0].priority < parts[$1].priority }) {
            if parts[drop].priority == 0, parts.count == 1 {
                parts[drop].text = TextWidth.truncate(parts[drop].text, to: max(1, room - 3))
                break
            }
            parts.remove(at: drop)
        }
        var column = x
        for part in parts {
            column = buffer.put(" ─ ", x: column, y: 0, role: .title, limit: max(0, right - column))
            column = buffer.put(part.text, x: column, y: 0, role: part.role, limit: max(0, right - column))
        }
        if !badge.isEmpty { buffer.put(badge, x: column + 1, y: 0, role: .accent, limit: max(0, right - column - 1)) }
        if right > column { buffer.put(help, x: right, y: 0, role: .title) }
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
        let overview = state.page.context == .overview
        if overview, state.overview.editingFilter {
            var x = buffer.put(" filter: ", x: 0, y: y, role: .heading)
            x = buffer.put(state.overview.filter + "▏", x: x, y: y, role: .focus)
            buffer.put("  ⏎ keep  Esc clear", x: x, y: y, role: .dim)
            return
        }
        // A kept filter is always shown (the keys that do not fit beside it are left out): rows are missing
        // because of it.
        let filter = state.overview.filter
        let tag = overview && !filter.isEmpty
            ? " filter: \(TextWidth.truncate(filter, to: max(1, buffer.width / 3))) · Esc clears " : ""
        let end = buffer.width - TextWidth.of(tag)
        var x = 1
        for item in Keymap.footer(for: state.page.context, demo: state.demo) {
            let width = TextWidth.of(item.keys) + 1 + TextWidth.of(item.label)
            if x + width > end { break }
            x = buffer.put(item.keys, x: x, y: y, role: .heading)
            x = buffer.put(" " + item.label + "  ", x: x, y: y, role: .dim)
        }
        if !tag.isEmpty { buffer.put(tag, x: max(0, end), y: y, role: .accent) }
    }
}
