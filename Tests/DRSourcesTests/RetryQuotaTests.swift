import DRCore
import DRTestSupport
@testable import DRWire
import Foundation
import Testing

/// The retry quota of the SDKs' standard mode: 500 tokens, 5 a retry, 10 a retry after a timeout, given back on
/// success. Proven against a server that answers every request 503 (the lab's fault proxy): the first 50 calls
/// are retried twice (10 tokens each), the rest are not retried at all.
@Suite(.serialized) struct RetryQuotaTests {
    @Test func arithmetic() {
        let quota = RetryQuota()
        #expect(quota.available == 500)
        #expect(quota.acquire(afterTimeout: false) == 5)
        #expect(quota.acquire(afterTimeout: true) == 10)
        #expect(quota.available == 485)
        quota.release(10)
        #expect(quota.available == 495, "a success gives back its last retry's cost")
        quota.release(nil)
        quota.release(nil)
        #expect(quota.available == 497, "or 1 when it needed no retry")
        for _ in 0..<10 { quota.release(nil) }
        #expect(quota.available == 500, "never above 500")
        while quota.acquire(afterTimeout: false) != nil {}
        #expect(quota.available < 5 && quota.acquire(afterTimeout: true) == nil)
    }

    @Test func aServerThatAlwaysFailsSpendsTheQuotaThenIsNotRetried() async throws {
        let lab = try Lab(pairs: 1)
        let proxy = try FaultProxyProcess(upstreamPort: lab.east, faults: ["slowdown": 1.0])
        let client = AWSClient(
            // Generous timeouts: a timed-out attempt's retry costs 10 tokens, not 5, and would change the count on a
            // loaded machine (seen in CI: 159 with one 1 s connect timeout among 60 concurrent connects).
            transport: HTTPTransport(connectTimeout: 20, requestTimeout: 30),
            endpoints: AWSEndpoints(regionOverrides: ["us-east-1": URL(string: "http://127.0.0.1:\(proxy.port)")!]),
            credentials: { AWSCredentials(accessKeyID: "testing", secretAccessKey: "testing", source: "test") })
        await withTaskGroup(of: Void.self) { group in
            for index in 0..<60 {
                group.addTask {
                    _ = try? await client.s3(api: "GetBucketVersioning", region: "us-east-1", bucket: "lab0-use1",
                                             query: [("versioning", "")], what: "call \(index)")
                }
            }
        }
        let sent = client.requestCounts.first { $0.api == "GetBucketVersioning" }?.count
        // 50 calls × 3 attempts spend 500 tokens; the other 10 calls are sent once.
        #expect(sent == 160, "requests sent: \(String(describing: sent))")
    }
}
