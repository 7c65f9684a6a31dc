import DRTestSupport
import Foundation
import Testing

/// Traffic and recovery end to end against the replication lab (issue 15's tests): a failed health check on the
/// secondary makes `drtop check` NO-GO, the RTO estimate changes when the records' TTL does, and a
/// backup-and-restore pair's exposure grows with the age of its newest recovery point and breaches past its RPO.
@Suite(.serialized) struct TrafficLabCheckTests {
    func run(_ lab: Lab, _ arguments: [String]) throws -> (status: Int32, json: [String: Any], output: String) {
        let result = try Spawn.run(try EndToEndTests.binary(), arguments + ["--config", lab.config], capture: true,
                                   environment: ["HOME": lab.home.path, "AWS_ACCESS_KEY_ID": "testing",
                                                 "AWS_SECRET_ACCESS_KEY": "testing", "AWS_EC2_METADATA_DISABLED": "true"])
        let json = (try? JSONSerialization.jsonObject(with: Data(result.output.utf8))) as? [String: Any] ?? [:]
        return (result.status, json, result.output)
    }

    func pair(_ json: [String: Any], _ name: String) -> [String: Any] {
        (json["pairs"] as? [[String: Any]] ?? []).first { $0["name"] as? String == name } ?? [:]
    }

    func check(_ json: [String: Any], _ id: String) -> String? {
        let checks = pair(json, "lab0")["checks"] as? [[String: Any]] ?? []
        return checks.first { $0["id"] as? String == id }?["result"] as? String
    }

    @Test func aFailedTargetHealthCheckIsNoGoAndTheTTLMovesTheRTO() async throws {
        let lab = try Lab(pairs: 1, rpo: "15m", routing: true, pairLines: "strategy = \"pilot-light\"\n")
        let routing = try #require(lab.routing)
        let before = try Eventually.answer(within: 20, { try run(lab, ["check", "--pair", "lab0", "--format", "json"]) },
                                           until: { check($0.json, "target-health-check") == "pass" })
        #expect(check(before.json, "target-health-check") == "pass", "\(before.output)")
        #expect(check(before.json, "traffic-placement") != nil && check(before.json, "rto-estimate") != nil)

        // The secondary's health check fails: the target is not healthy, failing over to it is NO-GO.
        let id = try #require(routing.healthChecks["lab0"]?["us-west-2"])
        try await lab.fault("/health-check/\(id)/fail?reason=Timeout")
        let failed = try Eventually.answer(within: 20, { try run(lab, ["check", "--pair", "lab0", "--format", "json"]) },
                                           until: { check($0.json, "target-health-check") == "fail" })
        #expect(check(failed.json, "target-health-check") == "fail" && failed.status == 2, "\(failed.output)")

        // The records' TTL goes from 60 s to 300 s: the Route 53 part of the RTO estimate grows by 240 s.
        let first = try run(lab, ["snapshot", "--json"])
        let estimate = try #require(pair(first.json, "lab0")["rto_parts"] as? [[String: Any]])
            .first { $0["name"] as? String == "Route 53 failover" }?["seconds"] as? Double
        #expect(estimate == 150, "30 s × 3 + TTL 60 s: \(first.output)")
        let python = try #require(MotoServer.pythonPath)
        let upsert = try Spawn.run(python, ["-c", """
            import boto3, sys
            r53 = boto3.client("route53", region_name="us-east-1", endpoint_url=sys.argv[1],
                               aws_access_key_id="testing", aws_secret_access_key="testing")
            sets = r53.list_resource_record_sets(HostedZoneId=sys.argv[2])["ResourceRecordSets"]
            changes = [{"Action": "UPSERT", "ResourceRecordSet": dict(s, TTL=300)} for s in sets if s.get("Failover")]
            r53.change_resource_record_sets(HostedZoneId=sys.argv[2], ChangeBatch={"Changes": changes})
            """, "http://127.0.0.1:\(lab.east)", routing.zone], capture: true, mergeErrors: true)
        #expect(upsert.status == 0, "\(upsert.output)")
        let later = try run(lab, ["snapshot", "--json"])
        let moved = try #require(pair(later.json, "lab0")["rto_parts"] as? [[String: Any]])
            .first { $0["name"] as? String == "Route 53 failover" }?["seconds"] as? Double
        #expect(moved == 390, "30 s × 3 + TTL 300 s: \(later.output)")
    }

    @Test func aBackupPairsExposureGrowsAndBreachesPastItsRPO() async throws {
        let lab = try Lab(pairs: 1, rpo: "1h",
                          pairLines: "strategy = \"backup-and-restore\"\nrpo = \"1h\"\n[pair.backup]\nvault = \"lab-vault\"\n")
        try await lab.fault("/backup/lab0-use1/recovery-point?age=1200&vault=lab-vault&size=53687091200")
        let young = try run(lab, ["snapshot", "--json"])
        let first = pair(young.json, "lab0")["backup"] as? [String: Any] ?? [:]
        #expect(first["state"] as? String == "ok", "20 min of a 1 h RPO: \(young.output)")
        let exposure = try #require(first["exposure_seconds"] as? Double, "\(young.output)")
        #expect(exposure >= 1200 && exposure < 1260)
        // Restoring its 50 GiB at the assumed 100 MiB/s is a part of the RTO estimate.
        let parts = pair(young.json, "lab0")["rto_parts"] as? [[String: Any]] ?? []
        #expect(parts.first { $0["name"] as? String == "restore" }?["seconds"] as? Double == 512, "\(young.output)")
        try await Task.sleep(for: .seconds(2))
        let older = try run(lab, ["snapshot", "--json"])
        let grown = try #require((pair(older.json, "lab0")["backup"] as? [String: Any])?["exposure_seconds"] as? Double)
        #expect(grown > exposure, "the exposure grows with the point's age")

        // A newer job fails: the point still stands, and the check warns with AWS Backup's message.
        try await lab.fault("/backup/lab0-use1/fail?message=Access%20denied&vault=lab-vault")
        let failing = try run(lab, ["check", "--pair", "lab0", "--format", "json"])
        let item = (pair(failing.json, "lab0")["checks"] as? [[String: Any]] ?? [])
            .first { $0["id"] as? String == "backup-recovery-point" }
        #expect(item?["result"] as? String == "warn", "\(failing.output)")
        let evidence = item?["evidence"] as? String
        #expect(evidence?.contains("FAILED: Access denied") == true, "\(failing.output)")

        // The newest point 2 h old against a 1 h RPO: a breach, and failing over is NO-GO.
        let lab2 = try Lab(pairs: 1, rpo: "1h",
                           pairLines: "strategy = \"backup-and-restore\"\nrpo = \"1h\"\n[pair.backup]\nvault = \"lab-vault\"\n")
        try await lab2.fault("/backup/lab0-use1/recovery-point?age=7200&vault=lab-vault")
        let stale = try run(lab2, ["check", "--pair", "lab0", "--format", "json"])
        #expect(check(stale.json, "backup-recovery-point") == "fail" && stale.status == 2, "\(stale.output)")
    }
}
