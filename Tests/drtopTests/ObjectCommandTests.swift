import DRTestSupport
import Foundation
import Testing

/// `drtop object PAIR KEY` against the replication lab: replicated, PENDING, FAILED, missing, and its JSON.
@Suite(.serialized) struct ObjectCommandTests {
    func put(_ lab: Lab, _ key: String) throws {
        let made = try Spawn.run(try #require(MotoServer.pythonPath), ["-c", """
            import boto3, sys
            s3 = boto3.client("s3", region_name="us-east-1", endpoint_url=f"http://127.0.0.1:{sys.argv[1]}",
                              aws_access_key_id="testing", aws_secret_access_key="testing")
            s3.put_object(Bucket="lab0-use1", Key=sys.argv[2], Body=b"hello, replica")
            """, "\(lab.east)", key], capture: false)
        #expect(made.status == 0)
    }

    func object(_ lab: Lab, _ arguments: [String]) throws -> (status: Int32, output: String) {
        try Spawn.run(try EndToEndTests.binary(), ["object", "--config", lab.config] + arguments, capture: true,
                      environment: ["HOME": lab.home.path, "AWS_ACCESS_KEY_ID": "testing",
                                    "AWS_SECRET_ACCESS_KEY": "testing", "AWS_EC2_METADATA_DISABLED": "true"],
                      mergeErrors: true)
    }

    @Test func answersIsThisObjectReplicated() async throws {
        let lab = try Lab(pairs: 1)
        try put(lab, "docs/a b+c.txt")
        let answer = try Eventually.answer(within: 10, { try object(lab, ["lab0", "docs/a b+c.txt"]) },
                                           until: { $0.status == 0 })
        #expect(answer.status == 0, "\(answer.output)")
        #expect(answer.output.hasPrefix("lab0 docs/a b+c.txt: replicated"), "\(answer.output)")
        #expect(answer.output.contains("COMPLETED") && answer.output.contains("REPLICA"), "\(answer.output)")

        let json = try object(lab, ["lab0", "docs/a b+c.txt", "--json"])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        #expect(document["schema"] as? String == "drtop.object/1")
        #expect(document["verdict"] as? String == "replicated")
        let source = try #require(document["source"] as? [String: Any])
        let destination = try #require(document["destination"] as? [String: Any])
        #expect(source["replication_status"] as? String == "COMPLETED" && source["bucket"] as? String == "lab0-use1")
        #expect(destination["replication_status"] as? String == "REPLICA")
        #expect(source["version_id"] as? String == destination["version_id"] as? String, "replicas keep the version ID")
        #expect(source["etag"] as? String == destination["etag"] as? String && source["versions"] as? Int == 1)

        try await lab.fault("/direction/lab0-use1/lab0-usw2/pause")
        try put(lab, "docs/held.txt")
        try await Task.sleep(for: .milliseconds(500))
        let held = try object(lab, ["lab0", "docs/held.txt"])
        #expect(held.status == 1, "\(held.output)")
        #expect(held.output.contains("PENDING for"), "\(held.output)")

        try await lab.fault("/direction/lab0-use1/lab0-usw2/fail?reason=DstKmsKeyNotFound")
        try put(lab, "docs/failed.txt")
        let failed = try Eventually.answer(within: 10, { try object(lab, ["lab0", "docs/failed.txt"]) },
                                           until: { $0.status == 2 })
        #expect(failed.status == 2 && failed.output.contains("FAILED"), "\(failed.output)")

        let missing = try object(lab, ["lab0", "docs/never-written"])
        #expect(missing.status == 3 && missing.output.contains("no such key on either side"), "\(missing.output)")
        let nopair = try object(lab, ["nope", "x"])
        #expect(nopair.status == 3 && nopair.output.contains("no pair named 'nope' (pairs: lab0)"), "\(nopair.output)")
    }
}
