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

    /// The region standing for the realm while its period cannot be read: polled, it fails with the reason.
    package static let unreadRealm = "ceph realm"

    /// The joined layout. A realm that cannot be read (its gateway down) does not hide the AWS pairs: they are
    /// watched, and the realm is one region that is down with the reason, until it answers.
    package func layout() async throws -> SourceLayout {
        async let awsLayout = aws.layout()
        async let cephLayout = Self.attempt { try await self.ceph.layout() }
        let awsPart = try await awsLayout
        let joined: SourceLayout
        switch await cephLayout {
        case .success(let cephPart):
            joined = try Self.join(aws: awsPart, ceph: cephPart)
            realmProblem.withLock { $0 = nil }
        case .failure(let problem):
            var partial = awsPart
            partial.kind = .awsAndCeph
            partial.regions.append(Self.unreadRealm)
            partial.regionKinds = Self.kinds(aws: awsPart.regions, ceph: [Self.unreadRealm])
            realmProblem.withLock { $0 = problem }
            joined = partial
        }
        owners.withLock { $0 = joined.regionKinds }
        return joined
    }

    /// Why the realm could not be read at the last layout, if it could not.
    private let realmProblem = Mutex<SourceProblem?>(nil)

    private static func attempt(_ work: @escaping @Sendable () async throws -> SourceLayout) async
        -> Result<SourceLayout, SourceProblem> {
        do {
            return .success(try await work())
        } catch {
            return .failure(error as? SourceProblem ?? SourceProblem(.other, "\(error)"))
        }
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
        let kinds = Self.kinds(aws: aws.regions, ceph: ceph.regions)
        var joined = SourceLayout(kind: .awsAndCeph, scenario: nil, regions: aws.regions + ceph.regions,
                                  pairs: aws.pairs + ceph.pairs, progress: aws.progress ?? ceph.progress)
        joined.regionKinds = kinds
        return joined
    }

    /// Which part owns each region: the AWS regions, then the Ceph zones.
    private static func kinds(aws: [String], ceph: [String]) -> [String: SourceKind] {
        var kinds = Dictionary(aws.map { ($0, SourceKind.aws) }, uniquingKeysWith: { first, _ in first })
        for zone in ceph { kinds[zone] = .ceph }
        return kinds
    }

    package func poll(region: String, now: Date) async throws -> RegionReading {
        if region == Self.unreadRealm, let problem = realmProblem.withLock({ $0 }) {
            throw SourceProblem(problem.kind, "the Ceph realm's period could not be read: \(problem.message)")
        }
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

    /// Either part's first look left something to read.
    package func pollsAgainAtOnce() async -> Bool {
        let fromAWS = await aws.pollsAgainAtOnce()
        let fromCeph = await ceph.pollsAgainAtOnce()
        return fromAWS || fromCeph
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
    /// A realm that cannot be read is a note, not the end: the AWS pairs are still checked (and the realm's
    /// region is down with the reason).
    package func prepare(progress: @escaping @Sendable (PollProgress) -> Void) async throws -> [String] {
        var notes = try await aws.prepare(progress: progress)
        do {
            notes += try await ceph.prepare(progress: progress)
        } catch {
            let problem = error as? SourceProblem ?? SourceProblem(.other, "\(error)")
            notes.append("the Ceph realm could not be read (\(problem.message)); the AWS pairs are watched without it")
        }
        _ = try await layout()
        return notes
    }
}
