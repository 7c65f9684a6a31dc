import DRCore
import Foundation

/// The overview: both regions' health and one row per pair and direction. Only visible rows are evaluated.
public enum OverviewScreen {
    private struct Columns {
        var name: Int
        var spark: Int
        var bar: Int
        var pending: Int
        var primary: Int
        let dir = 4
        let lag = 6
        /// The state's symbol and the lag's share of the RPO: "▲  56%", "✖>999%" (never cut).
        let pct = 6
        /// Below 80 columns FAILED and READINESS are headed FAIL and READY; every header keeps room for "▼".
        var failed: Int
        var ready: Int
        var narrow: Bool
        /// Where users go ("→ us-east-1 100%") and, on the second row, the RTO estimate against its target: only
        /// when some pair names its routing, and from 115 columns (below, the second row says it).
        var traffic: Int

        init(width: Int, routing: Bool = false) {
            // Narrow terminals drop the sparkline, the primary column and the byte counts before the pair name
            // gets too short; below 100 columns the second row names the primary instead.
            traffic = routing && width >= 115 ? 17 : 0
            spark = traffic > 0 && width < 140 ? 0 : width >= 110 ? 10 : width >= 90 ? 5 : 0
            bar = width >= 100 ? 8 : 0
            primary = width >= 100 ? 11 : 0
            pending = width >= 110 ? 20 : width >= 76 ? 16 : 10
            narrow = width < 80
            failed = narrow ? 5 : 7
            ready = narrow ? 9 : 10
            let fixed = 1 + (primary > 0 ? primary + 1 : 0) + dir + 1 + (spark > 0 ? spark + 1 : 0) + lag + 1
                + (bar > 0 ? bar + 1 : 0) + pct + 2 + pending + 1 + failed + 2 + ready + (traffic > 0 ? traffic + 1 : 0)
            name = max(8, width - fixed - 1)
        }
    }

    /// How many pairs fit on the screen at once.
    public static func pairCapacity(_ state: AppState) -> Int {
        let regions = state.snapshot?.regions.count ?? 2
        return max(1, (state.height - regions - 5) / 2)
    }

    /// Draws the overview.
    public static func render(_ state: AppState) -> ScreenBuffer {
        var buffer = ScreenBuffer(width: state.width, height: state.height)
        Chrome.title(&buffer, state)
        var y = 1
        y = regions(&buffer, state, y)
        pairs(&buffer, state, y)
        var legend = "DIR → primary to secondary (lost on failover), ← back · LAG % of RPO · ? = no or stale data"
        if let snapshot = state.snapshot, let cost = snapshot.estimatedMonthlyCostUSD {
            legend = costLine(cost, refresh: state.refreshSeconds) + " · " + legend
        }
        Chrome.status(&buffer, state, fallback: legend)
        Chrome.footer(&buffer, state)
        return buffer
    }

    /// "API cost ≈ $443.68/month at a 2s refresh (≈ $14.79 at the 60s default)": the refresh the estimate
    /// assumes, and what the default refresh against real APIs would cost (the cost scales with the polls).
    static func costLine(_ cost: Double, refresh: Double?) -> String {
        guard let refresh, refresh > 0 else { return String(format: "API cost ≈ $%.2f/month at this rate", cost) }
        let standard = AppState.realAPIRefreshSeconds
        var line = "API cost ≈ " + String(format: "$%.2f", cost) + "/month at a \(Format.duration(refresh)) refresh"
        if abs(refresh - standard) >= 0.5 {
            line += " (≈ " + String(format: "$%.2f", cost * refresh / standard)
                + " at the \(Format.duration(standard)) default)"
        }
        return line
    }

