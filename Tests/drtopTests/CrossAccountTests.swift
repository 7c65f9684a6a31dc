import DRTestSupport
import Foundation
import Testing

/// Cross-account pairs: the DR bucket lives in another account (the lab keeps accounts apart, as S3 does: a
/// bucket is its creator's, another account's answers 403). A pair side with its own `profile` is read with
/// that profile's keys; requests are counted per account; discovery takes the second account's profile.
@Suite(.serialized) struct CrossAccountTests {
    static let drKey = "AKIADRACCOUNT0000002"

    func makeWorld(_ lab: Lab) throws -> String {
        let made = try Spawn.run(try #require(MotoServer.pythonPath), ["-c", """
            import boto3, sys
            def s3(port, region, key):
                return boto3.client("s3", region_name=region, endpoint_url=f"http://127.0.0.1:{port}",
                                    aws_access_key_id=key, aws_secret_access_key="secret")
            main, dr = s3(sys.argv[1], "us-east-1", "testing"), s3(sys.argv[2], "us-west-2", sys.argv[3])
            dr.create_bucket(Bucket="xacct-usw2", CreateBucketConfiguration={"LocationConstraint": "us-west-2"})
            dr.put_bucket_versioning(Bucket="xacct-usw2", VersioningConfiguration={"Status": "Enabled"})
            main.create_bucket(Bucket="xacct-use1")
            main.put_bucket_versioning(Bucket="xacct-use1", VersioningConfiguration={"Status": "Enabled"})
            main.put_bucket_replication(Bucket="xacct-use1", ReplicationConfiguration={
                "Role": "arn:aws:iam::123456789012:role/replication",
                "Rules": [{"ID": "to-dr", "Priority": 1, "Status": "Enabled", "Filter": {"Prefix": ""},
                           "DeleteMarkerReplication": {"Status": "Enabled"},
                           "Destination": {"Bucket": "arn:aws:s3:::xacct-usw2", "Account": "222222222222",
                                           "Metrics": {"Status": "Enabled", "EventThreshold": {"Minutes": 15}}}}]})
            """, "\(lab.east)", "\(lab.west)", Self.drKey], capture: false)
        #expect(made.status == 0)
        let credentials = lab.home.appendingPathComponent("credentials").path
        try "[dr]\naws_access_key_id = \(Self.drKey)\naws_secret_access_key = secret\n"
            .write(toFile: credentials, atomically: true, encoding: .utf8)
        return credentials
    }

    func environment(_ lab: Lab, _ credentials: String) -> [String: String] {
        ["HOME": lab.home.path, "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
         "AWS_SHARED_CREDENTIALS_FILE": credentials, "AWS_CONFIG_FILE": "/dev/null", "AWS_EC2_METADATA_DISABLED": "true",
         "AWS_REGION": "us-east-1"]
    }

    func config(_ lab: Lab, secondary: String, name: String) throws -> String {
        let path = lab.home.appendingPathComponent(name).path
        try """
            refresh = "1s"
            [regions.us-east-1]
            endpoint = "http://127.0.0.1:\(lab.east)"
            [regions.us-west-2]
            endpoint = "http://127.0.0.1:\(lab.west)"
            [[pair]]
            name = "xacct"
            primary = { bucket = "xacct-use1", region = "us-east-1" }
            secondary = \(secondary)

            """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func snapshot(_ arguments: [String], _ environment: [String: String]) throws -> [String: Any] {
        let run = try Spawn.run(try EndToEndTests.binary(), ["snapshot", "--json"] + arguments, capture: true,
                                environment: environment)
        #expect(run.status == 0, "\(run.output)")
        return try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
    }

    @Test func aSideWithItsOwnProfileIsReadWithIt() async throws {
        let lab = try Lab(pairs: 1, labArguments: ["--account", "\(Self.drKey)=222222222222"])
        let credentials = try makeWorld(lab)
        let environment = environment(lab, credentials)

        // Without its profile the DR bucket is another account's: 403, said on the pair, versioning unknown.
        let plain = try config(lab, secondary: "{ bucket = \"xacct-usw2\", region = \"us-west-2\" }", name: "plain.toml")
        let denied = try snapshot(["--config", plain], environment)
        let deniedBuckets = ((denied["pairs"] as? [[String: Any]])?.first?["buckets"] as? [[String: Any]]) ?? []
        #expect(deniedBuckets.last?["versioning"] is NSNull, "\(deniedBuckets)")
        #expect("\(denied)".contains("AccessDenied"), "the other account's answer is shown")

        let withProfile = try config(
            lab, secondary: "{ bucket = \"xacct-usw2\", region = \"us-west-2\", profile = \"dr\" }", name: "dr.toml")
        let document = try snapshot(["--config", withProfile], environment)
        let pair = try #require((document["pairs"] as? [[String: Any]])?.first)
        let buckets = try #require(pair["buckets"] as? [[String: Any]])
        #expect(buckets.map { $0["versioning"] as? String } == ["Enabled", "Enabled"], "\(buckets)")
        let directions = try #require(pair["directions"] as? [[String: Any]])
        #expect(directions.allSatisfy { $0["rules_error"] is NSNull }, "\(directions.map { $0["rules_error"] ?? "" })")
        let requests = try #require(document["requests"] as? [[String: Any]])
        let dr = requests.filter { $0["account"] as? String == "dr" }
        #expect(!dr.isEmpty && dr.allSatisfy { $0["region"] as? String == "us-west-2" }, "\(requests)")
        #expect(requests.contains { $0["account"] is NSNull && $0["region"] as? String == "us-east-1" })
        let costs = try #require(document["estimated_monthly_cost_usd_by_account"] as? [String: Double], "\(document)")
        #expect(Set(costs.keys) == ["main", "dr"] && costs.values.allSatisfy { $0 > 0 }, "\(costs)")
    }

    @Test func discoveryPairsAcrossTwoAccounts() async throws {
        let lab = try Lab(pairs: 1, labArguments: ["--account", "\(Self.drKey)=222222222222"])
        let credentials = try makeWorld(lab)
        let path = lab.home.appendingPathComponent("discover.toml").path
        try """
            discover = true
            [regions.us-east-1]
            endpoint = "http://127.0.0.1:\(lab.east)"
            [regions.us-west-2]
            endpoint = "http://127.0.0.1:\(lab.west)"

            """.write(toFile: path, atomically: true, encoding: .utf8)
        let environment = environment(lab, credentials)
        let alone = try snapshot(["--config", path], environment)
        #expect(!((alone["pairs"] as? [[String: Any]]) ?? []).contains { $0["name"] as? String == "xacct-use1" },
                "the main account alone cannot see the DR bucket")
        let both = try snapshot(["--config", path, "--secondary-profile", "dr"], environment)
        let pair = try #require(((both["pairs"] as? [[String: Any]]) ?? []).first { $0["name"] as? String == "xacct-use1" })
        let buckets = try #require(pair["buckets"] as? [[String: Any]])
        #expect(buckets.map { $0["name"] as? String } == ["xacct-use1", "xacct-usw2"])
        #expect(buckets.map { $0["versioning"] as? String } == ["Enabled", "Enabled"], "\(buckets)")
    }
}
