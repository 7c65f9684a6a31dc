import DRCore
import Foundation

/// One pair in detail: the rules of both directions, a lag chart against the RPO, the drain estimate,
/// failures by reason, and the pending-object queue of the direction shown (Tab switches it).
public enum DrillDownScreen {
    /// Rows of the drill-down, derived from the terminal height and the pair's rule count. Below 20 rows the
    /// RULES heading and the blank row go, and below 18 the lag chart (the LAG line keeps the figures), so that the
    /// queue keeps rows at 60x15.
    private struct Layout {
        var spaced: Bool
        var rules: Int
        var chart: Int
        var queueTop: Int
        var queueRows: Int

        init(_ state: AppState, ruleLines: Int) {
            spaced = state.height >= 20
            rules = min(ruleLines, max(3, (state.height - 12) / 3))
            let spare = state.height - 2 - rules - 1 - 3 - 2 - 2
            chart = state.height < 18 ? 0 : max(2, min(8, spare / 3))
            // title, pair line, RULES, rules…, blank, LAG heading, chart…, drain, failures, then the queue
            // heading and its column header; the status line and the footer take the last two rows.
            queueTop = 2 + (spaced ? 1 : 0) + rules + (spaced ? 1 : 0) + 1 + chart + 2
            queueRows = max(0, state.height - 2 - (queueTop + 2))
        }
    }

    /// How many queue rows fit.
    public static func queueCapacity(_ state: AppState) -> Int {
        let lines = pair(state).map { sectionLines(state, $0).count } ?? 3
        return max(1, Layout(state, ruleLines: lines).queueRows)
    }

    private static func pair(_ state: AppState) -> BucketPair? {
        guard let page = state.drillDown else { return nil }
        return state.snapshot?.pair(named: page.pair)
    }

