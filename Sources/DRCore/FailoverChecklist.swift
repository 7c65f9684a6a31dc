import Foundation

/// Builds the read-only failover checklist for one pair: can writes move from the primary region to the
/// secondary now, and how much data would that give up? Pure: the snapshot and the time are passed in.
public struct FailoverChecklist: Sendable {
    /// The evaluator whose thresholds judge lag, drain and staleness.
    public var evaluator: HealthEvaluator

    /// Creates a checklist builder.
    public init(thresholds: Thresholds = .standard) {
        self.evaluator = HealthEvaluator(thresholds: thresholds)
    }

    /// Runs the checklist for `pair` against what `snapshot` knows at `now`.
    /// `fromPrimary` is the primary → secondary direction's health when already judged (`Assessment`).
    /// `recovery` is the pair's traffic, RTO and backup judgement when already derived (`Assessment`).
    public func run(pair: BucketPair, in snapshot: Snapshot, now: Date, fromPrimary: DirectionHealth? = nil,
                    recovery: RecoveryJudgement? = nil) -> FailoverReport {
        let given = pair.fromPrimary
        let health = fromPrimary ?? evaluator.evaluate(given, rpoSeconds: pair.rpoSeconds, now: now)
        let derived = recovery ?? RecoveryJudgement(pair, fromPrimary: health, thresholds: evaluator.thresholds, now: now)
        let extra = RecoveryChecks(thresholds: evaluator.thresholds)
            .items(pair, traffic: derived.traffic, recovery: derived.recovery, backup: derived.backup)
        var items = (snapshot.kind(ofRegion: pair.secondaryRegion) == .ceph ? zoneItems(pair, snapshot, health, now) : [
            targetReachable(pair, snapshot, now),
            rulesEnabled(pair),
            versioning(pair),
            deleteMarkers(pair),
            replicaModifications(pair),
            dataLoss(pair, health),
            backlog(pair, health),
            failedOperations(pair),
            replicationTimeControl(pair),
            metricsFresh(pair, now),
        ]) + extra
        // With a canary, the data given up is the worse of CloudWatch's lag and the canary's end-to-end time; a
        // pair protected by backups alone (no rule either way) fails over by a restore: the replication items do
        // not apply, and what it gives up is its backup's exposure.
        let backupOnly = pair.watchesBackup && pair.fromPrimary.isAbsent && pair.toPrimary.isAbsent
        if backupOnly { items = items.filter { Self.restoreItems.contains($0.id) } }
        let loss = backupOnly ? derived.backup?.exposureSeconds
            : health.lagShare != nil ? given.lagSeconds.map { max($0, given.canaryLagSeconds ?? 0) } : nil
        var report = FailoverReport(
            pairName: pair.name, takenAt: now, source: snapshot.kind(ofRegion: pair.secondaryRegion), failoverFrom: pair.primaryRegion,
            failoverTo: pair.secondaryRegion, rpoSeconds: pair.rpoSeconds, acceptedDataLossSeconds: loss,
            items: items)
        if !pair.routing.isEmpty { report.runbook = Runbook.steps(for: pair) }
        for direction in pair.directions where (direction.failedOperations ?? 0) > 0
            || direction.queue.contains(where: { $0.status == .failed }) {
            report.redrive.append(BatchReplicationJob.command(for: direction, role: direction.replicationRole)
                ?? "\(arrow(direction)): the replication role is not known, so the Batch Replication job cannot be "
                    + "written out (its account runs the job)")
        }
        return report
    }

    /// The items of a pair protected by backups alone: the target region and versioning (AWS Backup needs it),
    /// then the traffic, RTO and recovery-point items.
    static let restoreItems: Set<String> = ["target-reachable", "versioning", "traffic-placement", "routing-answers",
                                            "target-health-check", "rto-estimate", "backup-recovery-point"]

    private func arrow(_ direction: DirectionStatus) -> String { direction.arrow }

