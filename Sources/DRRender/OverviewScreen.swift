import DRCore
import Foundation

/// The overview: both regions' health and one row per pair and direction. Only visible rows are evaluated.
public enum OverviewScreen {
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
        func dollars(_ amount: Double) -> String { "$" + Format.fixed(amount, decimals: 2) }
        guard let refresh, refresh > 0 else { return "API cost ≈ \(dollars(cost))/month at this rate" }
        let standard = AppState.realAPIRefreshSeconds
        var line = "API cost ≈ \(dollars(cost))/month at a \(Format.duration(refresh)) refresh"
        if abs(refresh - standard) >= 0.5 {
            line += " (≈ \(dollars(cost * refresh / standard)) at the \(Format.duration(standard)) default)"
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
        let layout = OverviewLayout(width: state.width, routing: state.showsTraffic)
        var y = top
        buffer.put(header(layout, sort: state.overview.sort), x: 0, y: y, role: .heading)
        y += 1
        let pairs = state.visiblePairs
        guard !pairs.isEmpty else {
            let why = state.snapshot == nil ? "waiting for the first poll…"
                : state.overview.filter.isEmpty ? "no bucket pairs configured"
                : "no pair matches “\(state.overview.filter)”"
            buffer.put("  " + why, x: 0, y: y, role: .dim)
            return
        }
        let capacity = pairCapacity(state)
        let start = min(state.overview.scroll, max(0, pairs.count - capacity))
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
            draw(&buffer, y, OverviewRow(pair: pair, direction: pair.fromPrimary, health: judged.fromPrimary,
                                         judged: judged, first: true, layout: layout))
            draw(&buffer, y + 1, OverviewRow(pair: pair, direction: pair.toPrimary, health: judged.toPrimary,
                                             judged: judged, first: false, layout: layout))
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

    /// The header row: each shown column's header, the sorted one marked with "▼" inside the column (the
    /// headers are sized to hold it); LAG (vs RPO) spans the lag's cells.
    private static func header(_ layout: OverviewLayout, sort: PairSort) -> String {
        let shown = OverviewColumns.all.filter { layout.width($0.id) > 0 }
        var text = " "
        var index = 0
        while index < shown.count {
            let column = shown[index]
            let covered = column.group.map { group in shown[index...].prefix { $0.group == group } } ?? [column]
            let owner = column.group.flatMap { group in OverviewColumns.all.first { $0.group == group } } ?? column
            let gap = covered.last?.gap ?? 0
            let width = covered.reduce(0) { $0 + layout.width($1.id) + $1.gap } - gap
            let title = (owner.header?(layout) ?? "") + (owner.sort == sort ? "▼" : "")
            text += TextWidth.fit(title, width, right: owner.rightHeader) + String(repeating: " ", count: gap)
            index += covered.count
        }
        return text
    }

    /// One of a pair's rows: every shown column's cell at its place; a direction without a rule says so once
    /// across the measured columns (a backup-and-restore pair's first row says its newest recovery point).
    private static func draw(_ buffer: inout ScreenBuffer, _ y: Int, _ row: OverviewRow) {
        var x = 1
        var spanned = false
        for column in OverviewColumns.all {
            let width = row.width(column.id)
            guard width > 0 else { continue }
            defer { x += width + column.gap }
            if column.measured, row.direction.isAbsent {
                if !spanned { absent(&buffer, x, y, row) }
                spanned = true
                continue
            }
            let cell = column.cell(row)
            guard !cell.text.isEmpty else { continue }
            let end = buffer.put(cell.text, x: x, y: y, role: cell.role)
            if column.gap > 0 {
                buffer.put(String(repeating: " ", count: column.gap), x: end, y: y, role: column.gapRole ?? cell.role)
            }
        }
    }

    /// "— not replicated (no rule)", or for a pair judged by its backups "● backup 1h ago (RPO 4h)", up to the
    /// columns that follow the measured ones.
    private static func absent(_ buffer: inout ScreenBuffer, _ x: Int, _ y: Int, _ row: OverviewRow) {
        guard row.first, let backup = row.judged.backup else {
            buffer.put("— not replicated (no rule)", x: x, y: y, role: .dim)
            return
        }
        let style = Style.health(backup.state)
        let after = row.width(.ready) + 1 + (row.width(.traffic) > 0 ? row.width(.traffic) + 1 : 0)
        buffer.put(TextWidth.truncate(style.symbol + " " + backup.summary, to: max(0, buffer.width - after - x - 1)),
                   x: x, y: y, role: style.role)
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