    /// Draws the drill-down.
    public static func render(_ state: AppState) -> ScreenBuffer {
        var buffer = ScreenBuffer(width: state.width, height: state.height)
        guard let pair = pair(state) else {
            Chrome.title(&buffer, state)
            buffer.put("  this pair is no longer in the configuration — Esc to go back", x: 0, y: 2, role: .warning)
            Chrome.footer(&buffer, state)
            return buffer
        }
        Chrome.title(&buffer, state, subtitle: pair.name)
        // The pair, then which side is primary, the RPO, the strategy and versioning, each whole while it fits.
        var x = buffer.put(TextWidth.truncate(" \(pair.name)", to: state.width), x: 0, y: 1, role: .heading)
        var parts = ["primary \(pair.primary.name) (\(pair.primaryRegion)) ⇄ \(pair.secondary.name) (\(pair.secondaryRegion))",
                     "RPO \(Format.duration(pair.rpoSeconds))"]
        if let strategy = pair.strategy { parts.append(strategy.label) }
        parts.append("versioning \(pair.primary.versioning.rawValue)/\(pair.secondary.versioning.rawValue)")
        var sides = "   " + TextWidth.truncate(parts[0], to: max(1, state.width - x - 4))
        for part in parts.dropFirst() where TextWidth.of(sides + " · " + part) <= state.width - x - 1 {
            sides += " · " + part
        }
        x = buffer.put(sides, x: x, y: 1, limit: state.width - x)

        let lines = sectionLines(state, pair)
        let layout = Layout(state, ruleLines: lines.count)
        var y = 2
        if layout.spaced {
            buffer.put(lines.count > ruleLines(pair, width: state.width).count ? " TRAFFIC · RECOVERY · RULES" : " RULES",
                       x: 0, y: y, role: .heading)
            y += 1
        }
        // What does not fit says so on its last row, rather than vanishing.
        let cut = lines.count > layout.rules ? lines.count - layout.rules + 1 : 0
        for line in lines.prefix(layout.rules - (cut > 0 ? 1 : 0)) {
            var text = line.text
            while text.last == " " { text.removeLast() }
            buffer.put(TextWidth.truncate(text, to: state.width), x: 0, y: y, role: line.role)
            y += 1
        }
        if cut > 0 {
            buffer.put(TextWidth.truncate(" … \(cut) more lines (rules, routing): a taller terminal shows them",
                                          to: state.width), x: 0, y: y, role: .dim)
            y += 1
        }
        if layout.spaced { y += 1 }
        let direction = (state.drillDown?.direction ?? 0) == 0 ? pair.fromPrimary : pair.toPrimary
        let arrow = direction.arrow
        guard let judged = state.judgement(of: pair.name) else { return buffer }
        let health = judged.health(state.drillDown?.direction ?? 0)
        let style = Style.health(health.state)
        x = buffer.put(" LAG  \(arrow)", x: 0, y: y, role: .heading)
        var now = "  \(style.symbol) "
        if let share = health.lagShare, let lag = direction.lagSeconds {
            now += "\(Format.duration(lag)) = \(Format.percent(share)) of RPO · trend \(health.trend.rawValue)"
            if let canary = direction.canaryLagSeconds { now += " · canary \(Format.duration(canary))" }
            if let problem = direction.canaryProblem { now += " · canary failed: \(problem.message)" }
        } else {
            now += health.reason ?? "unknown"
        }
        x = buffer.put(TextWidth.truncate(now, to: max(0, state.width - x)), x: x, y: y, role: style.role)
        let tab = "  (Tab: other direction)"
        if x + TextWidth.of(tab) <= state.width { buffer.put(tab, x: x, y: y, role: .dim) }
        y += 1
        if direction.isAbsent {
            buffer.put("   no rule replicates this direction", x: 0, y: y, role: .dim)
        } else if layout.chart > 0 {
            let chart = chartData(state, direction)
            LagChart.draw(&buffer, x: 0, y: y, width: state.width - 1, height: layout.chart, samples: chart.samples,
                          history: chart.history?.samples ?? [], historyPeriod: chart.history?.periodSeconds,
                          seconds: state.chartSpan.seconds, now: state.now, rpo: pair.rpoSeconds,
                          caption: chart.caption, thresholds: state.thresholds)
        }
        y += direction.isAbsent ? max(1, layout.chart) : layout.chart
        let drain = drainLine(direction, health)
        buffer.put(TextWidth.truncate(" " + drain.text, to: state.width), x: 0, y: y, role: drain.role)
        y += 1
        x = buffer.put(TextWidth.truncate(" " + failuresLine(direction), to: state.width), x: 0, y: y,
                       role: (direction.failedOperations ?? 0) > 0 ? .critical : .dim)
        // What the object queue could not read (a HEAD denied names its permission) stays on screen.
        if let problem = direction.queueProblem {
            buffer.put(TextWidth.truncate(" · queue: \(problem.message)", to: max(0, state.width - x)), x: x, y: y,
                       role: .critical)
        }
        y += 1
        queueSection(&buffer, state, direction, top: y, rows: layout.queueRows)
        // Failed objects: where the job that re-drives them is (the failover check and its export print it).
        let failed = (direction.failedOperations ?? 0) > 0 || direction.queue.contains { $0.status == .failed }
        Chrome.status(&buffer, state, fallback: failed
            ? "re-drive the failed objects: f, then e writes the S3 Batch Replication job (printed, never run)"
            : "queue: oldest waiting objects first · s sorts by age or size")
        Chrome.footer(&buffer, state)
        return buffer
    }

    /// The chart's samples — what the snapshots carry, joined by the history the source answered for a longer
    /// span — and the caption saying where they come from (or that the history is still being read, or why not).
    private static func chartData(_ state: AppState, _ direction: DirectionStatus)
        -> (samples: [Sample], history: LagHistory?, caption: String) {
        let held = direction.lagHistory.samples
        let origin = state.snapshot?.source.origin ?? ""
        guard state.chartSpan.needsHistory else { return (held, nil, origin) }
        guard let history = state.shownHistory else {
            return (held, nil, "reading \(state.chartSpan.label) of history…")
        }
        var caption = history.samples.isEmpty ? "" : history.origin
        if let problem = history.problem { caption += (caption.isEmpty ? "" : " · ") + problem.message }
        return (held, history, caption)
    }

    private struct Line {
        var text: String
        var role: Role
    }

    /// Column widths of the rules table for a terminal `width` wide.
    private struct RuleColumns {
        var id: Int
        var filter: Int
        var destination: Int
        var storageClass: Int
        var kms: Int

