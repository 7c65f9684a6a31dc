import DRTestSupport
import DRWire
import Foundation
import Testing

/// drtop and botocore sign the same S3 and CloudWatch requests identically.
@Suite struct BotocoreCrossCheckTests {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Moto/botocore_sign.py").path

    struct Case: Sendable, CustomTestStringConvertible {
        var service: String
        var region: String
        var method: String
        var host: String
        var path: String
        var query: [String]
        var body: String
        var token: String?
        var testDescription: String { "\(service) \(method) \(path)" }
    }

    static let cases: [Case] = [
        Case(service: "s3", region: "us-west-2", method: "GET", host: "s3.us-west-2.amazonaws.com",
             path: "/prod-assets-usw2/", query: ["replication="], body: "", token: nil),
        Case(service: "s3", region: "eu-central-1", method: "GET", host: "logs.s3.eu-central-1.amazonaws.com",
             path: "/", query: ["versioning="], body: "", token: "FwoGZXIvYXdzEXAMPLETOKEN+/=="),
        Case(service: "s3", region: "us-east-1", method: "HEAD", host: "s3.us-east-1.amazonaws.com",
             path: "/bucket/logs/app=web/part 1+2.json.gz", query: ["versionId=3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY"],
             body: "", token: nil),
        Case(service: "monitoring", region: "ap-southeast-2", method: "POST",
             host: "monitoring.ap-southeast-2.amazonaws.com", path: "/", query: [],
             body: "Action=GetMetricData&Version=2010-08-01&MetricDataQueries.member.1.Id=m0", token: "TOKEN"),
    ]

    @Test(arguments: cases)
    func sameSignature(_ c: Case) throws {
        let stamp = "20261125T120000Z"
        let credentials = AWSCredentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                                         sessionToken: c.token, source: "test")
        let query = c.query.map { item -> (String, String) in
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (String(parts[0]), parts.count > 1 ? String(parts[1]) : "")
        }
        var headers: [(String, String)] = [("Host", c.host)]
        if c.method == "POST" { headers.append(("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")) }
        var request = SigV4.Request(method: c.method, path: c.path, query: query, headers: headers, body: Data(c.body.utf8))
        let date = Date(timeIntervalSince1970: 1_795_608_000)
        #expect(SigV4.amzDate(date) == stamp)
        SigV4(credentials: credentials, region: c.region, service: c.service).sign(&request, at: date)
        let ours = request.headers.first { $0.0 == "Authorization" }?.1 ?? ""
        var url = "https://\(c.host)\(request.encodedPath)"
        if !query.isEmpty { url += "?" + request.encodedQuery }
        let python = ProcessInfo.processInfo.environment["PATH"].flatMap { _ in MotoServer.pythonPath } ?? "python3"
        let result = try Spawn.run(python, [Self.script, c.service, c.region, c.method, url, c.body, credentials.accessKeyID,
                                            credentials.secretAccessKey, c.token ?? "-", stamp], capture: true)
        #expect(result.status == 0, "botocore is needed: pip install 'moto[server]==5.2.1' (brings boto3)")
        #expect(ours == result.output.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