    func targetReachable(_ pair: BucketPair, _ snapshot: Snapshot, _ now: Date) -> CheckItem {
        let title = "Target region reachable"
        let id = "target-reachable"
        let name = pair.secondaryRegion
        guard let region = snapshot.region(name) else {
            return CheckItem(id: id, title: title, result: .unknown, evidence: "\(name) is not polled")
        }
        let problem = region.problem.map { ": \($0.message)" } ?? ""
        switch region.reachability {
        case .up:
            var evidence = "\(name) answered"
            if let last = region.lastOK { evidence += " \(Format.duration(now.timeIntervalSince(last))) ago" }
            if let latency = region.apiLatencyMs { evidence += " in \(Int(latency.rounded())) ms" }
            return CheckItem(id: id, title: title, result: .pass, evidence: evidence)
        case .degraded:
            if let retrying = region.retryNote {
                return CheckItem(id: id, title: title, result: .warn, evidence: "\(name): \(retrying)\(problem)")
            }
            return CheckItem(id: id, title: title, result: .warn, evidence: "\(name) answers with errors\(problem)")
        case .down:
            let polls = region.consecutiveFailures == 1 ? "1 failed poll" : "\(region.consecutiveFailures) failed polls"
            return CheckItem(id: id, title: title, result: .fail, evidence: "\(name) unreachable\(problem) (\(polls))")
        case .unknown:
            return CheckItem(id: id, title: title, result: .unknown, evidence: "\(name) not polled yet")
        }
    }

    private func ruleSummary(_ direction: DirectionStatus) -> String {
        let enabled = direction.enabledRules?.count ?? 0
        let disabled = (direction.rules?.count ?? 0) - enabled
        var text = "\(arrow(direction)): \(enabled) enabled"
        if disabled > 0 { text += ", \(disabled) disabled" }
        return text
    }

    private func rulesEnabled(_ pair: BucketPair) -> CheckItem {
        let title = "Rules enabled both ways"
        let id = "rules-enabled"
        for direction in pair.directions where direction.rules == nil {
            let why = direction.rulesProblem?.message ?? "not read yet"
            return CheckItem(id: id, title: title, result: .unknown,
                             evidence: "rules of \(direction.source.name) unknown: \(why)")
        }
        if !pair.fromPrimary.isReplicated {
            return CheckItem(id: id, title: title, result: .fail,
                             evidence: "no enabled rule \(arrow(pair.fromPrimary)): the secondary is not being fed")
        }
        if !pair.toPrimary.isReplicated {
            return CheckItem(id: id, title: title, result: .warn,
                             evidence: "no enabled rule \(arrow(pair.toPrimary)): writes after failover stay one-sided")
        }
        return CheckItem(id: id, title: title, result: .pass,
                         evidence: "\(ruleSummary(pair.fromPrimary)); \(ruleSummary(pair.toPrimary))")
    }

    private func versioning(_ pair: BucketPair) -> CheckItem {
        let title = "Versioning on both buckets"
        let id = "versioning"
        let buckets = [pair.primary, pair.secondary]
        let states = buckets.map { "\($0.name) \($0.versioning.rawValue)" }.joined(separator: ", ")
        if buckets.contains(where: { $0.versioning != .enabled && $0.versioning != .unknown }) {
            return CheckItem(id: id, title: title, result: .fail, evidence: states)
        }
        if buckets.contains(where: { $0.versioning == .unknown }) {
            return CheckItem(id: id, title: title, result: .unknown, evidence: states)
        }
        return CheckItem(id: id, title: title, result: .pass, evidence: states)
    }

    /// Whether any enabled rule of `direction` has `flag`; nil when the rules are unknown.
    private func any(_ direction: DirectionStatus, _ flag: (ReplicationRule) -> Bool) -> Bool? {
        direction.enabledRules.map { $0.contains(where: flag) }
    }

    private func onOff(_ value: Bool) -> String { value ? "on" : "off" }