        init(width: Int) {
            storageClass = width >= 110 ? 12 : 0
            let fixed = 3 + 9 + 4 + 4 * 4 + (storageClass > 0 ? storageClass + 1 : 0) + 5
            let flex = max(24, width - fixed - 1)
            id = flex * 25 / 100
            filter = flex * 22 / 100
            destination = flex * 33 / 100
            kms = flex - id - filter - destination
        }

        func row(_ cells: [String]) -> String {
            var widths = [3, id, 9, 4, filter, destination]
            if storageClass > 0 { widths.append(storageClass) }
            widths += [4, 4, 4, 4, kms]
            var cells = cells
            if storageClass == 0 { cells.remove(at: 6) }
            return " " + zip(cells, widths).map { TextWidth.fit($0, $1) }.joined(separator: " ")
        }
    }

    /// Where users go, the RTO and the backup first (what an incident asks), then the rules.
    private static func sectionLines(_ state: AppState, _ pair: BucketPair) -> [Line] {
        RecoveryLines.lines(pair, state.judgement(of: pair.name), now: state.now, width: state.width).map { Line(text: $0.text, role: $0.role) }
            + ruleLines(pair, width: state.width)
    }

    private static func ruleLines(_ pair: BucketPair, width: Int) -> [Line] {
        let columns = RuleColumns(width: width)
        var lines = [Line(text: columns.row(["DIR", "RULE", "STATUS", "PRI", "FILTER", "DESTINATION", "CLASS", "DM",
                                             "RM", "RTC", "MET", "KMS"]), role: .dim)]
        for (arrow, direction) in [("→", pair.fromPrimary), ("←", pair.toPrimary)] {
            guard let rules = direction.rules else {
                let why = direction.rulesProblem?.message ?? "not read yet"
                lines.append(Line(text: " \(arrow)  rules of \(direction.source.name) unknown: \(why)", role: .unknown))
                continue
            }
            if rules.isEmpty {
                lines.append(Line(text: " \(arrow)  no rule from \(direction.source.name) to \(direction.destination.name)"
                                  + ": not replicated", role: .dim))
            }
            for rule in rules {
                var destination = rule.destinationBucket
                if let account = rule.destinationAccount { destination += " (\(account))" }
                let cells = [
                    arrow, rule.id, rule.enabled ? "Enabled" : "Disabled", rule.priority.map { "\($0)" } ?? "—",
                    rule.filterDescription, destination, rule.storageClass,
                    Style.onOff(rule.deleteMarkerReplication), Style.onOff(rule.replicaModifications),
                    Style.onOff(rule.replicationTimeControl), Style.onOff(rule.metrics), rule.kmsKeyID ?? "—",
                ]
                lines.append(Line(text: columns.row(cells), role: rule.enabled ? .normal : .warning))
            }
        }
        return lines
    }

    private static func drainLine(_ direction: DirectionStatus, _ health: DirectionHealth) -> Line {
        guard let ops = direction.pendingOperations else {
            return Line(text: "backlog unknown", role: .unknown)
        }
        var text = "backlog \(Format.count(ops)) ops"
        if let bytes = direction.pendingBytes { text += " / \(Format.bytes(bytes))" }
        switch health.drain {
        case .clear:
            return Line(text: text + " · nothing waiting", role: .healthy)
        case .draining(let seconds, let breaches):
            text += " · draining · clears in \(Format.duration(seconds)) at the current rate"
            return Line(text: text + (breaches ? " · lag passes RPO first" : " · RPO holds"),
                        role: breaches ? .warning : .healthy)
        case .notDraining(let breaches):
            text += " · not draining at the current rate"
            return Line(text: text + (breaches ? " · heading past RPO" : ""), role: breaches ? .critical : .warning)
        case .unknown:
            return Line(text: text + " · drain rate not known yet", role: .unknown)
        }
    }

    private static func failuresLine(_ direction: DirectionStatus) -> String {
        let rtc = direction.replicationTime?.text.map { " · \($0)" } ?? ""
        guard let failed = direction.failedOperations else { return "failures (15m): unknown" + rtc }
        if failed == 0 { return "failures (15m): none" + rtc }
        let reasons = direction.failures.map { "\($0.reason) ×\(Format.count($0.count))" }.joined(separator: ", ")
        return "failures (15m): \(Format.count(failed))" + (reasons.isEmpty ? "" : " — \(reasons)") + rtc
    }

