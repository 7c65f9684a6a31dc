import DRCore
import Foundation

/// The failover checklist items about moving writes to one zone that only Ceph can answer, judged at that zone's
/// poll: metadata sync caught up with the master, sync errors, the same period on the zone and the master, and
/// who the master is with what promoting the zone would take (printed, never run).
struct CephZoneChecks {
    let zone: CephZone
    let rpoSeconds: Double

    /// Commands Ceph documents for making `zone` the master (drtop never runs them).
    var promotion: String {
        "radosgw-admin zone modify --rgw-zone=\(zone.name) --master --default, then radosgw-admin period update --commit"
    }

    /// The metadata sync item from `sync` (nil with `problem` when it could not be read).
    func metadata(_ sync: CephMetadataSync?, problem: SourceProblem?, isMaster: Bool, now: Date) -> CheckItem {
        let id = "metadata-sync", title = "Metadata sync caught up"
        if isMaster {
            return CheckItem(id: id, title: title, result: .pass,
                             evidence: "\(zone.name) is the metadata master: nothing to sync (Ceph period)")
        }
        guard let sync else {
            return CheckItem(id: id, title: title, result: .unknown,
                             evidence: "metadata sync of \(zone.name) unknown: \(problem?.message ?? "not read")")
        }
        if sync.isCaughtUp { return CheckItem(id: id, title: title, result: .pass, evidence: sync.evidence) }
        guard let lag = sync.lagSeconds(at: now) else {
            return CheckItem(id: id, title: title, result: .unknown, evidence: sync.evidence)
        }
        let within = lag <= rpoSeconds
        return CheckItem(id: id, title: title, result: within ? .warn : .fail,
                         evidence: sync.evidence + (within ? "" : ": bucket and user changes older than the RPO not there"))
    }

    /// The sync error item: Pacific's admin REST API serves no sync error list.
    var syncErrors: CheckItem {
        CheckItem(id: "sync-errors", title: "No sync errors in window", result: .warn,
                  evidence: "not readable: Ceph 16 serves no sync error list over the admin API (GET /admin/log/?type=error "
                    + "answers 405); read it with radosgw-admin sync error list on a cluster node")
    }

    /// The period item: the zone's period against the master's.
    func period(_ own: CephPeriod?, ownProblem: SourceProblem?, master: CephPeriod?, masterProblem: SourceProblem?,
                isMaster: Bool) -> CheckItem {
        let id = "period-epoch", title = "Same period on both zones"
        guard let own else {
            return CheckItem(id: id, title: title, result: .unknown,
                             evidence: "period of \(zone.name) unknown: \(ownProblem?.message ?? "not read")")
        }
        let mine = "period \(own.id.prefix(8)) epoch \(own.epoch)"
        if isMaster {
            return CheckItem(id: id, title: title, result: .pass, evidence: "\(zone.name) is the master: \(mine) (Ceph period)")
        }
        guard let master else {
            return CheckItem(id: id, title: title, result: .unknown,
                             evidence: "\(zone.name) on \(mine); the master's unknown: \(masterProblem?.message ?? "not read")")
        }
        let theirs = "period \(master.id.prefix(8)) epoch \(master.epoch)"
        if own.id == master.id && own.epoch == master.epoch {
            return CheckItem(id: id, title: title, result: .pass,
                             evidence: "\(zone.name) and master \(master.master?.name ?? "?") on \(mine) (Ceph period)")
        }
        return CheckItem(id: id, title: title, result: .fail,
                         evidence: "\(zone.name) on \(mine), master \(master.master?.name ?? "?") on \(theirs): "
                            + "\(zone.name) has not taken the current period (radosgw-admin period pull there)")
    }

    /// The master item: who the master is, and what promoting this zone would mean.
    func master(_ own: CephPeriod?, masterProblem: SourceProblem?) -> CheckItem {
        let id = "master-zone", title = "Master zone"
        guard let own, let master = own.master else {
            return CheckItem(id: id, title: title, result: .unknown, evidence: "master zone unknown (period not read)")
        }
        if master.id == zone.id {
            return CheckItem(id: id, title: title, result: .pass,
                             evidence: "\(zone.name) is the metadata master already: nothing to promote")
        }
        if let masterProblem {
            return CheckItem(id: id, title: title, result: .warn,
                             evidence: "master \(master.name) does not answer (\(masterProblem.message)): bucket and user "
                                + "changes fail until \(zone.name) is promoted: \(promotion) (drtop runs nothing)")
        }
        return CheckItem(id: id, title: title, result: .pass,
                         evidence: "\(master.name) is the metadata master; \(zone.name) takes data writes as it is "
                            + "(zones are active-active), bucket and user changes stay with \(master.name); promoting "
                            + "\(zone.name) would take: \(promotion) (drtop runs nothing)")
    }
}
