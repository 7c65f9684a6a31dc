import DRCore
import DRSourceKit
import Foundation

extension CephSource {
    /// The failover items about moving writes to `zone` (`CephZoneChecks`), read at its poll: its own period
    /// and, for a zone that is not the master, the master's period and the zone's metadata sync against the
    /// master's log. Metadata sync that is not caught up is also said on the zone pair's direction into the zone.
    func zoneChecks(_ zone: CephZone, home: CephGateway, period: CephPeriod, now: Date, into reading: inout RegionReading)
        async {
        let checks = CephZoneChecks(zone: zone, rpoSeconds: config.rpoSeconds)
        let isMaster = zone.id == period.masterZoneID
        var own: CephPeriod?, ownProblem: SourceProblem?
        do { own = try await reader.period(name: zone.name, base: home.url) } catch {
            ownProblem = Self.problem(error)
        }
        var master: CephPeriod? = isMaster ? own : nil, masterProblem: SourceProblem?
        var metadata: CephMetadataSync?, metadataProblem: SourceProblem?
        if !isMaster {
            if let masterZone = period.master, let gateway = gateway(masterZone) {
                do { master = try await reader.period(name: masterZone.name, base: gateway.url) } catch {
                    masterProblem = Self.problem(error)
                }
                do {
                    metadata = try await metadataReader.sync(home, master: gateway,
                                                             masterRealmEpoch: master?.realmEpoch ?? own?.realmEpoch ?? 0)
                } catch {
                    let problem = Self.problem(error)
                    metadataProblem = problem.kind == .notFound
                        ? SourceProblem(.notFound, "\(zone.name): the gateway at \(CephLayout.hostName(home.url)) serves no "
                            + "metadata sync status (rgw_run_sync_thread = false there?)")
                        : problem
                }
            } else {
                masterProblem = SourceProblem(.other, "the period names no master zone with an endpoint")
                metadataProblem = masterProblem
            }
        }
        reading.checks = [
            checks.metadata(metadata, problem: metadataProblem, isMaster: isMaster, now: now),
            checks.syncErrors,
            checks.period(own, ownProblem: ownProblem, master: master, masterProblem: masterProblem, isMaster: isMaster),
            checks.master(own ?? period, masterProblem: masterProblem),
        ]
        if let metadata, !metadata.isCaughtUp, let masterZone = period.master {
            let key = DirectionKey(source: masterZone.name, destination: zone.name)
            if var part = reading.directions[key] {
                let data = part.metricsProblem.map { $0.message + "; " } ?? ""
                part.metricsProblem = SourceProblem(part.metricsProblem?.kind ?? .other, data + metadata.evidence)
                reading.directions[key] = part
            }
        }
    }

    static func problem(_ error: Error) -> SourceProblem {
        error as? SourceProblem ?? SourceProblem(.other, "\(error)")
    }
}