    private func deleteMarkers(_ pair: BucketPair) -> CheckItem {
        let title = "Delete markers symmetric"
        let id = "delete-markers"
        guard let out = any(pair.fromPrimary, \.deleteMarkerReplication),
              let back = any(pair.toPrimary, \.deleteMarkerReplication) else {
            return CheckItem(id: id, title: title, result: .unknown, evidence: "rules not known")
        }
        guard pair.fromPrimary.isReplicated, pair.toPrimary.isReplicated else {
            return CheckItem(id: id, title: title, result: .pass, evidence: "one-way pair: nothing to compare")
        }
        let evidence = "\(arrow(pair.fromPrimary)) \(onOff(out)), \(arrow(pair.toPrimary)) \(onOff(back))"
        if out == back {
            return CheckItem(id: id, title: title, result: .pass, evidence: evidence)
        }
        return CheckItem(id: id, title: title, result: .warn,
                         evidence: evidence + ": deletes will diverge after failover")
    }

    private func replicaModifications(_ pair: BucketPair) -> CheckItem {
        let title = "Replica mod sync both ways"
        let id = "replica-modifications"
        guard let out = any(pair.fromPrimary, \.replicaModifications),
              let back = any(pair.toPrimary, \.replicaModifications) else {
            return CheckItem(id: id, title: title, result: .unknown, evidence: "rules not known")
        }
        guard pair.fromPrimary.isReplicated, pair.toPrimary.isReplicated else {
            return CheckItem(id: id, title: title, result: .pass, evidence: "one-way pair: not needed")
        }
        let evidence = "\(pair.primary.name) \(onOff(back)), \(pair.secondary.name) \(onOff(out))"
        return CheckItem(id: id, title: title, result: out && back ? .pass : .warn,
                         evidence: out && back ? evidence : evidence + ": metadata changes will not flow back")
    }

    func dataLoss(_ pair: BucketPair, _ health: DirectionHealth) -> CheckItem {
        let title = "Data given up within RPO"
        let id = "data-loss"
        let rpo = Format.duration(pair.rpoSeconds)
        guard let share = health.lagShare, let lag = pair.fromPrimary.lagSeconds else {
            let why = health.reason ?? "lag unknown"
            return CheckItem(id: id, title: title, result: .unknown,
                             evidence: "lag of \(arrow(pair.fromPrimary)) unknown: \(why)")
        }
        var evidence = "lag \(Format.duration(lag)) = \(Format.percent(share)) of RPO \(rpo)"
        var state = health.state
        if let canary = pair.fromPrimary.canaryLagSeconds, pair.rpoSeconds > 0 {
            // The canary measures end to end; the worse of the two decides.
            evidence += "; canary \(Format.duration(canary))"
            state = max(state, evaluator.state(forShare: canary / pair.rpoSeconds))
        }
        switch state {
        case .ok: return CheckItem(id: id, title: title, result: .pass, evidence: evidence)
        case .warning: return CheckItem(id: id, title: title, result: .warn, evidence: evidence)
        case .breach: return CheckItem(id: id, title: title, result: .fail, evidence: evidence + ": RPO breached")
        case .unknown: return CheckItem(id: id, title: title, result: .unknown, evidence: evidence)
        }
    }