    private static func regions(_ buffer: inout ScreenBuffer, _ state: AppState, _ top: Int) -> Int {
        var y = top
        let header = " " + TextWidth.fit("REGION", 14) + TextWidth.fit("STATUS", 12) + TextWidth.fit("LATENCY", 9, right: true)
            + TextWidth.fit("ERR 15m", 8, right: true) + TextWidth.fit("LAST OK", 9, right: true) + "  PROBLEM"
        buffer.put(header, x: 0, y: y, role: .heading)
        y += 1
        for region in state.snapshot?.regions ?? [] {
            var x = buffer.put(" " + TextWidth.fit(region.name, 14), x: 0, y: y)
            let status = Style.region(region)
            x = buffer.put(TextWidth.fit(status.text, 12), x: x, y: y, role: status.role)
            // A region that does not answer has no latency: its last one would read as a live figure.
            let latency = region.reachability == .down ? nil : region.apiLatencyMs
            x = buffer.put(TextWidth.fit(latency.map { "\(Int($0.rounded())) ms" } ?? "—", 9, right: true), x: x, y: y,
                           role: latency == nil ? .unknown : .normal)
            let errors = state.errorWindow.recent(region)
            x = buffer.put(TextWidth.fit(Format.count(errors), 8, right: true), x: x, y: y,
                           role: errors > 0 ? .warning : .normal)
            let last = region.lastOK.map { Format.duration(state.now.timeIntervalSince($0)) } ?? "never"
            x = buffer.put(TextWidth.fit(last, 9, right: true), x: x, y: y,
                           role: region.reachability == .up ? .normal : .critical)
            if let problem = region.problemLine {
                buffer.put(TextWidth.truncate("  " + problem, to: max(0, buffer.width - x)), x: x, y: y,
                           role: status.role)
            }
            y += 1
        }
        return y
    }

    private static func pairs(_ buffer: inout ScreenBuffer, _ state: AppState, _ top: Int) {
        let columns = Columns(width: state.width, routing: state.snapshot?.pairs.contains { !$0.routing.isEmpty } ?? false)
        var y = top
        // The sorted column says so with "▼", inside the column: the headers are sized to hold it.
        func head(_ text: String, _ width: Int, _ sort: PairSort?, right: Bool = false) -> String {
            TextWidth.fit(text + (sort == state.pairSort ? "▼" : ""), width, right: right)
        }
        var header = " " + head(columns.narrow ? "PAIR" : "BUCKET PAIR", columns.name, .name) + " "
        if columns.primary > 0 { header += TextWidth.fit("PRIMARY", columns.primary) + " " }
        header += TextWidth.fit("DIR", columns.dir)
        header += head("LAG (vs RPO)", (columns.spark > 0 ? columns.spark + 1 : 0) + columns.lag + 1
                       + (columns.bar > 0 ? columns.bar + 1 : 0)
                       + columns.pct, .lag)
        header += "  " + head(columns.pending >= 18 ? "PENDING ops/bytes" : "PENDING", columns.pending, .pending) + " "
        header += head(columns.narrow ? "FAIL" : "FAILED", columns.failed, .failed, right: true) + "  "
        if columns.traffic > 0 { header += TextWidth.fit("TRAFFIC · RTO", columns.traffic) + " " }
        header += head(columns.narrow ? "READY" : "READINESS", columns.ready, .health)
        buffer.put(header, x: 0, y: y, role: .heading)
        y += 1
        let pairs = state.visiblePairs
        guard !pairs.isEmpty else {
            let why = state.snapshot == nil ? "waiting for the first poll…"
                : state.filter.isEmpty ? "no bucket pairs configured" : "no pair matches “\(state.filter)”"
            buffer.put("  " + why, x: 0, y: y, role: .dim)
            return
        }
        let capacity = pairCapacity(state)
        let start = min(state.overviewScroll, max(0, pairs.count - capacity))
        let selected = state.selected?.name
        let key = state.rowKey
        for pair in pairs[start..<min(pairs.count, start + capacity)] {
            guard y + 1 < buffer.height - 2 else { break }
            let focus = pair.name == selected
            if focus {
                buffer.highlightRow(y)
                buffer.highlightRow(y + 1)
            }
            // Drawn once per snapshot and judgement: later frames copy the two rows (only the clock moved).
            if let kept = state.rows.memo.rows(of: pair.name, key: key) {
                buffer.setRow(y, to: kept[0..<state.width])
                buffer.setRow(y + 1, to: kept[state.width...])
                y += 2
                continue
            }
            guard let judged = state.judgement(of: pair.name) else { break }
            row(&buffer, y, pair, pair.fromPrimary, judged.fromPrimary, arrow: "→", first: true,
                judged: judged, columns, state)
            row(&buffer, y + 1, pair, pair.toPrimary, judged.toPrimary, arrow: "←", first: false,
                judged: judged, columns, state)
            if !buffer.rowHasClusters(y), !buffer.rowHasClusters(y + 1) {
                state.rows.memo.keep(Array(buffer.cells(ofRow: y)) + Array(buffer.cells(ofRow: y + 1)),
                                     of: pair.name, key: key)
            }
            y += 2
        }
        if pairs.count > capacity, buffer.height >= 4 {
            let more = " \(start + 1)–\(min(pairs.count, start + capacity)) of \(pairs.count) "
            buffer.put(more, x: max(0, buffer.width - TextWidth.of(more) - 1), y: top, role: .dim)
        }
    }

