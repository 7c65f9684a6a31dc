import DRCore
import DRWire
import Foundation
import Synchronization

/// Lists a source bucket's versions a few pages a tick (ListObjectVersions, 1,000 a page, key order), one
/// cursor (`key-marker`, `version-id-marker`) per rule prefix carried across ticks, so that a bucket of millions
/// of versions is covered in full over several ticks instead of its first 1,000 keys every tick. Keys come
/// URL-encoded (`encoding-type=url`) and are decoded. Each tick reports its coverage: how far the pass is and
/// whether the whole listing fits in one tick.
final class VersionScanner: Sendable {
    /// One listed version.
    struct Listed: Sendable, Equatable {
        var key: String
        var versionID: String
        var size: Int64
        var lastModified: Date
    }

    private struct Cursor: Sendable {
        var keyMarker: String?
        var versionMarker: String?
        var seenInPass = 0
        var ticksInPass = 0
        var lastPassTotal: Int?
        var lastPassTicks: Int?
    }

    /// What one tick of one bucket found, kept so that several directions of one source share it.
    private struct TickResult: Sendable {
        var at: Date
        var prefixes: [String]
        var versions: [Listed]
        var coverage: QueueCoverage
    }

    private let client: AWSClient
    private let pagesPerTick: Int
    private let pageSize: Int
    private let cursors = Mutex<[String: Cursor]>([:])
    private let lastTick = Mutex<[String: TickResult]>([:])

    /// `pagesPerTick` ListObjectVersions calls per prefix and tick, `pageSize` versions each (S3: at most 1,000).
    init(client: AWSClient, pagesPerTick: Int = 2, pageSize: Int = 1000) {
        self.client = client
        self.pagesPerTick = max(1, pagesPerTick)
        self.pageSize = max(1, min(1000, pageSize))
    }

    /// The prefixes to list: each rule prefix once, none that another already covers ("" covers all).
    static func covering(_ prefixes: [String]) -> [String] {
        let unique = Set(prefixes).sorted()
        return unique.filter { prefix in !unique.contains { $0 != prefix && prefix.hasPrefix($0) } }
    }

    /// Lists this tick's pages of `bucket` under `prefixes`; a second call for the same bucket, tick and
    /// prefixes returns the first call's answer.
    func tick(_ bucket: Bucket, prefixes: [String], now: Date) async throws -> (versions: [Listed], coverage: QueueCoverage) {
        let prefixes = Self.covering(prefixes)
        if let done = lastTick.withLock({ $0[bucket.name] }), done.at == now, done.prefixes == prefixes {
            return (done.versions, done.coverage)
        }
        var versions: [Listed] = []
        var coverages: [QueueCoverage] = []
        for prefix in prefixes {
            let (found, coverage) = try await scan(bucket, prefix: prefix)
            versions += found
            coverages.append(coverage)
        }
        let coverage = QueueCoverage.scan(
            versionsScanned: coverages.reduce(0) { $0 + $1.versionsScanned },
            versionsAtLeast: coverages.reduce(0) { $0 + $1.versionsAtLeast },
            tick: coverages.map(\.tick).max() ?? 1,
            ticksPerPass: coverages.contains { $0.ticksPerPass == nil } ? nil : coverages.compactMap(\.ticksPerPass).max(),
            everyTick: coverages.allSatisfy(\.everyTick))
        lastTick.withLock { $0[bucket.name] = TickResult(at: now, prefixes: prefixes, versions: versions, coverage: coverage) }
        return (versions, coverage)
    }

    private func scan(_ bucket: Bucket, prefix: String) async throws -> ([Listed], QueueCoverage) {
        let id = "\(bucket.name)\u{0}\(prefix)"
        var cursor = cursors.withLock { $0[id] } ?? Cursor()
        var found: [Listed] = []
        var finishedPass = false
        for _ in 0..<pagesPerTick {
            var query = [("versions", ""), ("max-keys", "\(pageSize)"), ("encoding-type", "url")]
            if !prefix.isEmpty { query.append(("prefix", prefix)) }
            if let marker = cursor.keyMarker { query.append(("key-marker", marker)) }
            if let marker = cursor.versionMarker { query.append(("version-id-marker", marker)) }
            let answer = try await client.s3(api: "ListObjectVersions", region: bucket.region, bucket: bucket.name,
                                             query: query, what: "ListObjectVersions \(bucket.name)")
            let page = try VersionPage(try XMLNode.parse(answer.body, what: "ListObjectVersions \(bucket.name)"))
            found += page.versions
            cursor.seenInPass += page.listed
            if page.isTruncated, let next = page.nextKeyMarker {
                guard next != cursor.keyMarker || page.nextVersionMarker != cursor.versionMarker else {
                    throw SourceProblem(.badResponse, "ListObjectVersions \(bucket.name): the listing does not advance")
                }
                cursor.keyMarker = next
                cursor.versionMarker = page.nextVersionMarker
            } else {
                finishedPass = true
                break
            }
        }
        cursor.ticksInPass += 1
        let coverage: QueueCoverage
        if finishedPass {
            cursor.lastPassTotal = cursor.seenInPass
            cursor.lastPassTicks = cursor.ticksInPass
            coverage = .scan(versionsScanned: cursor.seenInPass, versionsAtLeast: cursor.seenInPass,
                             tick: cursor.ticksInPass, ticksPerPass: cursor.ticksInPass,
                             everyTick: cursor.ticksInPass == 1)
            cursor = Cursor(lastPassTotal: cursor.lastPassTotal, lastPassTicks: cursor.lastPassTicks)
        } else {
            coverage = .scan(versionsScanned: cursor.seenInPass,
                             versionsAtLeast: max(cursor.seenInPass, cursor.lastPassTotal ?? 0),
                             tick: cursor.ticksInPass, ticksPerPass: cursor.lastPassTicks, everyTick: false)
        }
        cursors.withLock { $0[id] = cursor }
        return (found, coverage)
    }
}
