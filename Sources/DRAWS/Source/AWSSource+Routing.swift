import DRCore
import DRSourceKit
import DRWire
import Foundation

/// The poll's traffic and recovery steps: where the users of each pair of this region go (the routing its
/// configuration names) and what AWS Backup holds of it, read beside the rest of the poll and waited on at most
/// a request timeout. Both regions' polls of a pair carry the same answer, so the pair keeps its routing when one
/// region is down. Only pairs that name routing, or watch backups, cost requests.
extension AWSSource {
    /// The seconds a poll waits for routing and backup reads still in flight: a request timeout, at most the
    /// refresh (the poller gives a region two refreshes).
    var recoveryWaitSeconds: Double {
        min(client.requestTimeout, max(1, pollIntervalSeconds))
    }

    /// The pairs of `region` that name their routing.
    func routedPairs(_ region: String) -> [PairSpec] {
        pairs.filter { !$0.routing.isEmpty && ($0.primary.region == region || $0.secondary.region == region) }
    }

    /// The pairs of `region` whose backups are watched.
    func backedUpPairs(_ region: String) -> [PairSpec] {
        pairs.filter { BackupWatch.watches($0) && ($0.primary.region == region || $0.secondary.region == region) }
    }

    /// Where the users of each routed pair of `region` go, by pair name.
    func readTraffic(region: String, now: Date) async -> [String: TrafficStatus] {
        let routed = routedPairs(region)
        guard !routed.isEmpty else { return [:] }
        let wait = recoveryWaitSeconds
        return await withTaskGroup(of: (String, TrafficStatus).self) { group in
            for pair in routed {
                group.addTask { [routing] in (pair.name, await routing.traffic(pair, now: now, waitSeconds: wait)) }
            }
            var out: [String: TrafficStatus] = [:]
            for await (name, status) in group { out[name] = status }
            return out
        }
    }

    /// What AWS Backup holds of each watched pair of `region`, by pair name (absent before the first answer).
    func readBackups(region: String, now: Date) async -> [String: BackupStatus] {
        let watched = backedUpPairs(region)
        guard !watched.isEmpty else { return [:] }
        let wait = recoveryWaitSeconds
        return await withTaskGroup(of: (String, BackupStatus?).self) { group in
            for pair in watched {
                group.addTask { [backups] in (pair.name, await backups.backup(pair, now: now, waitSeconds: wait)) }
            }
            var out: [String: BackupStatus] = [:]
            for await (name, status) in group { out[name] = status }
            return out
        }
    }
}
