import DRAWS
import DRCore
import DRTestSupport
import DRWire
import Foundation
import Testing

/// Object keys with `.` and `..` segments or `//`: S3 keys may hold them, and S3 does not normalise paths, so the
/// path drtop signs must be the path it sends (libcurl would resolve dot segments without CURLOPT_PATH_AS_IS).
@Suite(.serialized) struct DotSegmentKeyTests {
    static let keys = ["a/./b": "1", "a/../b": "22", "a//b": "333", "a/b": "4444", "b": "55555", "./c": "666666",
                       "a/..": "7777777"]
    static let credentials = AWSCredentials(accessKeyID: "testing", secretAccessKey: "testing", source: "test")

    static func client(_ endpoint: String) -> AWSClient {
        AWSClient(transport: HTTPTransport(connectTimeout: 1, requestTimeout: 3),
                  endpoints: AWSEndpoints(regionOverrides: ["us-east-1": URL(string: endpoint)!]),
                  credentials: { credentials })
    }

    /// boto3 puts each key into moto with a body of its own length; drtop's HEAD of each finds its own object.
    @Test func eachKeyHeadsItsOwnObject() async throws {
        let server = try MotoServer()
        var calls = [("create_bucket", #"{"Bucket": "dots"}"#)]
        for (key, body) in Self.keys.sorted(by: { $0.key < $1.key }) {
            calls.append(("put_object", #"{"Bucket": "dots", "Key": "\#(key)", "Body": "\#(body)"}"#))
        }
        let answers = try Boto3Calls.run(server.endpoint, calls)
        #expect(answers.allSatisfy { $0["Error"] == nil }, "\(answers)")
        let client = Self.client(server.endpoint)
        for (key, body) in Self.keys {
            let head = try await client.s3(api: "HeadObject", region: "us-east-1", method: "HEAD", bucket: "dots",
                                           key: key, what: "HeadObject dots/\(key)")
            #expect(head.headers["content-length"] == String(body.count), "HEAD \(key) found another object")
            let get = try await client.s3(api: "GetObject", region: "us-east-1", bucket: "dots", key: key,
                                          what: "GetObject dots/\(key)")
            #expect(String(decoding: get.body, as: UTF8.self) == body, "GET \(key)")
        }
        // Through S3Objects: found (no NotFound), no replication status in a bucket without rules.
        let objects = S3Objects(client: client)
        for key in Self.keys.keys {
            let status = try await objects.replicationStatus(bucket: Bucket(name: "dots", region: "us-east-1"), key: key)
            #expect(status == nil)
        }
    }

    /// moto checks no signature: a loopback server records the raw request line and checks the signature with
    /// botocore's S3 signer over the path it received.
    @Test func sentPathIsTheSignedPath() async throws {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Moto/signed_path_server.py").path
        let server = try MotoServer(script: script)
        let client = Self.client(server.endpoint)
        for key in Self.keys.keys.sorted() {
            let head = try await client.s3(api: "HeadObject", region: "us-east-1", method: "HEAD", bucket: "dots",
                                           key: key, what: "HeadObject dots/\(key)")
            let signed = SigV4.Request(method: "HEAD", path: "/dots/\(key)").encodedPath
            #expect(signed == "/dots/\(key)", "S3 paths are signed as they are, not normalised")
            #expect(head.headers["x-amz-meta-received-path"] == signed, "sent path of \(key)")
            #expect(head.headers["x-amz-meta-signature"] == "match", "signature over the received path of \(key)")
        }
        // A query travels unchanged too.
        let listed = try await client.s3(api: "HeadObject", region: "us-east-1", method: "HEAD", bucket: "dots",
                                         key: "a/../b", query: [("versionId", "v/1")], what: "HeadObject")
        #expect(listed.headers["x-amz-meta-received-path"] == "/dots/a/../b?versionId=v%2F1")
        #expect(listed.headers["x-amz-meta-signature"] == "match")
    }
}
