import DRCore
import DRSourceKit
import DRWire
import Foundation
import Synchronization

/// Opt-in canaries (`--canary`): every few ticks drtop writes a tiny object `drtop-canary/<source-region>/<ms>`
/// to each source bucket and times its arrival on the other side (HEAD finds it): the true end-to-end lag of each
/// direction. Arrived canaries are deleted, by version, on both sides; drtop writes nothing outside its prefix.
/// Each PUT carries the body's SHA-256 (`x-amz-checksum-sha256`, signed), which S3 requires of a bucket with an
/// Object Lock default retention. Why a direction's canary cannot be written or looked for (AccessDenied naming
/// the permission, KMS, Object Lock, …) is kept as that direction's `problems` until a canary goes through.
final class CanaryProber: Sendable {
    static let prefix = "drtop-canary/"

    private struct Probe: Sendable {
        var key: String
        var sourceVersion: String?
        var putAt: Date
    }

    private struct State {
        var probes: [DirectionKey: Probe] = [:]
        var lags: [DirectionKey: Double] = [:]
        var ticks: [String: Int] = [:]
        var problems: [DirectionKey: SourceProblem] = [:]
    }

    private let client: AWSClient
    private let everyTicks: Int
    private let giveUpSeconds: Double
    private let state = Mutex(State())

    init(client: AWSClient, everyTicks: Int, giveUpSeconds: Double = 900) {
        self.client = client
        self.everyTicks = max(1, everyTicks)
        self.giveUpSeconds = giveUpSeconds
    }

    /// Why each direction's last canary could not be written to its source bucket or looked for in its
    /// destination; a direction leaves when a canary is written and looked for again.
    var problems: [DirectionKey: SourceProblem] { state.withLock { $0.problems } }

    /// Whether `rules` replicate a canary written by `region` to `destination`.
    private static func covers(_ rules: [ReplicationRule], destination: String, region: String) -> Bool {
        let key = "\(prefix)\(region)/"
        return rules.contains { $0.enabled && $0.destinationBucket == destination && $0.tags.isEmpty
            && (key.hasPrefix($0.prefix) || $0.prefix.hasPrefix(key)) }
    }

    /// The poll of `region`: writes new canaries from its buckets (every `everyTicks` ticks) and looks for
    /// canaries that should have arrived in them. Returns the last measured lag of each direction.
    func tick(region: String, directions: [(source: Bucket, destination: Bucket, rules: [ReplicationRule])], now: Date)
        async -> [DirectionKey: Double] {
        let write = state.withLock { state -> Bool in
            state.ticks[region, default: -1] += 1
            return state.ticks[region]! % everyTicks == 0
        }
        for direction in directions {
            let key = DirectionKey(source: direction.source.name, destination: direction.destination.name)
            if direction.source.region == region, write, state.withLock({ $0.probes[key] == nil }),
               Self.covers(direction.rules, destination: direction.destination.name, region: region) {
                let object = "\(Self.prefix)\(region)/\(Int(now.timeIntervalSince1970 * 1000))"
                switch await put(object, in: direction.source, now: now) {
                case .success(let response):
                    state.withLock {
                        $0.probes[key] = Probe(key: object, sourceVersion: response.headers["x-amz-version-id"],
                                               putAt: now)
                        $0.problems[key] = nil
                    }
                case .failure(let problem):
                    state.withLock { $0.problems[key] = problem }
                }
            }
            if direction.destination.region == region, let probe = state.withLock({ $0.probes[key] }) {
                await look(for: probe, key, direction.source, direction.destination, now: now)
            }
        }
        return state.withLock { $0.lags }
    }

    /// Writes canary `object` to `bucket`; a refusal is kept with what it needs. A 403 is read here, where its
    /// message tells a missing s3:PutObject from a KMS key the writer may not use; a 403 that is not about
    /// permissions (a skewed clock, a signature) is sent again through the client's own handling of it.
    private func put(_ object: String, in bucket: Bucket, now: Date) async -> Result<HTTPResponse, SourceProblem> {
        let body = Data("drtop canary \(SnapshotDocument.iso8601(now))\n".utf8)
        let what = "PutObject canary \(bucket.name)"
        do {
            let response = try await client.s3(api: "PutObject", region: bucket.region, method: "PUT", bucket: bucket.name,
                                               key: object, body: body, what: what, acceptStatus: [403])
            guard response.status == 403 else { return .success(response) }
            let (code, message) = AWSErrorMapping.codeAndMessage(response)
            if ["AccessDenied", "AllAccessDisabled"].contains(code) {
                return .failure(Self.denied(bucket, what: what, code: code, message: message))
            }
            return .success(try await client.s3(api: "PutObject", region: bucket.region, method: "PUT",
                                                bucket: bucket.name, key: object, body: body, what: what))
        } catch let problem as SourceProblem {
            return .failure(problem)
        } catch {
            return .failure(SourceProblem(.other, "\(what): \(error)"))
        }
    }

    /// An AccessDenied canary PUT: the KMS permission when S3's message names one, else s3:PutObject on the prefix.
    static func denied(_ bucket: Bucket, what: String, code: String, message: String?) -> SourceProblem {
        let text = message ?? ""
        if let range = text.range(of: #"kms:[A-Za-z]+"#, options: .regularExpression) {
            return SourceProblem(.accessDenied, "\(what): \(code) (needs \(text[range]) on the bucket's KMS key): \(text)")
        }
        return SourceProblem(.accessDenied,
                             "\(what): \(code) (needs s3:PutObject on arn:aws:s3:::\(bucket.name)/\(prefix)*)")
    }

    private func look(for probe: Probe, _ key: DirectionKey, _ source: Bucket, _ destination: Bucket, now: Date) async {
        var head: HTTPResponse?
        do {
            head = try await client.s3(api: "HeadObject", region: destination.region, method: "HEAD",
                                       bucket: destination.name, key: probe.key,
                                       what: "HeadObject canary \(destination.name)", acceptStatus: [404])
            state.withLock { $0.problems[key] = nil }
        } catch let problem as SourceProblem {
            // Looked for again next tick (until it is given up on); the reason stays readable meanwhile.
            state.withLock { $0.problems[key] = problem }
        } catch {}
        let arrived = head?.status == 200
        let expired = now.timeIntervalSince(probe.putAt) > giveUpSeconds
        guard arrived || expired else { return }
        state.withLock { state in
            state.probes[key] = nil
            if arrived { state.lags[key] = max(0, now.timeIntervalSince(probe.putAt)) }
        }
        // Clean up under drtop's own prefix only, by version so nothing is left behind.
        if let version = probe.sourceVersion {
            _ = try? await client.s3(api: "DeleteObject", region: source.region, method: "DELETE", bucket: source.name,
                                     key: probe.key, query: [("versionId", version)], what: "DeleteObject canary")
        }
        if arrived, let version = head?.headers["x-amz-version-id"] {
            _ = try? await client.s3(api: "DeleteObject", region: destination.region, method: "DELETE",
                                     bucket: destination.name, key: probe.key, query: [("versionId", version)],
                                     what: "DeleteObject canary")
        }
    }
}