    private static func queueSection(
        _ buffer: inout ScreenBuffer, _ state: AppState, _ direction: DirectionStatus, top: Int, rows: Int
    ) {
        let objects = state.shownQueue
        // Two figures, said apart: the objects drtop follows (found by a scan, by S3 events, or simulated) and
        // CloudWatch's count of pending operations.
        let origin = direction.queueCoverage?.text
            ?? direction.queueSource.map { $0 == .simulated ? "demo" : $0.rawValue } ?? "queue"
        let metrics = direction.pendingFromQueue ? " · no CloudWatch figure"
            : direction.pendingOperations.map { " · CloudWatch: \(Format.count($0)) pending" } ?? ""
        let failed = state.shownQueueFailed
        let waiting = objects.count - failed
        let partial = direction.queueCoverage?.isComplete == false
        let counts = "\(Format.count(waiting)) \(partial ? "found" : "waiting")"
            + (failed > 0 ? ", \(Format.count(failed)) failed" : "")
        // A queue not read yet has no count to show, not even 0.
        let summary = direction.queueCoverage == .notStarted ? origin : "\(origin): \(counts)"
        buffer.put(TextWidth.truncate(" QUEUE by \(state.queueSort.rawValue) ▼  \(summary)\(metrics)",
                                      to: state.width), x: 0, y: top, role: .heading)
        let sizeWidth = 10, ageWidth = 8, statusWidth = 9
        let versionWidth = state.width >= 130 ? 33 : state.width >= 100 ? 14 : 0
        let reasonWidth = state.width >= 100 ? 26 : state.width >= 80 ? 18 : 10
        let keyWidth = max(10, state.width - 2 - versionWidth - sizeWidth - ageWidth - statusWidth - reasonWidth - 5)
        let versionHeader = versionWidth > 0 ? TextWidth.fit("VERSION", versionWidth) + " " : ""
        let header = " " + TextWidth.fit("KEY", keyWidth) + " " + versionHeader
            + TextWidth.fit("SIZE", sizeWidth, right: true) + " " + TextWidth.fit("AGE", ageWidth, right: true) + " "
            + TextWidth.fit("STATUS", statusWidth) + " " + "REASON"
        buffer.put(header, x: 0, y: top + 1, role: .dim)
        if objects.isEmpty {
            let empty = direction.isAbsent ? "  —"
                : direction.queueCoverage == .notStarted ? "  not read yet: the next poll reads it"
                : partial ? "  none found yet: the scan has not covered the bucket" : "  nothing waiting"
            buffer.put(TextWidth.truncate(empty, to: state.width), x: 0, y: top + 2, role: .dim)
            return
        }
        let start = min(state.drillDown?.queueScroll ?? 0, max(0, objects.count - rows))
        var y = top + 2
        for (offset, object) in objects[start..<min(objects.count, start + rows)].enumerated() {
            let focus = start + offset == state.drillDown?.queueSelection
            if focus { buffer.highlightRow(y) }
            let statusRole: Role = object.status == .failed ? .critical : .warning
            var x = buffer.put(" " + TextWidth.fit(object.key, keyWidth) + " ", x: 0, y: y,
                               role: .normal)
            if versionWidth > 0 {
                x = buffer.put(TextWidth.fit(object.versionID, versionWidth) + " ", x: x, y: y,
                               role: .dim)
            }
            x = buffer.put(TextWidth.fit(Format.bytes(object.size), sizeWidth, right: true) + " ", x: x, y: y,
                           role: .normal)
            x = buffer.put(TextWidth.fit(Format.duration(object.age(at: state.now)), ageWidth, right: true) + " ",
                           x: x, y: y, role: .normal)
            x = buffer.put(TextWidth.fit(object.status.rawValue, statusWidth) + " ", x: x, y: y, role: statusRole)
            buffer.put(TextWidth.truncate(object.failureReason ?? object.note ?? "", to: max(0, buffer.width - x)),
                       x: x, y: y, role: object.failureReason == nil ? .dim : .critical)
            y += 1
        }
    }
}
