import DRCore
import DRSourceKit
import DRWire
import Foundation
import Synchronization

/// Builds the pairs from the account's buckets and their replication rules, then watches them like
/// `AWSSource`. The dashboard discovers in the background and shows progress ("discovering buckets 45/120")
/// instead of a blank screen (`r` discovers again); headless commands wait for it through `prepare`, which
/// throws when discovery fails.
///
/// ListBuckets is paged (`max-buckets`, `continuation-token`). A bucket's region comes from ListBuckets'
/// `BucketRegion` where the answer has it, else GetBucketLocation, else HeadBucket's `x-amz-bucket-region`
/// (sent even with a 301 or 403). Two buckets form a pair when one has a rule replicating to the other. With
/// rules both ways the primary is the bucket in the home region (else the first by name); with one rule, its
/// source.
package final class DiscoverySource: ReplicationSource {
    private struct State {
        var task: Task<Result<DiscoveryResult, SourceProblem>, Never>?
        var progress = PollProgress(activity: "discovering buckets", done: 0)
        var observer: (@Sendable (PollProgress) -> Void)?
        var result: DiscoveryResult?
        var failed = false
        var watched: AWSSource?
    }

    private let client: AWSClient
    private let homeRegion: String
    private let defaultRPOSeconds: Double
    private let pollIntervalSeconds: Double
    private let configRefreshSeconds: Double
    private let pageSize: Int
    private let otherAccount: String?
    private let onlyPair: String?
    private let state = Mutex(State())

    /// Seconds of history the watched pairs' first poll of a region reads (`AWSSource.historySeconds`).
    private let historySeconds: Double
    /// Whether the watched pairs' first poll of a region is a first look (`AWSSource.firstLookFirst`).
    private let firstLookFirst: Bool

    /// Creates the source; `pageSize` is ListBuckets' `max-buckets` (AWS allows 1–10,000). With `otherAccount`
    /// (an account the client signs for), that account's buckets are listed too and paired with the main
    /// account's: DR buckets in a separate account. With `onlyPair` (`drtop check --pair`), the pair of that name
    /// is looked for first from its own buckets alone, without listing the account (`discoverOnly`).
    package init(client: AWSClient, homeRegion: String, defaultRPOSeconds: Double, pollIntervalSeconds: Double,
                configRefreshSeconds: Double = Defaults.configRefreshSeconds, pageSize: Int = 1000, otherAccount: String? = nil,
                onlyPair: String? = nil, historySeconds: Double = AWSSource.historySeconds, firstLookFirst: Bool = false) {
        self.historySeconds = historySeconds
        self.firstLookFirst = firstLookFirst
        self.otherAccount = otherAccount
        self.onlyPair = onlyPair
        self.client = client
        self.homeRegion = homeRegion
        self.defaultRPOSeconds = defaultRPOSeconds
        self.pollIntervalSeconds = pollIntervalSeconds
        self.configRefreshSeconds = configRefreshSeconds
        self.pageSize = max(1, min(10_000, pageSize))
    }

    package func layout() async throws -> SourceLayout {
        let current = state.withLock { state -> State in
            if state.task == nil { state.task = start() }
            return state
        }
        if let watched = current.watched { return try await watched.layout() }
        return SourceLayout(kind: .aws, regions: [homeRegion], pairs: [], progress: current.progress)
    }

    /// Waits for discovery (starting it if needed), reporting progress; throws what made it fail. Returns the
    /// notes a person should read: no pairs found, buckets that could not be read.
    package func prepare(progress: @escaping @Sendable (PollProgress) -> Void) async throws -> [String] {
        let task = state.withLock { state -> Task<Result<DiscoveryResult, SourceProblem>, Never> in
            state.observer = progress
            if let task = state.task { return task }
            let task = start()
            state.task = task
            return task
        }
        let result = try await task.value.get()
        return result.notes
    }

    package func poll(region: String, now: Date) async throws -> RegionReading {
        guard let watched = state.withLock({ $0.watched }) else {
            return RegionReading(requests: client.requestCounts.filter { $0.region == region })
        }
        return try await watched.poll(region: region, now: now)
    }

    /// The watched pairs' answer (none before discovery finished).
    package func pollsAgainAtOnce() async -> Bool {
        await state.withLock({ $0.watched })?.pollsAgainAtOnce() ?? false
    }

    /// The chart's history, from the pairs discovery found (none before it finished).
    package func lagHistory(_ request: LagHistoryRequest, now: Date) async -> LagHistory {
        guard let watched = state.withLock({ $0.watched }) else {
            return LagHistory(request: request, origin: kind.origin,
                              problem: SourceProblem(.notFound, "discovery has not finished"), readAt: now)
        }
        return await watched.lagHistory(request, now: now)
    }

    package func invalidateConfiguration() async {
        let again = state.withLock { state -> Bool in
            // Discovery still running: let it finish. Finished (pairs or not) or failed: discover again.
            guard state.result != nil || state.failed || state.task == nil else { return false }
            state = State(observer: state.observer)
            return true
        }
        if again { _ = try? await layout() }
    }

    package func estimatedMonthlyCostUSD() async -> Double? {
        client.estimatedMonthlyCostUSD(minimumSeconds: pollIntervalSeconds)
    }

    package func estimatedMonthlyCostByAccount() async -> [String: Double] {
        client.estimatedMonthlyCostByAccount(minimumSeconds: pollIntervalSeconds)
    }

    private func start() -> Task<Result<DiscoveryResult, SourceProblem>, Never> {
        Task.detached { [self] in
            let outcome: Result<DiscoveryResult, SourceProblem>
            do {
                outcome = .success(try await discover())
            } catch let problem as SourceProblem {
                outcome = .failure(SourceProblem(problem.kind, "discovery failed: \(problem.message)"))
            } catch {
                outcome = .failure(SourceProblem(.other, "discovery failed: \(error)"))
            }
            finish(outcome)
            return outcome
        }
    }

    private func finish(_ outcome: Result<DiscoveryResult, SourceProblem>) {
        switch outcome {
        case .success(let result):
            let watched = result.pairs.isEmpty ? nil : AWSSource(
                pairs: result.pairs, client: client, pollIntervalSeconds: pollIntervalSeconds,
                configRefreshSeconds: configRefreshSeconds, historySeconds: historySeconds,
                firstLookFirst: firstLookFirst)
            state.withLock { state in
                state.result = result
                state.watched = watched
                if watched == nil {
                    state.progress = PollProgress(activity: (result.notes.first ?? "no pairs") + " (r: look again)", done: 0)
                }
            }
        case .failure(let problem):
            // Failed: shown until `r`, which discovers again.
            state.withLock { state in
                state.failed = true
                state.progress = PollProgress(activity: "\(problem.message) (r: retry)", done: 0)
            }
        }
    }

    private func progress(_ activity: String, _ done: Int, _ total: Int?) {
        let line = PollProgress(activity: activity, done: done, total: total)
        let observer = state.withLock { state -> (@Sendable (PollProgress) -> Void)? in
            state.progress = line
            return state.observer
        }
        observer?(line)
    }

    /// Lists every bucket, locates it, reads its rules, and pairs them.
    private func discover() async throws -> DiscoveryResult {
        if let onlyPair, otherAccount == nil, let found = await discoverOnly(onlyPair) { return found }
        var buckets = try await list(account: nil, before: 0)
        if let otherAccount {
            let theirs = try await list(account: otherAccount, before: buckets.count)
            for bucket in theirs { client.assign(bucket: bucket.name, to: otherAccount) }
            buckets += theirs
        }
        progress("discovering buckets", 0, buckets.count)
        var regions: [String: String] = [:]
        var rules: [String: [ReplicationRule]] = [:]
        var problems: [SourceProblem] = []
        var accounts: [String: String] = [:]
        var done = 0
        for start in stride(from: 0, to: buckets.count, by: 8) {
            let chunk = buckets[start..<min(buckets.count, start + 8)]
            let found = await withTaskGroup(of: BucketFindings.self) { group in
                for bucket in chunk { group.addTask { [self] in await inspect(bucket) } }
                var out: [BucketFindings] = []
                for await item in group { out.append(item) }
                return out
            }
            for item in found {
                if let region = item.region { regions[item.name] = region }
                rules[item.name] = item.rules
                if let account = item.account, !account.isEmpty { accounts[item.name] = account }
                if let problem = item.problem { problems.append(problem) }
            }
            done += chunk.count
            progress("discovering buckets", done, buckets.count)
        }
        problems.sort { $0.message < $1.message }
        var pairs = Self.pairs(regions: regions, rules: rules, home: homeRegion, defaultRPO: defaultRPOSeconds)
        var routingNotes: [String] = []
        // The pairs' MRAPs, listed in the accounts of the primaries' replication roles (main credentials'; an
        // MRAP listing of another account would need its credentials).
        let mainAccounts = Set(pairs.filter { client.account(of: $0.primary.name) == nil }
            .compactMap { accounts[$0.primary.name] })
        if !pairs.isEmpty, !mainAccounts.isEmpty {
            (pairs, routingNotes) = await MRAPDiscovery.match(pairs, accounts: Array(mainAccounts), client: client)
        }
        var result = DiscoveryResult(pairs: pairs, bucketCount: buckets.count, problems: problems)
        result.routingNotes = routingNotes
        return result
    }

    /// The pair named `name` found from its own buckets, as `discover` would name it: a pair's name is its
    /// primary bucket's (or "primary:secondary"), and every pair of that primary is one of its rules, so the
    /// primary and the buckets its rules replicate to are all that is read — requests for one pair, however
    /// many buckets the account holds. Nil when that does not find the pair (a name discovery does not give, a
    /// bucket that could not be read): then the whole account is discovered, and an unknown name is answered
    /// with the known ones.
    private func discoverOnly(_ name: String) async -> DiscoveryResult? {
        guard let primary = name.split(separator: ":", maxSplits: 1).first.map(String.init), !primary.isEmpty else {
            return nil
        }
        progress("discovering buckets", 0, nil)
        let first = await inspect(BucketListing.Entry(name: primary, region: nil))
        guard first.problem == nil, first.region != nil else { return nil }
        let destinations = Set(first.rules.map(\.destinationBucket)).subtracting([primary]).sorted()
        let others = await withTaskGroup(of: BucketFindings.self) { group in
            for bucket in destinations { group.addTask { [self] in await inspect(BucketListing.Entry(name: bucket, region: nil)) } }
            var out: [BucketFindings] = []
            for await item in group { out.append(item) }
            return out
        }
        guard others.allSatisfy({ $0.problem == nil }) else { return nil }
        var regions: [String: String] = [:]
        var rules: [String: [ReplicationRule]] = [:]
        for item in [first] + others {
            if let region = item.region { regions[item.name] = region }
            rules[item.name] = item.rules
        }
        var pairs = Self.pairs(regions: regions, rules: rules, home: homeRegion, defaultRPO: defaultRPOSeconds)
            .filter { $0.name == name }
        guard !pairs.isEmpty else { return nil }
        progress("discovering buckets", 1 + others.count, 1 + others.count)
        var routingNotes: [String] = []
        if let account = first.account, !account.isEmpty, client.account(of: primary) == nil {
            (pairs, routingNotes) = await MRAPDiscovery.match(pairs, accounts: [account], client: client)
        }
        var result = DiscoveryResult(pairs: pairs, bucketCount: 1 + others.count)
        result.routingNotes = routingNotes
        return result
    }

    /// Every bucket of `account` (nil: the main credentials'), page by page.
    private func list(account: String?, before: Int) async throws -> [BucketListing.Entry] {
        var buckets: [BucketListing.Entry] = []
        var token: String?
        repeat {
            var query = [("max-buckets", "\(pageSize)")]
            if let token { query.append(("continuation-token", token)) }
            let answer = try await client.s3(api: "ListBuckets", region: homeRegion, bucket: nil, query: query,
                                             what: "ListBuckets", account: account)
            let page = BucketListing(try XMLNode.parse(answer.body, what: "ListBuckets"))
            // A store that ignores max-buckets answers everything at once, with no token: one page.
            guard page.continuationToken != token || page.continuationToken == nil else {
                throw SourceProblem(.badResponse, "ListBuckets: the same continuation token came back twice")
            }
            buckets += page.buckets
            token = page.continuationToken
            progress("listing buckets", before + buckets.count, nil)
        } while token != nil
        return buckets
    }

    /// What discovery learnt of one bucket.
    private struct BucketFindings: Sendable {
        var name: String
        var region: String?
        var rules: [ReplicationRule] = []
        /// The account of the replication role (the bucket's account, whose MRAPs discovery lists).
        var account: String?
        var problem: SourceProblem?
    }

    private func inspect(_ bucket: BucketListing.Entry) async -> BucketFindings {
        var findings = BucketFindings(name: bucket.name, region: bucket.region)
        do {
            let region: String
            if let listed = bucket.region {
                region = listed
            } else {
                region = try await locate(bucket.name)
            }
            findings.region = region
            let replication = try await client.s3(
                api: "GetBucketReplication", region: region, bucket: bucket.name, query: [("replication", "")],
                what: "GetBucketReplication \(bucket.name)", acceptStatus: [404])
            if replication.status == 404 {
                let code = (try? XMLNode.parse(replication.body, what: "GetBucketReplication"))?.string("Code")
                guard code == "ReplicationConfigurationNotFoundError" else {
                    throw AWSErrorMapping.problem(api: "GetBucketReplication", what: "GetBucketReplication \(bucket.name)",
                                                  response: replication)
                }
                return findings
            }
            let xml = try XMLNode.parse(replication.body, what: "GetBucketReplication")
            findings.rules = S3Parsing.replicationRules(xml)
            findings.account = xml.string("Role").flatMap(ARN.init)?.account
        } catch let problem as SourceProblem {
            findings.problem = problem
        } catch {
            findings.problem = SourceProblem(.other, "\(bucket.name): \(error)")
        }
        return findings
    }

    /// The bucket's region from GetBucketLocation, else from HeadBucket's `x-amz-bucket-region` header, which
    /// S3 sends even when it answers 301 (another region) or 403 (no s3:ListBucket).
    private func locate(_ name: String) async throws -> String {
        let located: SourceProblem
        do {
            let answer = try await client.s3(api: "GetBucketLocation", region: homeRegion, bucket: name,
                                             query: [("location", "")], what: "GetBucketLocation \(name)")
            return S3Parsing.location(try XMLNode.parse(answer.body, what: "GetBucketLocation"))
        } catch let problem as SourceProblem {
            located = problem
        }
        let head = try await client.s3(api: "HeadBucket", region: homeRegion, method: "HEAD", bucket: name,
                                       what: "HeadBucket \(name)", acceptStatus: [301, 400, 403])
        guard let region = head.headers["x-amz-bucket-region"], !region.isEmpty else { throw located }
        return region
    }

    /// Pairs buckets whose rules point at each other. Every pair gets a unique name: the primary bucket's,
    /// or "primary:secondary" when that bucket replicates to more than one (bucket names cannot hold ':').
    /// Pure, for tests.
    package static func pairs(regions: [String: String], rules: [String: [ReplicationRule]], home: String, defaultRPO: Double)
        -> [PairSpec] {
        var seen: Set<Set<String>> = []
        var pairs: [PairSpec] = []
        for source in rules.keys.sorted() {
            for rule in rules[source] ?? [] {
                let destination = rule.destinationBucket
                guard destination != source, let sourceRegion = regions[source],
                      let destinationRegion = regions[destination],
                      seen.insert([source, destination]).inserted else { continue }
                let back = (rules[destination] ?? []).contains { $0.destinationBucket == source }
                var primary = Bucket(name: source, region: sourceRegion)
                var secondary = Bucket(name: destination, region: destinationRegion)
                if back, secondary.region == home, primary.region != home { swap(&primary, &secondary) }
                pairs.append(PairSpec(name: primary.name, primary: primary, secondary: secondary,
                                      rpoSeconds: defaultRPO))
            }
        }
        var uses: [String: Int] = [:]
        for pair in pairs { uses[pair.name, default: 0] += 1 }
        for index in pairs.indices where uses[pairs[index].name, default: 0] > 1 {
            pairs[index].name = "\(pairs[index].primary.name):\(pairs[index].secondary.name)"
        }
        return pairs
    }
}
