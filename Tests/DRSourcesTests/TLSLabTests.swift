import DRAWS
import DRCore
import DRSourceKit
import DRTestSupport
import DRWire
import Foundation
import Testing

/// drtop against the replication lab over HTTPS with keep-alive (drtoplab.py --tls), as against AWS: the lab's
/// certificate trusted through the CA bundle, connections kept across requests and polls (counted at the lab),
/// a client that does not trust the certificate refused, and a region refusing connections seen as refused even
/// while connections to it were kept open.
@Suite(.serialized) struct TLSLabTests {
    /// (connections accepted, requests answered) so far at a region's endpoint, as the lab counts them.
    static func counts(_ lab: Lab, _ region: String) async throws -> (connections: Int, requests: Int) {
        let endpoint = try #require((try await lab.status()["endpoints"] as? [String: Any])?[region] as? [String: Any])
        return (try #require(endpoint["connections"] as? Int), try #require(endpoint["requests"] as? Int))
    }

    static func pairs(_ count: Int) -> [PairSpec] {
        (0..<count).map {
            PairSpec(name: "lab\($0)", primary: Bucket(name: "lab\($0)-use1", region: "us-east-1"),
                     secondary: Bucket(name: "lab\($0)-usw2", region: "us-west-2"), rpoSeconds: 900)
        }
    }

    @Test func pollsOverHTTPSReuseTheirConnections() async throws {
        let lab = try Lab(pairs: 6, tls: true)
        #expect(lab.endpoints["us-east-1"]?.scheme == "https")
        let source = AWSSource(pairs: Self.pairs(6), client: lab.client(), trackObjects: false)
        let before = try await Self.counts(lab, "us-west-2")
        _ = try await source.layout()  // reads every bucket's configuration, in both regions
        let first = try await source.poll(region: "us-west-2", now: Date())
        #expect(first.problems.isEmpty, "\(first.problems)")
        let key = DirectionKey(source: "lab3-usw2", destination: "lab3-use1")
        #expect(first.directions[key]?.rules?.isEmpty == false, "replication rules read over TLS")
        #expect(first.versioning["lab3-usw2"] == .enabled)
        let afterFirst = try await Self.counts(lab, "us-west-2")
        let requests = afterFirst.requests - before.requests
        let opened = afterFirst.connections - before.connections
        #expect(requests >= 18, "each bucket's location, versioning and replication, and the metrics")
        #expect(opened >= 1 && opened < requests, "\(opened) connections for \(requests) requests")
        // Polls with the configuration cached reuse the connections the first one opened.
        for _ in 0..<3 {
            let again = try await source.poll(region: "us-west-2", now: Date())
            #expect(again.problems.isEmpty, "\(again.problems)")
        }
        let afterSteady = try await Self.counts(lab, "us-west-2")
        #expect(afterSteady.requests > afterFirst.requests)
        #expect(afterSteady.connections == afterFirst.connections, "no new connection for a steady poll")
    }

    @Test func sequentialRequestsShareOneConnection() async throws {
        let lab = try Lab(pairs: 1, tls: true)
        let client = lab.client()
        let before = try await Self.counts(lab, "us-east-1")
        for _ in 0..<20 {
            let answer = try await client.s3(api: "GetBucketVersioning", region: "us-east-1", bucket: "lab0-use1",
                                             query: [("versioning", "")], what: "GetBucketVersioning lab0-use1")
            #expect(answer.status == 200)
        }
        let after = try await Self.counts(lab, "us-east-1")
        #expect(after.requests - before.requests == 20)
        #expect(after.connections - before.connections == 1, "20 requests in a row over one kept connection")
    }

    /// A connection opened after the first (the lab closed the first) resumes its TLS session: no certificate to
    /// send, decode and verify again, as the lab counts it. (That a transport's handles share sessions with each
    /// other is not shown here: two requests at once need not take two handles.)
    @Test func laterConnectionsResumeTheFirstTLSSession() async throws {
        let lab = try Lab(pairs: 1, tls: true)
        let client = lab.client()
        func resumed() async throws -> Int {
            let endpoint = try #require((try await lab.status()["endpoints"] as? [String: Any])?["us-east-1"] as? [String: Any])
            return try #require(endpoint["tls_resumed"] as? Int)
        }
        func read() async throws {
            let answer = try await client.s3(api: "GetBucketVersioning", region: "us-east-1", bucket: "lab0-use1",
                                             query: [("versioning", "")], what: "GetBucketVersioning lab0-use1")
            #expect(answer.status == 200)
        }
        let before = (try await Self.counts(lab, "us-east-1"), try await resumed())
        try await read()  // one connection, and the server's session tickets with its answer
        // The lab closes that connection (refusing the region, then answering again): the next read opens a new
        // one, which resumes the first's session. (Requests sent at once need not open connections of their own:
        // one pool thread may take them in turn.)
        try await lab.fault("/region/us-east-1/refuse")
        try await lab.fault("/region/us-east-1/ok")
        try await read()
        let opened = try await Self.counts(lab, "us-east-1").connections - before.0.connections
        let resumedSince = try await resumed() - before.1
        #expect(opened >= 2, "\(opened) connections")
        #expect(resumedSince >= 1 && resumedSince < opened, "\(resumedSince) of \(opened) connections resumed a session")
    }

    @Test func aClientWithoutTheCertificateIsRefused() async throws {
        let lab = try Lab(pairs: 1, tls: true)
        let credentials = AWSCredentials(accessKeyID: "testing", secretAccessKey: "testing", source: "test")
        // The system's roots (no CA bundle): the lab's self-signed certificate is not among them.
        let untrusting = AWSClient(transport: HTTPTransport(connectTimeout: 1, requestTimeout: 5, caBundle: nil),
                                   endpoints: AWSEndpoints(regionOverrides: lab.endpoints), credentials: { credentials })
        await #expect {
            _ = try await untrusting.s3(api: "GetBucketVersioning", region: "us-east-1", bucket: "lab0-use1",
                                        query: [("versioning", "")], what: "GetBucketVersioning lab0-use1")
        } throws: { error in
            (error as? SourceProblem)?.message.contains("TLS certificate not trusted") == true
        }
    }

    @Test func aRefusedRegionIsRefusedThoughConnectionsWereKept() async throws {
        let lab = try Lab(pairs: 1, tls: true)
        let client = lab.client(requestTimeout: 3)
        let versioning = { try await client.s3(api: "GetBucketVersioning", region: "us-west-2", bucket: "lab0-usw2",
                                               query: [("versioning", "")], what: "GetBucketVersioning lab0-usw2") }
        #expect(try await versioning().status == 200)
        try await lab.fault("/region/us-west-2/refuse")
        await #expect {
            _ = try await versioning()
        } throws: { error in
            (error as? SourceProblem)?.kind == .refused
        }
        try await lab.fault("/region/us-west-2/ok")
        #expect(try await versioning().status == 200, "answers again over a new connection")
    }
}
