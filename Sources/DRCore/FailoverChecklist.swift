import Foundation

/// Builds the read-only failover checklist for one pair: can writes move from the primary region to the
/// secondary now, and how much data would that give up? Pure: the snapshot and the time are passed in.
///
/// Each item is one `CheckDefinition` in `items` (a Ceph zone pair's list is `zoneItems`): its id, title, a
/// result function and an evidence function. `outcomes` runs the results only (what `Assessment` keeps for every
/// pair); `run` and `report` add the evidence, the runbook and the re-drive jobs (for a report that is shown).
public struct FailoverChecklist: Sendable {
    /// The evaluator whose thresholds judge lag, drain and staleness.
    public var evaluator: HealthEvaluator

    /// The items of an S3 pair (`items`) and of a pair protected by backups alone (`restoreItems`), as this
    /// checklist reads them.
    private let s3Items: [CheckDefinition], backupOnlyItems: [CheckDefinition]
    /// Their ids, one array each that every pair's results share (`CheckOutcomes`).
    private let s3IDs: [String], backupOnlyIDs: [String]

    /// Creates a checklist builder.
    public init(thresholds: Thresholds = .standard) {
        self.evaluator = HealthEvaluator(thresholds: thresholds)
        s3Items = Self.items
        backupOnlyItems = Self.restoreItems
        s3IDs = s3Items.map(\.id)
        backupOnlyIDs = backupOnlyItems.map(\.id)
    }

    private init(evaluator: HealthEvaluator, s3Items: [CheckDefinition], backupOnlyItems: [CheckDefinition]) {
        self.evaluator = evaluator
        self.s3Items = s3Items
        self.backupOnlyItems = backupOnlyItems
        s3IDs = s3Items.map(\.id)
        backupOnlyIDs = backupOnlyItems.map(\.id)
    }

    /// The same checklist with item lists of its own (new buffers): threads that judge side by side each read
    /// their own, so that no two cores count references on one list for every pair.
    func ownLists() -> FailoverChecklist {
        FailoverChecklist(evaluator: evaluator, s3Items: s3Items.map { $0 }, backupOnlyItems: backupOnlyItems.map { $0 })
    }

    /// The items of an S3 pair, in the report's order, then the traffic and recovery items (each left out where
    /// it does not apply). A new item is one entry here.
    static let items: [CheckDefinition] = [
        targetReachable,
        rulesEnabled,
        versioning,
        deleteMarkers,
        replicaModifications,
        dataLoss,
        backlog,
        failedOperations,
        replicationTimeControl,
        metricsFresh,
    ] + RecoveryChecks.items

    /// Runs the checklist for `pair` against what `snapshot` knows at `now`.
    /// `fromPrimary` is the primary → secondary direction's health when already judged (`Assessment`).
    /// `recovery` is the pair's traffic, RTO and backup judgement when already derived (`Assessment`).
    public func run(pair: BucketPair, in snapshot: Snapshot, now: Date, fromPrimary: DirectionHealth? = nil,
                    recovery: RecoveryJudgement? = nil) -> FailoverReport {
        let health = fromPrimary ?? evaluator.evaluate(pair.fromPrimary, rpoSeconds: pair.rpoSeconds, now: now)
        let derived = recovery ?? RecoveryJudgement(pair, fromPrimary: health, thresholds: evaluator.thresholds, now: now)
        return report(pair, CheckFacts(pair, in: snapshot, health: health, recovery: derived,
                                       thresholds: evaluator.thresholds, now: now))
    }

    /// The items that apply to `pair` with `facts`, in the report's order. A pair protected by backups alone (no
    /// rule either way) fails over by a restore: the replication items do not apply to it.
    func definitions(_ pair: BucketPair, _ facts: CheckFacts) -> [CheckDefinition] {
        judgedBy(pair, facts).items
    }

    /// The items that apply to `pair` (`definitions`) with their ids.
    private func judgedBy(_ pair: BucketPair, _ facts: CheckFacts) -> (items: [CheckDefinition], ids: [String]) {
        if facts.source == .ceph {
            let items = zoneItems(facts)
            return (items, items.map(\.id))
        }
        return Self.isBackupOnly(pair) ? (backupOnlyItems, backupOnlyIDs) : (s3Items, s3IDs)
    }

    /// Whether `pair` is protected by backups alone: its backups are watched and no rule replicates either way.
    static func isBackupOnly(_ pair: BucketPair) -> Bool {
        pair.judgesBackup && pair.fromPrimary.isAbsent && pair.toPrimary.isAbsent
    }

    /// The items of a pair protected by backups alone: the target region and versioning (AWS Backup needs it),
    /// then the traffic, RTO and recovery-point items.
    static let restoreItems: [CheckDefinition] = [targetReachable, versioning] + RecoveryChecks.items

