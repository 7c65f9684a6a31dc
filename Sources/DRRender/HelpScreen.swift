import DRCore

/// Help: generated from the keymap table, then what the symbols and columns mean.
public enum HelpScreen {
    private struct Line {
        var keys: String
        var text: String
        var role: Role
    }

    private static func lines(_ state: AppState) -> [Line] {
        var out: [Line] = [Line(keys: "", text: "KEYS", role: .heading)]
        let normal = Keymap.table.filter { !$0.demoOnly }
        out += normal.map { Line(keys: $0.keyLabel, text: $0.help, role: .normal) }
        if state.demo {
            out.append(Line(keys: "", text: "", role: .normal))
            out.append(Line(keys: "", text: "DEMO SCENARIOS (rehearse a failover; the data is simulated)",
                            role: .heading))
            out += Keymap.table.filter(\.demoOnly).map { Line(keys: $0.keyLabel, text: $0.help, role: .normal) }
        }
        out.append(Line(keys: "", text: "", role: .normal))
        out.append(Line(keys: "", text: "SYMBOLS", role: .heading))
        // The symbols come from Style, as every screen draws them: one set for every kind of state.
        for (health, text) in [(HealthState.ok, "ok / up / pass / ready"),
                              (.warning, "warning: lag \(Defaults.band(state.thresholds)) of RPO, retrying, warn, at risk"),
                              (.breach, "breach: lag over RPO, region down, check failed, no-go"),
                              (.unknown, "unknown: data missing or stale — never counted as ok")] {
            let style = Style.health(health)
            out.append(Line(keys: style.symbol, text: text, role: style.role))
        }
        out.append(Line(keys: "", text: "", role: .normal))
        out.append(Line(keys: "", text: "COLUMNS", role: .heading))
        out.append(Line(keys: "DIR", text: "→ primary to secondary: what a failover would lose; ← back (failback)",
                        role: .normal))
        out.append(Line(keys: "LAG", text: "replication latency, its history, and its share of the pair's RPO",
                        role: .normal))
        out.append(Line(keys: "PENDING", text: "operations and bytes waiting, from replication metrics (the drill-down's "
                        + "queue lists the objects a bucket scan found)", role: .normal))
        out.append(Line(keys: "FAILED", text: "operations that failed to replicate in the last 15 minutes",
                        role: .normal))
        out.append(Line(keys: "READINESS", text: "the failover check's verdict (f shows the evidence)",
                        role: .normal))
        return out
    }

    /// How many lines the help has (for scrolling).
    public static func lineCount(_ state: AppState) -> Int { lines(state).count }

    /// How far the help page shown is scrolled.
    private static func helpScroll(_ state: AppState) -> Int {
        if case .help(let scroll) = state.page { return scroll }
        return 0
    }

    /// Draws the help.
    public static func render(_ state: AppState) -> ScreenBuffer {
        var buffer = ScreenBuffer(width: state.width, height: state.height)
        Chrome.title(&buffer, state, subtitle: "help")
        let all = lines(state)
        var y = 1
        for line in all.dropFirst(helpScroll(state)) where y < state.height - 2 {
            if line.keys.isEmpty {
                buffer.put(" " + line.text, x: 0, y: y, role: line.role)
            } else {
                let x = buffer.put("  " + TextWidth.fit(line.keys, 12), x: 0, y: y,
                                   role: line.role == .normal ? .heading : line.role)
                buffer.put(TextWidth.truncate(" " + line.text, to: max(0, state.width - x)), x: x, y: y)
            }
            y += 1
        }
        Chrome.status(&buffer, state, fallback: "drtop is read-only: it never changes buckets or rules")
        Chrome.footer(&buffer, state)
        return buffer
    }
}
