import DRCore

/// The overview's columns, left to right: each defined once, header, width rule (`OverviewLayout`) and cell.
enum OverviewColumns {
    /// Blanks after the pair name.
    static let nameGap = 1

    static let all: [OverviewColumn] = [
        OverviewColumn(id: .name, header: { $0.narrow ? "PAIR" : "BUCKET PAIR" }, sort: .name, gap: nameGap,
                       gapRole: .normal, cell: name),
        OverviewColumn(id: .primary, header: { _ in "PRIMARY" }, gap: 1,
                       cell: { (TextWidth.fit($0.first ? $0.pair.primaryRegion : "", $0.width(.primary)), .normal) }),
        OverviewColumn(id: .dir, header: { _ in "DIR" }, gap: 0,
                       cell: { (TextWidth.fit($0.first ? "→" : "←", $0.width(.dir)), .normal) }),
        OverviewColumn(id: .spark, header: { _ in "LAG (vs RPO)" }, sort: .lag, group: "lag", gap: 1,
                       measured: true,
                       cell: { row in
                           let history = row.direction.lagHistory.samples.suffix(row.width(.spark)).map(\.value)
                           let full = max(history.max() ?? 0, row.pair.rpoSeconds / 10)
                           return (Sparkline.render(history, width: row.width(.spark), full: full), row.style.role)
                       }),
        OverviewColumn(id: .lag, header: nil, group: "lag", gap: 1, measured: true, cell: { row in
            let text = row.health.lagShare != nil ? row.direction.lagSeconds.map { Format.duration($0) } ?? "—" : "—"
            return (TextWidth.fit(text, row.width(.lag), right: true), row.style.role)
        }),
        OverviewColumn(id: .bar, header: nil, group: "lag", gap: 1, measured: true,
                       cell: { (OverviewScreen.bar($0.health.lagShare, $0.width(.bar)), $0.style.role) }),
        // The symbol goes with the number, so a state reads the same without colour.
        OverviewColumn(id: .share, header: nil, group: "lag", gap: 2, measured: true, cell: { row in
            (row.style.symbol + TextWidth.fit(row.health.lagShare.map { Format.share($0) } ?? "", row.width(.share) - 1,
                                              right: true), row.style.role)
        }),
        OverviewColumn(id: .pending, header: { $0.width(.pending) >= 18 ? "PENDING ops/bytes" : "PENDING" },
                       sort: .pending, gap: 1, measured: true, cell: pending),
        OverviewColumn(id: .failed, header: { $0.narrow ? "FAIL" : "FAILED" }, sort: .failed, rightHeader: true,
                       gap: 2, measured: true, cell: { row in
                           let failed = row.direction.failedOperations
                           return (TextWidth.fit(failed.map(Format.count) ?? "—", row.width(.failed), right: true),
                                   failed == nil ? .unknown : failed! > 0 ? .critical : .normal)
                       }),
        OverviewColumn(id: .traffic, header: { _ in "TRAFFIC · RTO" }, gap: 1, cell: traffic),
        OverviewColumn(id: .ready, header: { $0.narrow ? "READY" : "READINESS" }, sort: .health, gap: 0, cell: ready),
    ]

    /// The pair's name; on the second row which side takes writes (when the PRIMARY column is not shown), where
    /// users go (when TRAFFIC is not shown), the RPO and the strategy, each whole or not at all.
    private static func name(_ row: OverviewRow) -> (text: String, role: Role) {
        let width = row.width(.name)
        guard !row.first else { return (TextWidth.fit(row.pair.name, width), .normal) }
        let pair = row.pair
        var parts = ["RPO \(Format.duration(pair.rpoSeconds))"] + (pair.strategy.map { [$0.label] } ?? [])
        if row.width(.primary) == 0 {
            let named = "primary \(pair.primaryRegion)"
            parts.insert(TextWidth.of("  " + named) <= width ? named : pair.primaryRegion, at: 0)
        }
        if row.width(.traffic) == 0, let traffic = row.judged.traffic {
            let named = "traffic " + traffic.text
            parts.insert(TextWidth.of("  " + named) <= width ? named : traffic.text, at: 0)
        }
        var detail = "  " + parts[0]
        for part in parts.dropFirst() where TextWidth.of(detail + " · " + part) <= width { detail += " · " + part }
        return (TextWidth.fit(detail, width), .dim)
    }

    /// Operations (and bytes, when there is room) waiting; CloudWatch's figure bare, drtop's own count of the
    /// followed queue saying so.
    private static func pending(_ row: OverviewRow) -> (text: String, role: Role) {
        let width = row.width(.pending), direction = row.direction
        var text = "—"
        if let ops = direction.pendingOperations {
            text = Format.count(ops)
            if width >= 14, let bytes = direction.pendingBytes { text += " / " + Format.bytes(bytes) }
            if direction.pendingFromQueue { text = width >= 14 ? Format.count(ops) + " in queue" : "~" + text }
        }
        return (TextWidth.fit(text, width), direction.pendingOperations == nil ? .unknown : .normal)
    }

    /// Where users go on the first row, the RTO estimate against its target on the second.
    private static func traffic(_ row: OverviewRow) -> (text: String, role: Role) {
        let width = row.width(.traffic)
        if row.first {
            guard let traffic = row.judged.traffic else { return (TextWidth.fit("", width), .normal) }
            let role: Role = traffic.decidedBy == nil ? .unknown
                : traffic.isPartial || !traffic.disagreeing.isEmpty ? .warning : .normal
            return (TextWidth.fit(traffic.text, width), role)
        }
        guard let recovery = row.judged.recovery, recovery.targetSeconds != nil || recovery.totalSeconds != nil else {
            return (TextWidth.fit("", width), .normal)
        }
        let text = "RTO " + (recovery.totalSeconds.map { Format.duration($0) } ?? "?")
            + (recovery.targetSeconds.map { " / " + Format.duration($0) } ?? "")
        let role: Role = recovery.exceedsTarget == true ? .critical : recovery.totalSeconds == nil ? .unknown : .dim
        return (TextWidth.fit(text, width), role)
    }

    /// The failover readiness on the first row; on the second, why the way back is unknown, when it is.
    private static func ready(_ row: OverviewRow) -> (text: String, role: Role) {
        let width = row.width(.ready)
        if row.first {
            let style = Style.readiness(row.judged.verdict)
            return (TextWidth.fit(style.text, width), style.role)
        }
        guard !row.direction.isAbsent, row.health.state == .unknown,
              let reason = row.health.reason ?? row.direction.metricsProblem?.message else { return ("", .normal) }
        return (TextWidth.truncate(reason, to: width), .unknown)
    }
}
