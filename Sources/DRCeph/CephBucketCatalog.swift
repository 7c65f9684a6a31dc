import DRCore
import Foundation
import Synchronization

/// The buckets a realm's zones have in common, for the per-bucket pairs: each zone's bucket names are listed at
/// every layout (one request per zone), instances are read once per name. A zone that does not answer keeps its
/// last listing; its problem is kept for that zone's poll to report.
final class CephBucketCatalog: Sendable {
    private let reader: CephBucketReader
    private let state = Mutex<(names: [String: Set<String>], instances: [String: String], problems: [String: SourceProblem])>(
        ([:], [:], [:]))

    init(reader: CephBucketReader) {
        self.reader = reader
    }

    /// The buckets every zone of `gateways` lists, by name.
    func buckets(_ gateways: [CephGateway]) async -> [CephBucket] {
        await withTaskGroup(of: Void.self) { group in
            for gateway in gateways {
                group.addTask { await self.list(gateway) }
            }
        }
        return state.withLock { state in
            let lists = gateways.compactMap { state.names[$0.zone.name] }
            guard lists.count == gateways.count, var common = lists.first else { return [] }
            for list in lists.dropFirst() { common.formIntersection(list) }
            return common.sorted().compactMap { name in state.instances[name].map { CephBucket(name: name, instanceID: $0) } }
        }
    }

    /// Why `zone`'s buckets could not be listed at the last layout, if they could not.
    func problem(zone: String) -> SourceProblem? { state.withLock { $0.problems[zone] } }

    private func list(_ gateway: CephGateway) async {
        let zone = gateway.zone.name
        do {
            let names = try await reader.bucketNames(gateway)
            let known = state.withLock { $0.instances }
            var found: [String: String] = [:]
            for name in names where known[name] == nil {
                found[name] = try await reader.instanceID(of: name, gateway)
            }
            state.withLock { state in
                state.names[zone] = Set(names)
                state.instances.merge(found) { _, new in new }
                state.problems[zone] = nil
            }
        } catch let problem as SourceProblem {
            state.withLock { $0.problems[zone] = SourceProblem(problem.kind, "bucket listing: \(problem.message)") }
        } catch {
            state.withLock { $0.problems[zone] = SourceProblem(.other, "bucket listing: \(error)") }
        }
    }
}