    /// Each item's result for `pair`, without evidence: what the assessment keeps for every pair.
    func outcomes(_ pair: BucketPair, _ facts: CheckFacts) -> CheckOutcomes {
        let (items, ids) = judgedBy(pair, facts)
        return items.withUnsafeBufferPointer { items in CheckOutcomes(ids: ids) { items[$0].result(pair, facts) } }
    }

    /// The data a failover now gives up: with a canary, the worse of CloudWatch's lag and the canary's
    /// end-to-end time; nil while the lag is not known and fresh. For a pair protected by backups alone, its
    /// backup's exposure.
    static func acceptedDataLoss(_ pair: BucketPair, _ health: DirectionHealth, _ recovery: RecoveryJudgement) -> Double? {
        if isBackupOnly(pair) { return recovery.backup?.exposureSeconds }
        return health.lagShare != nil ? pair.fromPrimary.lagSeconds.map { max($0, pair.fromPrimary.canaryLagSeconds ?? 0) } : nil
    }

    /// The full report of `pair`: every item with its evidence, the runbook and the re-drive jobs.
    func report(_ pair: BucketPair, _ facts: CheckFacts) -> FailoverReport {
        var report = FailoverReport(
            pairName: pair.name, takenAt: facts.now, source: facts.source, failoverFrom: pair.primaryRegion,
            failoverTo: pair.secondaryRegion, rpoSeconds: pair.rpoSeconds,
            acceptedDataLossSeconds: Self.acceptedDataLoss(pair, facts.health, facts.recovery),
            items: definitions(pair, facts).compactMap { $0.item(pair, facts) })
        if !pair.routing.isEmpty { report.runbook = Runbook.steps(for: pair) }
        for direction in pair.directions where (direction.failedOperations ?? 0) > 0
            || direction.queue.contains(where: { $0.status == .failed }) {
            report.redrive.append(BatchReplicationJob.command(for: direction, role: direction.replicationRole)
                ?? "\(direction.arrow): the replication role is not known, so the Batch Replication job cannot be "
                    + "written out (its account runs the job)")
        }
        return report
    }

    /// The item result a health state gives: ok pass, warning warn, breach fail, unknown unknown.
    static func result(of state: HealthState) -> CheckResult {
        switch state {
        case .ok: return .pass
        case .warning: return .warn
        case .breach: return .fail
        case .unknown: return .unknown
        }
    }

    private static func onOff(_ value: Bool) -> String { value ? "on" : "off" }

    static let targetReachable = CheckDefinition(
        id: "target-reachable", title: "Target region reachable",
        result: { _, facts in
            switch facts.targetReachability {
            case nil, .unknown?: return .unknown
            case .up?: return .pass
            case .degraded?: return .warn
            case .down?: return .fail
            }
        },
        evidence: { pair, facts, _ in
            let name = pair.secondaryRegion
            guard let region = facts.target else { return "\(name) is not polled" }
            let problem = region.problem.map { ": \($0.message)" } ?? ""
            switch region.reachability {
            case .up:
                var evidence = "\(name) answered"
                if let last = region.lastOK { evidence += " \(Format.duration(facts.now.timeIntervalSince(last))) ago" }
                if let latency = region.apiLatencyMs { evidence += " in \(Int(latency.rounded())) ms" }
                return evidence
            case .degraded:
                if let retrying = region.retryNote { return "\(name): \(retrying)\(problem)" }
                return "\(name) answers with errors\(problem)"
            case .down:
                let polls = region.consecutiveFailures == 1 ? "1 failed poll" : "\(region.consecutiveFailures) failed polls"
                return "\(name) unreachable\(problem) (\(polls))"
            case .unknown:
                return "\(name) not polled yet"
            }
        })

    private static func ruleSummary(_ direction: DirectionStatus, _ rules: DirectionFacts) -> String {
        var text = "\(direction.arrow): \(rules.enabledRules ?? 0) enabled"
        if rules.disabledRules > 0 { text += ", \(rules.disabledRules) disabled" }
        return text
    }

    static let rulesEnabled = CheckDefinition(
        id: "rules-enabled", title: "Rules enabled both ways",
        result: { _, facts in
            if !facts.fromPrimary.rulesKnown || !facts.toPrimary.rulesKnown { return .unknown }
            if !facts.fromPrimary.isReplicated { return .fail }
            if !facts.toPrimary.isReplicated { return .warn }
            return .pass
        },
        evidence: { pair, facts, result in
            for (index, direction) in pair.directions.enumerated() where !facts.rules(index).rulesKnown {
                let why = direction.rulesProblem?.message ?? "not read yet"
                return "rules of \(direction.source.name) unknown: \(why)"
            }
            switch result {
            case .fail: return "no enabled rule \(pair.fromPrimary.arrow): the secondary is not being fed"
            case .warn: return "no enabled rule \(pair.toPrimary.arrow): writes after failover stay one-sided"
            default:
                return "\(ruleSummary(pair.fromPrimary, facts.fromPrimary)); \(ruleSummary(pair.toPrimary, facts.toPrimary))"
            }
        })