    private func backlog(_ pair: BucketPair, _ health: DirectionHealth) -> CheckItem {
        let title = "Backlog drains within RPO"
        let id = "backlog"
        let direction = pair.fromPrimary
        guard let ops = direction.pendingOperations else {
            return CheckItem(id: id, title: title, result: .unknown, evidence: "pending operations unknown")
        }
        var amount = "\(Format.count(ops)) ops"
        if let bytes = direction.pendingBytes { amount += " / \(Format.bytes(bytes))" }
        switch health.drain {
        case .clear:
            return CheckItem(id: id, title: title, result: .pass, evidence: "nothing pending")
        case .draining(let seconds, let breaches):
            let evidence = "\(amount) pending, clears in \(Format.duration(seconds)) at the current rate"
            return breaches
                ? CheckItem(id: id, title: title, result: .warn, evidence: evidence + "; lag passes RPO first")
                : CheckItem(id: id, title: title, result: .pass, evidence: evidence)
        case .notDraining(let breaches):
            let evidence = "\(amount) pending and not draining"
            return breaches
                ? CheckItem(id: id, title: title, result: .fail, evidence: evidence + "; lag heading past RPO")
                : CheckItem(id: id, title: title, result: .warn, evidence: evidence)
        case .unknown:
            // No trend yet (CloudWatch gives one point a minute): a backlog whose oldest object is well within
            // the RPO is not a risk; otherwise the drain rate is data the verdict needs.
            if health.state == .ok, let share = health.lagShare {
                return CheckItem(id: id, title: title, result: .pass,
                                 evidence: "\(amount) pending, lag \(Format.percent(share)) of RPO; drain rate not measured yet")
            }
            return CheckItem(id: id, title: title, result: .unknown,
                             evidence: "\(amount) pending; drain rate not known yet")
        }
    }

    private func failureSummary(_ direction: DirectionStatus) -> String {
        let reasons = direction.failures.sorted { $0.count > $1.count }.prefix(3)
            .map { "\($0.reason) ×\(Format.count($0.count))" }
        let count = Format.count(direction.failedOperations ?? 0)
        return "\(count) failed \(arrow(direction))" + (reasons.isEmpty ? "" : " (\(reasons.joined(separator: ", ")))")
    }

    private func failedOperations(_ pair: BucketPair) -> CheckItem {
        let title = "No failures in 15 min"
        let id = "failed-operations"
        guard let out = pair.fromPrimary.failedOperations else {
            return CheckItem(id: id, title: title, result: .unknown,
                             evidence: "failures of \(arrow(pair.fromPrimary)) unknown")
        }
        if out > 0 {
            return CheckItem(id: id, title: title, result: .fail, evidence: failureSummary(pair.fromPrimary))
        }
        if let back = pair.toPrimary.failedOperations, back > 0, pair.toPrimary.isReplicated {
            return CheckItem(id: id, title: title, result: .warn, evidence: failureSummary(pair.toPrimary))
        }
        return CheckItem(id: id, title: title, result: .pass, evidence: "0 failed in the last 15 minutes")
    }

    private func replicationTimeControl(_ pair: BucketPair) -> CheckItem {
        let title = "Replication Time Control"
        let id = "rtc"
        guard let rules = pair.fromPrimary.enabledRules else {
            return CheckItem(id: id, title: title, result: .unknown, evidence: "rules not known")
        }
        let off = rules.filter { !$0.replicationTimeControl }
        if rules.isEmpty {
            return CheckItem(id: id, title: title, result: .warn, evidence: "no enabled rule to carry RTC")
        }
        if off.isEmpty {
            return CheckItem(id: id, title: title, result: .pass,
                             evidence: "RTC on every rule of \(arrow(pair.fromPrimary)) (15-minute SLA)")
        }
        return CheckItem(id: id, title: title, result: .warn,
                         evidence: "RTC off on \(off.map(\.id).joined(separator: ", ")): no 15-minute SLA")
    }

    func metricsFresh(_ pair: BucketPair, _ now: Date) -> CheckItem {
        let title = "Metrics fresh"
        let id = "metrics-fresh"
        var ages: [String] = []
        var worst = CheckResult.pass
        for direction in pair.directions where direction.isReplicated || direction.rules == nil {
            guard let at = direction.metricsAt else {
                ages.append("\(arrow(direction)) none")
                if worst != .warn { worst = .unknown }
                continue
            }
            let age = now.timeIntervalSince(at)
            ages.append("\(arrow(direction)) \(Format.duration(age)) old")
            if age > evaluator.thresholds.staleAfterSeconds { worst = .warn }
        }
        if ages.isEmpty {
            return CheckItem(id: id, title: title, result: .unknown, evidence: "no replicated direction")
        }
        return CheckItem(id: id, title: title, result: worst, evidence: ages.joined(separator: "; "))
    }
}
