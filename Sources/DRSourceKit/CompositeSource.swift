import DRCore
import Foundation
import Synchronization

/// One configuration file's AWS pairs (or discovery) and its Ceph realm, watched as one: the layouts joined
/// (the AWS regions, then the Ceph zones; the AWS pairs, then the Ceph ones), each region polled by the source
/// that owns it, configuration re-read and preparation done by both, cost AWS's alone (radosgw's admin API is
/// free). A Ceph zone named as an AWS region, or a Ceph pair named as an AWS pair, is one problem naming both:
/// the screens and `check` key regions and pairs by name.
package final class CompositeSource: ReplicationSource {
    /// The AWS (or S3-compatible) part: `[[pair]]` or discovery.
    package let aws: any ReplicationSource
    /// The Ceph part: `[ceph]`.
    package let ceph: any ReplicationSource
    /// Which part owns each region of the last layout.
    private let owners = Mutex<[String: SourceKind]>([:])

    /// Joins `aws` and `ceph`.
    package init(aws: any ReplicationSource, ceph: any ReplicationSource) {
        self.aws = aws
        self.ceph = ceph
    }

    /// Both AWS and Ceph.
    package var kind: SourceKind { .awsAndCeph }

    package func layout() async throws -> SourceLayout {
        async let awsLayout = aws.layout()
        async let cephLayout = ceph.layout()
        let joined = try Self.join(aws: try await awsLayout, ceph: try await cephLayout)
        owners.withLock { $0 = joined.regionKinds }
        return joined
    }

    /// The joined layout, or the clash that stops it: a region or a pair name both parts use.
    package static func join(aws: SourceLayout, ceph: SourceLayout) throws -> SourceLayout {
        if let zone = ceph.regions.first(where: aws.regions.contains) {
            let users = aws.pairs.filter { [$0.primary.region, $0.secondary.region].contains(zone) }.map(\.name)
            throw SourceProblem(.other, "the Ceph zone \(zone) ([ceph]) has the name of an AWS region of "
                                + (users.isEmpty ? "the AWS pairs" : "pair \(users.sorted().joined(separator: ", "))")
                                + ": drtop keys regions by name; name the AWS side's region differently "
                                + "([regions.NAME] with its endpoint)")
        }
        if let pair = ceph.pairs.first(where: { cephPair in aws.pairs.contains { $0.name == cephPair.name } }) {
            throw SourceProblem(.other, "the Ceph pair \(pair.name) ([ceph]: \(pair.primary.region) ⇄ "
                                + "\(pair.secondary.region)) has the name of [[pair]] \(pair.name): drtop keys pairs "
                                + "by name; rename the [[pair]]")
        }
        var kinds = Dictionary(uniqueKeysWithValues: aws.regions.map { ($0, SourceKind.aws) })
        for zone in ceph.regions { kinds[zone] = .ceph }
        var joined = SourceLayout(kind: .awsAndCeph, scenario: nil, regions: aws.regions + ceph.regions,
                                  pairs: aws.pairs + ceph.pairs, progress: aws.progress ?? ceph.progress)
        joined.regionKinds = kinds
        return joined
    }

    package func poll(region: String, now: Date) async throws -> RegionReading {
        switch owners.withLock({ $0[region] }) {
        case .ceph: return try await ceph.poll(region: region, now: now)
        case .aws: return try await aws.poll(region: region, now: now)
        default: throw SourceProblem(.other, "\(region) is neither an AWS region of the pairs nor a Ceph zone")
        }
    }

    /// The history of a direction from the part that owns its destination (where its lag is measured).
    package func lagHistory(_ request: LagHistoryRequest, now: Date) async -> LagHistory {
        switch owners.withLock({ $0[request.destination.region] }) {
        case .ceph: return await ceph.lagHistory(request, now: now)
        default: return await aws.lagHistory(request, now: now)
        }
    }

    package func invalidateConfiguration() async {
        await aws.invalidateConfiguration()
        await ceph.invalidateConfiguration()
    }

    /// AWS's: the Ceph admin API costs nothing per call.
    package func estimatedMonthlyCostUSD() async -> Double? { await aws.estimatedMonthlyCostUSD() }

    /// AWS's, by account.
    package func estimatedMonthlyCostByAccount() async -> [String: Double] { await aws.estimatedMonthlyCostByAccount() }

    /// Both parts get ready (discovery, the Ceph period), then the joined layout is checked for clashes, so that
    /// a headless command stops on one with one line before polling.
    package func prepare(progress: @escaping @Sendable (PollProgress) -> Void) async throws -> [String] {
        let notes = try await aws.prepare(progress: progress) + ceph.prepare(progress: progress)
        _ = try await layout()
        return notes
    }
}
