/// Renders a failover report as Markdown fit for an incident channel or ticket.
public enum FailoverMarkdown {
    /// The report as Markdown; `context` adds lines such as the profile used.
    public static func render(_ report: FailoverReport, context: [String] = []) -> String {
        var lines: [String] = []
        lines.append("# Failover check: \(report.pairName)")
        lines.append("")
        lines.append("- **Verdict:** \(report.verdict.rawValue)")
        lines.append("- **Failover:** \(report.failoverFrom) → \(report.failoverTo)")
        let loss = report.acceptedDataLossSeconds.map { Format.duration($0) } ?? "unknown"
        lines.append("- **Accepted data loss:** \(loss) (RPO \(Format.duration(report.rpoSeconds)))")
        lines.append("- **Taken at:** \(Format.timestamp(report.takenAt))")
        lines.append("- **Source:** \(report.source.origin)")
        lines += context.map { "- \($0)" }
        lines.append("")
        lines.append("| Result | Check | Evidence |")
        lines.append("|---|---|---|")
        for item in report.items {
            let evidence = item.evidence.replacingOccurrences(of: "|", with: "\\|")
            lines.append("| \(item.result.rawValue.uppercased()) | \(item.title) | \(evidence) |")
        }
        if !report.redrive.isEmpty {
            lines.append("")
            lines.append("## Re-drive the failed objects (printed for you to review and run; drtop runs nothing)")
            lines.append("")
            lines.append("S3 Batch Replication, with a manifest S3 generates from the source bucket filtered on "
                         + "replication status FAILED. The role must let Batch Operations replicate "
                         + "(`s3:InitiateReplication`, `s3:GetReplicationConfiguration`, `s3:PutInventoryConfiguration`).")
            for command in report.redrive {
                lines += ["", "```sh", command, "```"]
            }
        }
        if !report.runbook.isEmpty {
            lines.append("")
            lines.append("## Move the users to \(report.failoverTo) (printed for you to review and run; drtop runs nothing)")
            for step in report.runbook {
                lines += ["", step.title + ":", "", "```sh", step.command, "```"]
            }
        }
        lines.append("")
        lines.append("_drtop failover check: read-only; nothing was changed._")
        return lines.joined(separator: "\n") + "\n"
    }
}