    private static func row(
        _ buffer: inout ScreenBuffer, _ y: Int, _ pair: BucketPair, _ direction: DirectionStatus,
        _ health: DirectionHealth, arrow: String, first: Bool, judged: PairAssessment, _ c: Columns, _ state: AppState
    ) {
        let verdict = judged.verdict
        var x = 1
        if first {
            x = buffer.put(TextWidth.fit(pair.name, c.name), x: x, y: y, role: .normal)
        } else {
            // Which side takes writes: its own column when there is room, else first on the second row; then
            // the RPO and the strategy, each whole or not at all.
            var parts = ["RPO \(Format.duration(pair.rpoSeconds))"] + (pair.strategy.map { [$0.label] } ?? [])
            if c.primary == 0 {
                let named = "primary \(pair.primaryRegion)"
                parts.insert(TextWidth.of("  " + named) <= c.name ? named : pair.primaryRegion, at: 0)
            }
            // Without the TRAFFIC column, where users go comes first on the second row.
            if c.traffic == 0, let traffic = judged.traffic {
                let named = "traffic " + traffic.text
                parts.insert(TextWidth.of("  " + named) <= c.name ? named : traffic.text, at: 0)
            }
            var detail = "  " + parts[0]
            for part in parts.dropFirst() where TextWidth.of(detail + " · " + part) <= c.name { detail += " · " + part }
            x = buffer.put(TextWidth.fit(detail, c.name), x: x, y: y, role: .dim)
        }
        if c.primary > 0 {
            x = buffer.put(" " + TextWidth.fit(first ? pair.primaryRegion : "", c.primary), x: x, y: y, role: .normal)
        }
        x = buffer.put(" " + TextWidth.fit(arrow, c.dir), x: x, y: y, role: .normal)
        if direction.isAbsent {
            // A backup-and-restore pair without a rule is judged by its newest recovery point instead.
            if first, let backup = judged.backup {
                let style = Style.health(backup.state)
                buffer.put(TextWidth.truncate(style.symbol + " " + backup.summary, to: max(0, readyX(buffer, c) - (c.traffic > 0 ? c.traffic + 1 : 0) - x - 1)),
                           x: x, y: y, role: style.role)
            } else {
                buffer.put("— not replicated (no rule)", x: x, y: y, role: .dim)
            }
            trafficCell(&buffer, y, first: first, judged, c)
            if first { readiness(&buffer, y, verdict, c) }
            return
        }
        let style = Style.health(health.state)
        let history = direction.lagHistory.samples.suffix(c.spark).map(\.value)
        let spark = Sparkline.render(history, width: c.spark, full: max(history.max() ?? 0, pair.rpoSeconds / 10))
        if c.spark > 0 { x = buffer.put(spark + " ", x: x, y: y, role: style.role) }
        let lagText = health.lagShare != nil ? direction.lagSeconds.map { Format.duration($0) } ?? "—" : "—"
        x = buffer.put(TextWidth.fit(lagText, c.lag, right: true) + " ", x: x, y: y, role: style.role)
        if c.bar > 0 {
            x = buffer.put(bar(health.lagShare, c.bar) + " ", x: x, y: y, role: style.role)
        }
        // The symbol goes with the number, so a state reads the same without colour.
        let pct = style.symbol + TextWidth.fit(health.lagShare.map { Format.share($0) } ?? "", c.pct - 1, right: true)
        x = buffer.put(pct + "  ", x: x, y: y, role: style.role)
        var pending = "—"
        if let ops = direction.pendingOperations {
            pending = Format.count(ops)
            if c.pending >= 14, let bytes = direction.pendingBytes { pending += " / " + Format.bytes(bytes) }
            // CloudWatch's figure is shown bare; drtop's own count of the followed queue says so.
            if direction.pendingFromQueue { pending = c.pending >= 14 ? Format.count(ops) + " in queue" : "~" + pending }
        }
        x = buffer.put(TextWidth.fit(pending, c.pending, right: false) + " ", x: x, y: y,
                       role: direction.pendingOperations == nil ? .unknown : .normal)
        let failed = direction.failedOperations
        x = buffer.put(TextWidth.fit(failed.map(Format.count) ?? "—", c.failed, right: true) + "  ", x: x, y: y,
                       role: failed == nil ? .unknown : failed! > 0 ? .critical : .normal)
        x = trafficCell(&buffer, y, first: first, judged, c) ?? x
        if first {
            readiness(&buffer, y, verdict, c)
        } else if health.state == .unknown, let reason = health.reason ?? direction.metricsProblem?.message {
            buffer.put(TextWidth.truncate(reason, to: c.ready), x: x, y: y, role: .unknown)
        }
    }

