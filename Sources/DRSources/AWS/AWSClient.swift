import DRCore
import Foundation
import Synchronization

/// Signs, sends and retries AWS requests, and counts them by API and region.
///
/// Throttling and 5xx answers are retried with exponential backoff and full jitter, at most `maxAttempts`
/// times and within a retry budget shared by all calls, so that retries under faults never multiply the
/// request rate. A RequestTimeTooSkewed answer corrects the signing clock from the server's Date header.
public final class AWSClient: Sendable {
    /// Gives the credentials to sign with (refreshing them when they are temporary).
    public typealias CredentialProvider = @Sendable () async throws -> AWSCredentials

    private let transport: HTTPTransport
    private let credentials: CredentialProvider
    /// Where each service is reached.
    public let endpoints: AWSEndpoints
    private let counts = Mutex<[RequestKey: Int]>([:])
    private let metricsRequested = Mutex(0)
    private let firstRequest = Mutex<Date?>(nil)
    private let skew = Mutex<Double>(0)
    private let budget = Mutex<Double>(20)
    private let maxAttempts = 3

    private struct RequestKey: Hashable {
        var api: String
        var region: String
    }

    /// Creates a client.
    public init(transport: HTTPTransport, endpoints: AWSEndpoints, credentials: @escaping CredentialProvider) {
        self.transport = transport
        self.endpoints = endpoints
        self.credentials = credentials
    }

    /// Requests sent so far, by API and region.
    public var requestCounts: [RequestCount] {
        counts.withLock { $0.map { RequestCount(api: $0.key.api, region: $0.key.region, count: $0.value) } }
            .sorted { ($0.region, $0.api) < ($1.region, $1.api) }
    }

    /// Records `count` metrics asked of GetMetricData (CloudWatch bills per metric, not per call).
    func countMetrics(_ count: Int) {
        metricsRequested.withLock { $0 += count }
    }

    /// The estimated monthly cost of the calls made so far, at their rate since the first one (over at least
    /// `minimumSeconds`, one poll interval, so one poll extrapolates to a month of polls).
    public func estimatedMonthlyCostUSD(minimumSeconds: Double, now: Date = Date()) -> Double? {
        guard let first = firstRequest.withLock({ $0 }) else { return nil }
        let cost = CostModel.cost(requests: requestCounts, metricsRequested: metricsRequested.withLock { $0 })
        return CostModel.monthly(cost: cost, over: max(minimumSeconds, now.timeIntervalSince(first)))
    }

    /// Sends an S3 request. `key` nil addresses the bucket (or the service when `bucket` is nil too).
    public func s3(
        api: String, region: String, method: String = "GET", bucket: String?, key: String? = nil,
        query: [(String, String)] = [], body: Data = Data(), what: String, acceptStatus: Set<Int> = []
    ) async throws -> HTTPResponse {
        let (base, prefix) = endpoints.s3(region: region, bucket: bucket)
        let path = prefix + "/" + (key ?? "")
        return try await send(api: api, region: region, service: "s3", method: method, base: base, path: path,
                              query: query, headers: [], body: body, what: what, acceptStatus: acceptStatus)
    }

    /// Calls a CloudWatch Query API action and returns the parsed XML answer.
    public func cloudWatch(action: String, region: String, parameters: [(String, String)], what: String)
        async throws -> XMLNode {
        try await query(service: "monitoring", version: "2010-08-01", base: endpoints.cloudWatch(region: region),
                        action: action, region: region, parameters: parameters, what: what)
    }

    /// Calls an AWS Query-protocol action (CloudWatch, STS) at `base` and returns the parsed XML answer.
    public func query(service: String, version: String, base: String, action: String, region: String,
                      parameters: [(String, String)], what: String) async throws -> XMLNode {
        let body = Data(URIEncoding.form([("Action", action), ("Version", version)] + parameters).utf8)
        let response = try await send(
            api: action, region: region, service: service, method: "POST",
            base: base, path: "/", query: [],
            headers: [("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")], body: body, what: what,
            acceptStatus: [])
        return try XMLNode.parse(response.body, what: what)
    }

    /// Calls an AWS JSON-protocol action (SQS) at `base` with `target` (e.g. "AmazonSQS.ReceiveMessage") and
    /// returns the raw answer.
    public func json(service: String, target: String, base: String, region: String, body: Data, what: String)
        async throws -> HTTPResponse {
        let api = target.split(separator: ".").last.map(String.init) ?? target
        return try await send(
            api: api, region: region, service: service, method: "POST", base: base, path: "/", query: [],
            headers: [("Content-Type", "application/x-amz-json-1.0"), ("X-Amz-Target", target)], body: body,
            what: what, acceptStatus: [])
    }

    private func send(
        api: String, region: String, service: String, method: String, base: String, path: String,
        query: [(String, String)], headers: [(String, String)], body: Data, what: String, acceptStatus: Set<Int>
    ) async throws -> HTTPResponse {
        var attempt = 0
        var correctedSkew = false
        while true {
            attempt += 1
            let creds = try await credentials()
            guard let host = URL(string: base)?.host else {
                throw SourceProblem(.other, "\(what): bad endpoint \(base)")
            }
            let port = URL(string: base)?.port.map { ":\($0)" } ?? ""
            let basePath = URL(string: base).map { $0.path == "/" ? "" : $0.path } ?? ""
            var request = SigV4.Request(method: method, path: basePath + path, query: query,
                                        headers: headers + [("Host", host + port), ("User-Agent", DrtopInfo.userAgent)],
                                        body: body)
            let now = Date().addingTimeInterval(skew.withLock { $0 })
            SigV4(credentials: creds, region: region, service: service).sign(&request, at: now)
            let scheme = URL(string: base)?.scheme ?? "https"
            var text = "\(scheme)://\(host)\(port)\(request.encodedPath)"
            if !query.isEmpty { text += "?" + request.encodedQuery }
            guard let url = URL(string: text) else { throw SourceProblem(.other, "\(what): cannot build URL") }
            counts.withLock { $0[RequestKey(api: api, region: region), default: 0] += 1 }
            firstRequest.withLock { $0 = $0 ?? Date() }
            let response = try await transport.send(method: method, url: url, headers: request.headers, body: body)
            if (200..<300).contains(response.status) || acceptStatus.contains(response.status) {
                budget.withLock { $0 = min(20, $0 + 0.5) }
                return response
            }
            let problem = AWSErrorMapping.problem(api: api, what: what, response: response)
            if problem.kind == .clockSkew, !correctedSkew, let served = response.headers["date"].flatMap(Self.httpDate) {
                correctedSkew = true
                skew.withLock { $0 = served.timeIntervalSince(Date()) }
                continue
            }
            let retryable = problem.kind == .throttled || response.status >= 500
            let allowed = budget.withLock { tokens -> Bool in
                guard tokens >= 5 else { return false }
                tokens -= 5
                return true
            }
            guard retryable, attempt < maxAttempts, allowed else { throw problem }
            // Full jitter: sleep a random time up to the exponential cap.
            let cap = min(2.0, 0.1 * pow(2, Double(attempt)))
            try? await Task.sleep(for: .milliseconds(Int(Double.random(in: 0...cap) * 1000)))
        }
    }

    /// Parses an HTTP Date header ("Wed, 25 Nov 2026 12:00:00 GMT").
    static func httpDate(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: text)
    }
}
