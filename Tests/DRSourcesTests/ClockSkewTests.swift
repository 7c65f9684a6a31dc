import DRAWS
import DRCore
import DRSourceKit
import DRTestSupport
import DRWire
import Foundation
import Testing

/// A server whose clock is an hour ahead (the lab's fault proxy in skew mode answers as AWS does:
/// RequestTimeTooSkewed for S3, "Signature expired" for the Query APIs, each with its Date header): drtop
/// corrects its signing clock once and every service answers, STS included; the region says by how much.
@Suite(.serialized) struct ClockSkewTests {
    @Test func skewIsCorrectedFromTheServersDate() async throws {
        ClockSkew.shared.reset()
        defer { ClockSkew.shared.reset() }
        let lab = try Lab(pairs: 1)
        let proxy = try FaultProxyProcess(upstreamPort: lab.east, skew: 3600)
        let endpoint = URL(string: "http://127.0.0.1:\(proxy.port)")!
        let client = AWSClient(
            transport: HTTPTransport(connectTimeout: 1, requestTimeout: 5),
            endpoints: AWSEndpoints(regionOverrides: ["us-east-1": endpoint],
                                    environment: ["AWS_ENDPOINT_URL_STS": endpoint.absoluteString]),
            credentials: { AWSCredentials(accessKeyID: "testing", secretAccessKey: "testing", source: "test") })

        // S3 first: RequestTimeTooSkewed, corrected, answered.
        let versioning = try await client.s3(api: "GetBucketVersioning", region: "us-east-1", bucket: "lab0-use1",
                                             query: [("versioning", "")], what: "GetBucketVersioning lab0-use1")
        #expect(versioning.status == 200)
        let offset = try #require(ClockSkew.shared.offsetSeconds)
        #expect(abs(offset - 3600) < 5, "offset \(offset)")

        // Query APIs (STS, CloudWatch) sign with the corrected clock from then on.
        let identity = try await client.query(service: "sts", version: "2011-06-15", base: endpoint.absoluteString,
                                              action: "GetCallerIdentity", region: "us-east-1", parameters: [],
                                              what: "GetCallerIdentity")
        #expect(identity.at("GetCallerIdentityResult", "Account") != nil)

        // A fresh process learns it from the Query API's "Signature expired" too.
        ClockSkew.shared.reset()
        _ = try await client.cloudWatch(action: "ListMetrics", region: "us-east-1", parameters: [], what: "ListMetrics")
        #expect(abs((ClockSkew.shared.offsetSeconds ?? 0) - 3600) < 5)

        // The region row and the JSON say so.
        let source = AWSSource(pairs: [PairSpec(name: "lab0", primary: Bucket(name: "lab0-use1", region: "us-east-1"),
                                                secondary: Bucket(name: "lab0-usw2", region: "us-west-2"), rpoSeconds: 60)],
                               client: client, trackObjects: false)
        _ = try await source.layout()
        let reading = try await source.poll(region: "us-east-1", now: Date())
        let status = SnapshotAssembler.regionStatus("us-east-1", .answered(reading, elapsedMs: 1), previous: nil, now: Date())
        // The server's Date has whole seconds: the note says 3599, 3600 or 3601.
        let said = status.clockNote.flatMap { note in
            Int(note.replacingOccurrences(of: "clock is off by ", with: "").replacingOccurrences(of: " s (corrected)", with: ""))
        }
        #expect(said.map { abs($0 - 3600) <= 1 } == true, "\(status.clockNote ?? "none")")
    }

    @Test func skewWithoutADateHeaderIsOneClearProblem() {
        let body = Data("<Error><Code>RequestTimeTooSkewed</Code><Message>The difference between the request time and the current time is too large.</Message></Error>".utf8)
        let problem = AWSErrorMapping.problem(api: "GetBucketVersioning", what: "GetBucketVersioning b",
                                              response: HTTPResponse(status: 403, headers: [:], body: body))
        #expect(problem.kind == .clockSkew)
        #expect(problem.message == "GetBucketVersioning b: RequestTimeTooSkewed: the local clock is off")
        let expired = Data("<ErrorResponse><Error><Type>Sender</Type><Code>SignatureDoesNotMatch</Code><Message>Signature expired: 20261202T010000Z is now earlier than 20261202T014500Z (20261202T020000Z - 15 min.)</Message></Error></ErrorResponse>".utf8)
        let query = AWSErrorMapping.problem(api: "GetMetricData", what: "GetMetricData us-east-1",
                                            response: HTTPResponse(status: 403, headers: [:], body: expired))
        #expect(query.kind == .clockSkew)
        let wrongKey = Data("<ErrorResponse><Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match</Message></Error></ErrorResponse>".utf8)
        #expect(AWSErrorMapping.problem(api: "GetMetricData", what: "x", response: HTTPResponse(status: 403, headers: [:], body: wrongKey)).kind
            == .accessDenied)
    }
}
