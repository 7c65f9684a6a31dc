import DRCore
import Foundation
import Synchronization

/// Signs, sends and retries AWS requests, and counts them by API and region.
///
/// Retries what the SDKs' standard retry mode retries — connection errors and timeouts, 500/502/503/504,
/// RequestTimeout, PriorRequestNotComplete, throttling — with exponential backoff and full jitter, at most 3
/// attempts, from a quota shared by all calls (`RetryQuota`), so that retries under faults never multiply the
/// request rate. A clock-skew answer (RequestTimeTooSkewed, RequestExpired, "Signature expired") corrects the
/// signing clock of the whole process from the server's Date header (`ClockSkew`) and signs again.
package final class AWSClient: Sendable {
    /// Gives the credentials to sign with (refreshing them when they are temporary).
    package typealias CredentialProvider = @Sendable () async throws -> AWSCredentials

    private let transport: HTTPTransport
    private let credentials: CredentialProvider
    /// Other accounts' credentials by account name, and which buckets live in which account (cross-account
    /// pairs: a DR bucket in a separate account). S3 calls are signed for their bucket's account.
    private let accounts: [String: CredentialProvider]
    private let bucketAccounts = Mutex<[String: String]>([:])
    /// Where each service is reached.
    package let endpoints: AWSEndpoints
    private let counts = Mutex<[RequestKey: Int]>([:])
    private let metricsRequested = Mutex<[String?: Int]>([:])
    private let firstRequest = Mutex<Date?>(nil)
    private let quota = RetryQuota()
    /// How many requests each endpoint is sent at once, adapted to how it answers; nil: as many as the
    /// transport has connections.
    private let gate: EndpointGate?
    /// Attempts per call, as the SDKs' standard retry mode.
    private let maxAttempts = 3

    private struct RequestKey: Hashable {
        var api: String
        var region: String
        var account: String?
    }

    /// Creates a client. `accounts` are the credentials of other accounts by name; `bucketAccounts` says which
    /// buckets are theirs (others are the main credentials').
    /// With `adaptiveConcurrency`, each endpoint is sent as many requests at once as it answers without queueing
    /// them (`ConcurrencyLimit`); without, as many as the transport has connections.
    package init(transport: HTTPTransport, endpoints: AWSEndpoints, credentials: @escaping CredentialProvider,
                accounts: [String: CredentialProvider] = [:], bucketAccounts: [String: String] = [:],
                adaptiveConcurrency: Bool = false) {
        self.transport = transport
        gate = adaptiveConcurrency ? EndpointGate(ceiling: transport.connections) : nil
        self.endpoints = endpoints
        self.credentials = credentials
        self.accounts = accounts
        self.bucketAccounts.withLock { $0 = bucketAccounts.filter { accounts[$0.value] != nil } }
    }

    /// Seconds one request may take (the transport's), e.g. to bound a wait on reads in flight.
    package var requestTimeout: Double { transport.requestTimeout }

    /// The account `bucket` is read with; nil for the main credentials.
    package func account(of bucket: String) -> String? {
        bucketAccounts.withLock { $0[bucket] }
    }

    /// Reads `bucket` with `account`'s credentials from now on (discovery of a second account).
    package func assign(bucket: String, to account: String?) {
        guard account == nil || accounts[account!] != nil else { return }
        bucketAccounts.withLock { $0[bucket] = account }
    }

    /// The names of the other accounts this client signs for.
    package var accountNames: [String] { accounts.keys.sorted() }

    /// Requests sent so far, by API, region and account.
    package var requestCounts: [RequestCount] {
        counts.withLock {
            $0.map { RequestCount(api: $0.key.api, region: $0.key.region, count: $0.value, account: $0.key.account) }
        }
        .sorted { ($0.region, $0.api, $0.account ?? "") < ($1.region, $1.api, $1.account ?? "") }
    }

    /// Records `count` metrics asked of GetMetricData (CloudWatch bills per metric, not per call).
    package func countMetrics(_ count: Int, account: String? = nil) {
        metricsRequested.withLock { $0[account, default: 0] += count }
    }

    /// The estimated monthly cost of the calls made so far, at their rate since the first one (over at least
    /// `minimumSeconds`, one poll interval, so one poll extrapolates to a month of polls).
    package func estimatedMonthlyCostUSD(minimumSeconds: Double, now: Date = Date()) -> Double? {
        guard let first = firstRequest.withLock({ $0 }) else { return nil }
        let cost = CostModel.cost(requests: requestCounts, metricsRequested: metricsRequested.withLock { $0.values.reduce(0, +) })
        return CostModel.monthly(cost: cost, over: max(minimumSeconds, now.timeIntervalSince(first)))
    }

    /// The same estimate split by account ("main" for the main credentials); empty with one account only.
    package func estimatedMonthlyCostByAccount(minimumSeconds: Double, now: Date = Date()) -> [String: Double] {
        guard !accounts.isEmpty, let first = firstRequest.withLock({ $0 }) else { return [:] }
        let seconds = max(minimumSeconds, now.timeIntervalSince(first))
        let metrics = metricsRequested.withLock { $0 }
        let requests = requestCounts
        var out: [String: Double] = [:]
        for account in [nil] + accounts.keys.sorted().map(Optional.some) {
            let cost = CostModel.cost(requests: requests.filter { $0.account == account },
                                      metricsRequested: metrics[account] ?? 0)
            out[account ?? "main"] = CostModel.monthly(cost: cost, over: seconds)
        }
        return out
    }

    /// Sends an S3 request, signed for the bucket's account (or `account`, for a call about no bucket).
    /// `key` nil addresses the bucket (or the service when `bucket` is nil too).
    package func s3(
        api: String, region: String, method: String = "GET", bucket: String?, key: String? = nil,
        query: [(String, String)] = [], body: Data = Data(), what: String, acceptStatus: Set<Int> = [],
        account: String? = nil
    ) async throws -> HTTPResponse {
        let (base, prefix) = try endpoints.resolveS3(region: region, bucket: bucket)
        let path = prefix + "/" + (key ?? "")
        return try await send(api: api, region: region, service: "s3", method: method, base: base, path: path,
                              query: query, headers: [], body: body, what: what, acceptStatus: acceptStatus,
                              account: account ?? bucket.flatMap(self.account(of:)))
    }

    /// Calls a CloudWatch Query API action and returns the parsed XML answer.
    package func cloudWatch(action: String, region: String, parameters: [(String, String)], what: String,
                           account: String? = nil) async throws -> XMLNode {
        try await query(service: "monitoring", version: "2010-08-01", base: try endpoints.resolve(.cloudWatch, region: region),
                        action: action, region: region, parameters: parameters, what: what, account: account)
    }

    /// Calls an AWS Query-protocol action (CloudWatch, STS) at `base` and returns the parsed XML answer.
    package func query(service: String, version: String, base: String, action: String, region: String,
                      parameters: [(String, String)], what: String, account: String? = nil) async throws -> XMLNode {
        let body = Data(URIEncoding.form([("Action", action), ("Version", version)] + parameters).utf8)
        let response = try await send(
            api: action, region: region, service: service, method: "POST",
            base: base, path: "/", query: [],
            headers: [("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")], body: body, what: what,
            acceptStatus: [], account: account)
        return try XMLNode.parse(response.body, what: what)
    }

    /// Calls an AWS JSON-protocol action (SQS, ARC's cluster endpoints, Global Accelerator) at `base` with
    /// `target` (e.g. "AmazonSQS.ReceiveMessage") and returns the raw answer. `version` is the protocol's ("1.0",
    /// "1.1"); `attempts` caps the tries of this call (1: the caller tries another endpoint itself instead).
    package func json(service: String, target: String, base: String, region: String, body: Data, what: String,
                     account: String? = nil, version: String = "1.0", attempts: Int? = nil) async throws -> HTTPResponse {
        let api = target.split(separator: ".").last.map(String.init) ?? target
        return try await send(
            api: api, region: region, service: service, method: "POST", base: base, path: "/", query: [],
            headers: [("Content-Type", "application/x-amz-json-\(version)"), ("X-Amz-Target", target)], body: body,
            what: what, acceptStatus: [], account: account, attempts: attempts)
    }

    /// Sends a REST request (REST-XML or REST-JSON: S3 Control, Route 53, AWS Backup, ARC's control plane) to
    /// `base` + `path` (unencoded; each segment is percent-encoded on the wire, and again in the signature for
    /// services other than S3, as SigV4 asks), signed for `service` in `region`, with `headers` such as
    /// `x-amz-account-id`. `attempts` caps the tries (1: the caller tries another region itself).
    package func rest(
        api: String, service: String, region: String, base: String, method: String = "GET", path: String,
        query: [(String, String)] = [], headers: [(String, String)] = [], body: Data = Data(), what: String,
        acceptStatus: Set<Int> = [], account: String? = nil, attempts: Int? = nil
    ) async throws -> HTTPResponse {
        try await send(api: api, region: region, service: service, method: method, base: base, path: path,
                       query: query, headers: headers, body: body, what: what, acceptStatus: acceptStatus,
                       account: account, attempts: attempts)
    }

    private func send(
        api: String, region: String, service: String, method: String, base: String, path: String,
        query: [(String, String)], headers: [(String, String)], body: Data, what: String, acceptStatus: Set<Int>,
        account: String?, attempts: Int? = nil
    ) async throws -> HTTPResponse {
        do {
            return try await attempt(api: api, region: region, service: service, method: method, base: base, path: path,
                                     query: query, headers: headers, body: body, what: what,
                                     acceptStatus: acceptStatus, account: account,
                                     maxAttempts: max(1, min(attempts ?? maxAttempts, maxAttempts)))
        } catch let problem as SourceProblem where account != nil {
            // Errors are the account's: say which, so that a DR account's AccessDenied is not taken for the main one's.
            throw SourceProblem(problem.kind, "account \(account!): \(problem.message)")
        }
    }

    private func attempt(
        api: String, region: String, service: String, method: String, base: String, path: String,
        query: [(String, String)], headers: [(String, String)], body: Data, what: String, acceptStatus: Set<Int>,
        account: String?, maxAttempts: Int
    ) async throws -> HTTPResponse {
        let credentials = account.flatMap { accounts[$0] } ?? self.credentials
        guard let baseURL = URL(string: base), let host = baseURL.host else {
            throw SourceProblem(.other, "\(what): bad endpoint \(base)")
        }
        let port = baseURL.port.map { ":\($0)" } ?? ""
        let basePath = baseURL.path == "/" ? "" : baseURL.path
        let scheme = baseURL.scheme ?? "https"
        var attempt = 0
        var correctedSkew = false
        var lastRetryCost: Int?
        while true {
            attempt += 1
            let creds = try await credentials()
            var request = SigV4.Request(method: method, path: basePath + path, query: query,
                                        headers: headers + [("Host", host + port), ("User-Agent", DrtopInfo.userAgent)],
                                        body: body)
            SigV4(credentials: creds, region: region, service: service, encodesPathTwice: service != "s3")
                .sign(&request, at: ClockSkew.shared.now())
            var text = "\(scheme)://\(host)\(port)\(request.encodedPath)"
            if !query.isEmpty { text += "?" + request.encodedQuery }
            guard let url = URL(string: text) else { throw SourceProblem(.other, "\(what): cannot build URL") }
            counts.withLock { $0[RequestKey(api: api, region: region, account: account), default: 0] += 1 }
            firstRequest.withLock { $0 = $0 ?? Date() }
            let failure: SourceProblem
            let timedOut: Bool
            let endpoint = host + port
            let inFlight = await gate?.enter(endpoint) ?? 1
            let sent = ContinuousClock.now
            do {
                let response: HTTPResponse
                do {
                    response = try await transport.attempt(method: method, url: url, headers: request.headers, body: body)
                } catch let transportFailure as TransportFailure {
                    // A timed-out request is the clearest sign of a queue; a refused or reset one says nothing.
                    gate?.leave(endpoint, api: api, seconds: transportFailure.timedOut ? Self.seconds(since: sent) : nil,
                                inFlight: inFlight)
                    throw transportFailure
                } catch {
                    gate?.leave(endpoint, api: api, seconds: nil, inFlight: inFlight)
                    throw error
                }
                gate?.leave(endpoint, api: api, seconds: Self.seconds(since: sent), inFlight: inFlight)
                if (200..<300).contains(response.status) || acceptStatus.contains(response.status) {
                    quota.release(lastRetryCost)
                    return response
                }
                let problem = AWSErrorMapping.problem(api: api, what: what, response: response)
                if problem.kind == .clockSkew, !correctedSkew,
                   let served = response.headers["date"].flatMap(Self.httpDate) {
                    // Sign again with the server's clock (not a retry: the quota is not charged).
                    correctedSkew = true
                    ClockSkew.shared.correct(serverTime: served)
                    attempt -= 1
                    continue
                }
                guard AWSErrorMapping.isRetryable(problem, response: response) else { throw problem }
                failure = problem
                timedOut = false
            } catch let transportFailure as TransportFailure {
                guard transportFailure.retryable else { throw transportFailure.problem }
                failure = transportFailure.problem
                timedOut = transportFailure.timedOut
            }
            guard attempt < maxAttempts, let cost = quota.acquire(afterTimeout: timedOut) else { throw failure }
            lastRetryCost = cost
            // Full jitter: sleep a random time up to the exponential cap. Shorter than the SDKs' (up to 1 s, then
            // 2 s) so that retries fit inside one poll of the dashboard.
            let cap = min(2.0, 0.1 * pow(2, Double(attempt)))
            try? await Task.sleep(for: .milliseconds(Int(Double.random(in: 0...cap) * 1000)))
        }
    }

    /// Seconds from `start` to now.
    private static func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    /// Parses an HTTP Date header ("Wed, 25 Nov 2026 12:00:00 GMT").
    package static func httpDate(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: text)
    }
}
