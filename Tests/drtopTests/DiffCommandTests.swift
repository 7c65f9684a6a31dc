import DRTestSupport
import Foundation
import Testing

/// `drtop diff PAIR` against the replication lab: the same after two-way replication, versions held back by a
/// paused direction listed on one side (in flight, then older than the RPO), a partial comparison said as
/// such, a prefix, and its JSON.
@Suite(.serialized) struct DiffCommandTests {
    func diff(_ lab: Lab, _ arguments: [String]) throws -> (status: Int32, output: String) {
        try Spawn.run(try EndToEndTests.binary(), ["diff", "--config", lab.config] + arguments, capture: true,
                      environment: ["HOME": lab.home.path, "AWS_ACCESS_KEY_ID": "testing",
                                    "AWS_SECRET_ACCESS_KEY": "testing", "AWS_EC2_METADATA_DISABLED": "true"],
                      mergeErrors: true)
    }

    func until(_ lab: Lab, _ arguments: [String], _ accept: (Int32) -> Bool) throws -> (status: Int32, output: String) {
        try Eventually.answer(within: 15, { try diff(lab, arguments) }, until: { accept($0.status) })
    }

    @Test func listsWhatIsMissingWhereWithItsAge() async throws {
        let lab = try Lab(pairs: 1, rpo: "4s")
        try lab.writeAtOnce([(5, "lab0-use1", "us-east-1"), (3, "lab0-usw2", "us-west-2")])
        let same = try until(lab, ["lab0"]) { $0 == 0 }
        #expect(same.status == 0, "\(same.output)")
        #expect(same.output.hasPrefix("lab0: the same — 8 keys (8 / 8 versions)"), "\(same.output)")

        try await lab.fault("/direction/lab0-use1/lab0-usw2/pause")
        try lab.write(2, to: "lab0-use1", region: "us-east-1")
        let held = try diff(lab, ["lab0"])
        #expect(held.status == 1, "younger than the RPO: in flight. \(held.output)")
        #expect(held.output.contains("2 versions in lab0-use1 only"), "\(held.output)")
        #expect(held.output.contains("all younger than the RPO (in flight)"), "\(held.output)")

        try await Task.sleep(for: .seconds(4.5))
        let stale = try diff(lab, ["lab0", "--json"])
        #expect(stale.status == 2, "\(stale.output)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(stale.output.utf8)) as? [String: Any])
        #expect(document["schema"] as? String == "drtop.diff/1")
        #expect(document["differences_count"] as? Int == 2 && document["older_than_rpo_count"] as? Int == 2)
        let differences = try #require(document["differences"] as? [[String: Any]])
        #expect(differences.allSatisfy { $0["present_in"] as? String == "lab0-use1" && $0["missing_from"] as? String == "lab0-usw2" })
        #expect(differences.allSatisfy { ($0["age_seconds"] as? Double ?? 0) >= 4 })

        let partial = try diff(lab, ["lab0", "--max-versions", "3"])
        #expect(partial.output.contains("partial: the version limit was reached"), "\(partial.output)")

        let prefix = try diff(lab, ["lab0", "--prefix", "no-such-prefix/"])
        #expect(prefix.status == 0 && prefix.output.contains("0 keys under 'no-such-prefix/'"), "\(prefix.output)")
    }
}