    static let versioning = CheckDefinition(
        id: "versioning", title: "Versioning on both buckets",
        result: { pair, _ in
            let primary = pair.primary.versioning, secondary = pair.secondary.versioning
            if (primary != .enabled && primary != .unknown) || (secondary != .enabled && secondary != .unknown) {
                return .fail
            }
            return primary == .unknown || secondary == .unknown ? .unknown : .pass
        },
        evidence: { pair, _, _ in
            [pair.primary, pair.secondary].map { "\($0.name) \($0.versioning.rawValue)" }.joined(separator: ", ")
        })

    static let deleteMarkers = CheckDefinition(
        id: "delete-markers", title: "Delete markers symmetric",
        result: { _, facts in
            guard let out = facts.fromPrimary.deleteMarkers, let back = facts.toPrimary.deleteMarkers else { return .unknown }
            guard facts.fromPrimary.isReplicated, facts.toPrimary.isReplicated else { return .pass }
            return out == back ? .pass : .warn
        },
        evidence: { pair, facts, result in
            guard let out = facts.fromPrimary.deleteMarkers, let back = facts.toPrimary.deleteMarkers else {
                return "rules not known"
            }
            guard facts.fromPrimary.isReplicated, facts.toPrimary.isReplicated else {
                return "one-way pair: nothing to compare"
            }
            let evidence = "\(pair.fromPrimary.arrow) \(onOff(out)), \(pair.toPrimary.arrow) \(onOff(back))"
            return result == .warn ? evidence + ": deletes will diverge after failover" : evidence
        })

    static let replicaModifications = CheckDefinition(
        id: "replica-modifications", title: "Replica mod sync both ways",
        result: { _, facts in
            guard let out = facts.fromPrimary.replicaModifications, let back = facts.toPrimary.replicaModifications else {
                return .unknown
            }
            guard facts.fromPrimary.isReplicated, facts.toPrimary.isReplicated else { return .pass }
            return out && back ? .pass : .warn
        },
        evidence: { pair, facts, result in
            guard let out = facts.fromPrimary.replicaModifications, let back = facts.toPrimary.replicaModifications else {
                return "rules not known"
            }
            guard facts.fromPrimary.isReplicated, facts.toPrimary.isReplicated else { return "one-way pair: not needed" }
            let evidence = "\(pair.primary.name) \(onOff(back)), \(pair.secondary.name) \(onOff(out))"
            return result == .warn ? evidence + ": metadata changes will not flow back" : evidence
        })

    static let dataLoss = CheckDefinition(
        id: "data-loss", title: "Data given up within RPO",
        result: { pair, facts in
            guard facts.health.lagShare != nil, pair.fromPrimary.lagSeconds != nil else { return .unknown }
            var state = facts.health.state
            if let canary = pair.fromPrimary.canaryLagSeconds, pair.rpoSeconds > 0 {
                // The canary measures end to end; the worse of the two decides.
                state = max(state, facts.thresholds.state(forShare: canary / pair.rpoSeconds))
            }
            return result(of: state)
        },
        evidence: { pair, facts, result in
            guard let share = facts.health.lagShare, let lag = pair.fromPrimary.lagSeconds else {
                return "lag of \(pair.fromPrimary.arrow) unknown: \(facts.health.reason ?? "lag unknown")"
            }
            var evidence = "lag \(Format.duration(lag)) = \(Format.percent(share)) of RPO \(Format.duration(pair.rpoSeconds))"
            if let canary = pair.fromPrimary.canaryLagSeconds, pair.rpoSeconds > 0 {
                evidence += "; canary \(Format.duration(canary))"
            }
            return result == .fail ? evidence + ": RPO breached" : evidence
        })

