/// The `drtop.check/1` JSON document and the plain-text report of `drtop check` (README documents both).
public enum CheckDocument {
    /// The schema name.
    public static let schema = "drtop.check/1"

    /// The worst verdict of `reports`, in the order the checklist itself uses: NO-GO, then UNKNOWN, then
    /// GO WITH RISK, then GO (UNKNOWN when there are none).
    public static func worst(_ reports: [FailoverReport]) -> Verdict {
        Verdict.worst(reports.map(\.verdict))
    }

    /// The JSON document.
    public static func json(_ reports: [FailoverReport], takenAt: Snapshot) -> JSONValue {
        .object([
            ("schema", .string(schema)),
            ("taken_at", .string(SnapshotDocument.iso8601(takenAt.takenAt))),
            ("source", .string(takenAt.source.rawValue)),
            ("verdict", .string(worst(reports).rawValue)),
            ("pairs", .array(reports.map { report in
                .object([
                    ("name", .string(report.pairName)),
                    ("verdict", .string(report.verdict.rawValue)),
                    ("failover_from", .string(report.failoverFrom)),
                    ("failover_to", .string(report.failoverTo)),
                    ("rpo_seconds", .number(report.rpoSeconds)),
                    ("accepted_data_loss_seconds", .number(report.acceptedDataLossSeconds)),
                    ("checks", .array(report.items.map { item in
                        .object([("id", .string(item.id)), ("title", .string(item.title)),
                                 ("result", .string(item.result.rawValue)), ("evidence", .string(item.evidence))])
                    })),
                    ("redrive_commands", .array(report.redrive.map { .string($0) })),
                    ("runbook", .array(report.runbook.map { step in
                        .object([("title", .string(step.title)), ("command", .string(step.command))])
                    })),
                ])
            })),
        ])
    }

    /// Plain text for a terminal or a log.
    public static func text(_ reports: [FailoverReport], snapshot: Snapshot, context: [String]) -> String {
        var lines = ["drtop failover check — \(Format.timestamp(snapshot.takenAt)) — "
            + (snapshot.source == .demo ? "DEMO data, not real" : snapshot.source.dataLabel)]
        lines += context
        for report in reports {
            lines.append("")
            let loss = report.acceptedDataLossSeconds.map { Format.duration($0) } ?? "unknown"
            lines.append("\(report.pairName): \(report.verdict.rawValue)  (\(report.failoverFrom) → \(report.failoverTo), "
                + "accepted data loss \(loss), RPO \(Format.duration(report.rpoSeconds)))")
            for item in report.items {
                let result = item.result.rawValue.uppercased()
                lines.append("  " + result + String(repeating: " ", count: max(1, 9 - result.count))
                    + item.title + String(repeating: " ", count: max(1, 30 - item.title.count)) + item.evidence)
            }
            for command in report.redrive {
                lines.append("  re-drive the failed objects (printed, not run):")
                lines += command.split(separator: "\n").map { "    " + $0 }
            }
            if !report.runbook.isEmpty {
                lines.append("  the commands that would move users to \(report.failoverTo): --format markdown (printed, never run)")
            }
        }
        if reports.count > 1 { lines += ["", "overall: \(worst(reports).rawValue)"] }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Markdown for an incident channel or ticket: one section per pair.
    public static func markdown(_ reports: [FailoverReport], context: [String]) -> String {
        var parts: [String] = []
        if reports.count > 1 {
            parts.append("# drtop failover check: \(worst(reports).rawValue) overall\n\n"
                + reports.map { "- \($0.pairName): **\($0.verdict.rawValue)**" }.joined(separator: "\n") + "\n")
        }
        parts += reports.map { FailoverMarkdown.render($0, context: context) }
        return parts.joined(separator: "\n")
    }
}