    /// Where READINESS begins.
    private static func readyX(_ buffer: ScreenBuffer, _ c: Columns) -> Int { buffer.width - c.ready - 1 }

    /// The TRAFFIC · RTO cell: where users go on the first row, the RTO estimate against its target on the
    /// second; returns where the next column starts, nil when there is no such column.
    @discardableResult
    private static func trafficCell(_ buffer: inout ScreenBuffer, _ y: Int, first: Bool, _ judged: PairAssessment,
                                    _ c: Columns) -> Int? {
        guard c.traffic > 0 else { return nil }
        let x = readyX(buffer, c) - c.traffic - 1
        if first {
            guard let traffic = judged.traffic else { return buffer.put(TextWidth.fit("", c.traffic) + " ", x: x, y: y) }
            let role: Role = traffic.decidedBy == nil ? .unknown : traffic.isPartial || !traffic.disagreeing.isEmpty
                ? .warning : .normal
            return buffer.put(TextWidth.fit(traffic.text, c.traffic) + " ", x: x, y: y, role: role)
        }
        guard let recovery = judged.recovery, recovery.targetSeconds != nil || recovery.totalSeconds != nil else {
            return buffer.put(TextWidth.fit("", c.traffic) + " ", x: x, y: y)
        }
        let text = "RTO " + (recovery.totalSeconds.map { Format.duration($0) } ?? "?")
            + (recovery.targetSeconds.map { " / " + Format.duration($0) } ?? "")
        let role: Role = recovery.exceedsTarget == true ? .critical : recovery.totalSeconds == nil ? .unknown : .dim
        return buffer.put(TextWidth.fit(text, c.traffic) + " ", x: x, y: y, role: role)
    }

    private static func readiness(_ buffer: inout ScreenBuffer, _ y: Int, _ verdict: Verdict, _ c: Columns) {
        let style = Style.readiness(verdict)
        buffer.put(TextWidth.fit(style.text, c.ready), x: buffer.width - c.ready - 1, y: y, role: style.role)
    }

    /// A horizontal bar of `width` cells filled to `share` (1.0 = full), with eighth-cell precision.
    static func bar(_ share: Double?, _ width: Int) -> String {
        guard let share, share.isFinite else { return String(repeating: " ", count: width) }
        let eighths = Int((min(1, max(0, share)) * Double(width * 8)).rounded())
        let partial: [String] = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
        var text = String(repeating: "█", count: eighths / 8) + partial[eighths % 8]
        if share > 1, width > 0 { text = String(repeating: "█", count: width - 1) + "▶" }
        return TextWidth.fit(text, width)
    }
}