    static let backlog = CheckDefinition(
        id: "backlog", title: "Backlog drains within RPO",
        result: { pair, facts in
            guard pair.fromPrimary.pendingOperations != nil else { return .unknown }
            switch facts.health.drain {
            case .clear: return .pass
            case .draining(_, let breaches): return breaches ? .warn : .pass
            case .notDraining(let breaches): return breaches ? .fail : .warn
            case .unknown:
                // No trend yet (CloudWatch gives one point a minute): a backlog whose oldest object is well within
                // the RPO is not a risk; otherwise the drain rate is data the verdict needs.
                return facts.health.state == .ok && facts.health.lagShare != nil ? .pass : .unknown
            }
        },
        evidence: { pair, facts, _ in
            let direction = pair.fromPrimary
            guard let ops = direction.pendingOperations else { return "pending operations unknown" }
            var amount = "\(Format.count(ops)) ops"
            if let bytes = direction.pendingBytes { amount += " / \(Format.bytes(bytes))" }
            switch facts.health.drain {
            case .clear:
                return "nothing pending"
            case .draining(let seconds, let breaches):
                let evidence = "\(amount) pending, clears in \(Format.duration(seconds)) at the current rate"
                return breaches ? evidence + "; lag passes RPO first" : evidence
            case .notDraining(let breaches):
                let evidence = "\(amount) pending and not draining"
                return breaches ? evidence + "; lag heading past RPO" : evidence
            case .unknown:
                if facts.health.state == .ok, let share = facts.health.lagShare {
                    return "\(amount) pending, lag \(Format.percent(share)) of RPO; drain rate not measured yet"
                }
                return "\(amount) pending; drain rate not known yet"
            }
        })

    private static func failureSummary(_ direction: DirectionStatus) -> String {
        let reasons = direction.failures.sorted { $0.count > $1.count }.prefix(3)
            .map { "\($0.reason) ×\(Format.count($0.count))" }
        let count = Format.count(direction.failedOperations ?? 0)
        return "\(count) failed \(direction.arrow)" + (reasons.isEmpty ? "" : " (\(reasons.joined(separator: ", ")))")
    }

    static let failedOperations = CheckDefinition(
        id: "failed-operations", title: "No failures in 15 min",
        result: { pair, facts in
            guard let out = pair.fromPrimary.failedOperations else { return .unknown }
            if out > 0 { return .fail }
            if let back = pair.toPrimary.failedOperations, back > 0, facts.toPrimary.isReplicated { return .warn }
            return .pass
        },
        evidence: { pair, _, result in
            switch result {
            case .unknown: return "failures of \(pair.fromPrimary.arrow) unknown"
            case .fail: return failureSummary(pair.fromPrimary)
            case .warn: return failureSummary(pair.toPrimary)
            case .pass: return "0 failed in the last 15 minutes"
            }
        })

    static let replicationTimeControl = CheckDefinition(
        id: "rtc", title: "Replication Time Control",
        result: { _, facts in
            guard let enabled = facts.fromPrimary.enabledRules, let off = facts.fromPrimary.withoutRTC else {
                return .unknown
            }
            return enabled > 0 && off == 0 ? .pass : .warn
        },
        evidence: { pair, _, _ in
            guard let rules = pair.fromPrimary.enabledRules else { return "rules not known" }
            if rules.isEmpty { return "no enabled rule to carry RTC" }
            let off = rules.filter { !$0.replicationTimeControl }
            if off.isEmpty { return "RTC on every rule of \(pair.fromPrimary.arrow) (15-minute SLA)" }
            return "RTC off on \(off.map(\.id).joined(separator: ", ")): no 15-minute SLA"
        })

    /// Folds one direction's metrics age into the worst result so far (nil: no direction counted yet): a
    /// direction that replicates, or whose rules are unknown, counts; no metrics is unknown, stale metrics warn.
    private static func freshness(_ at: Date?, counts: Bool, _ facts: CheckFacts, into worst: inout CheckResult?) {
        guard counts else { return }
        var result = worst ?? .pass
        if let at {
            if facts.now.timeIntervalSince(at) > facts.thresholds.staleAfterSeconds { result = .warn }
        } else if result != .warn {
            result = .unknown
        }
        worst = result
    }

    static let metricsFresh = CheckDefinition(
        id: "metrics-fresh", title: "Metrics fresh",
        result: { pair, facts in
            var worst: CheckResult?
            freshness(pair.fromPrimary.metricsAt, counts: facts.fromPrimary.isReplicated || !facts.fromPrimary.rulesKnown,
                      facts, into: &worst)
            freshness(pair.toPrimary.metricsAt, counts: facts.toPrimary.isReplicated || !facts.toPrimary.rulesKnown,
                      facts, into: &worst)
            return worst ?? .unknown
        },
        evidence: { pair, facts, _ in
            let ages = pair.directions.filter { $0.isReplicated || $0.rules == nil }.map { direction in
                direction.metricsAt.map { "\(direction.arrow) \(Format.duration(facts.now.timeIntervalSince($0))) old" }
                    ?? "\(direction.arrow) none"
            }
            return ages.isEmpty ? "no replicated direction" : ages.joined(separator: "; ")
        })
}
