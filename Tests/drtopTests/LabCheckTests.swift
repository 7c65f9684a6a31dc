import DRTestSupport
import Foundation
import Testing

/// `drtop check` against the replication lab's scenarios: steady, failure, backlog, region outage.
@Suite(.serialized) struct LabCheckTests {
    func check(_ lab: Lab, _ pair: String) throws -> (status: Int32, output: String) {
        try Spawn.run(try EndToEndTests.binary(), ["check", "--config", lab.config, "--pair", pair], capture: true,
                      environment: ["HOME": lab.home.path, "AWS_ACCESS_KEY_ID": "testing",
                                    "AWS_SECRET_ACCESS_KEY": "testing", "AWS_EC2_METADATA_DISABLED": "true"])
    }

    /// Runs the check until `accept` likes the exit status or `seconds` pass; returns the last run.
    func checkUntil(_ lab: Lab, _ pair: String, seconds: Double, _ accept: (Int32) -> Bool) throws
        -> (status: Int32, output: String) {
        try Eventually.answer(within: seconds, every: 0.5, { try check(lab, pair) }, until: { accept($0.status) })
    }

    @Test func scenarios() async throws {
        let lab = try Lab(pairs: 2, rpo: "10s")
        try lab.write(5, to: "lab0-use1", region: "us-east-1")
        try lab.write(5, to: "lab1-usw2", region: "us-west-2")

        // Steady: everything replicates, every check passes.
        let steady = try checkUntil(lab, "lab0", seconds: 15) { $0 == 0 }
        #expect(steady.status == 0, "\(steady.output)")
        #expect(steady.output.contains("lab0: GO "))

        // Failure: the direction fails objects with a reason; the check fails on failed operations.
        try await lab.fault("/direction/lab1-use1/lab1-usw2/fail?reason=DstKmsKeyNotFound")
        try lab.write(5, to: "lab1-use1", region: "us-east-1")
        let failing = try checkUntil(lab, "lab1", seconds: 20) { $0 == 2 }
        #expect(failing.status == 2)
        #expect(failing.output.contains("FAIL     No failures in 15 min"), "\(failing.output)")

        // Backlog: a paused direction holds objects until the lag passes the 10 s RPO.
        try await lab.fault("/direction/lab0-use1/lab0-usw2/pause")
        try lab.write(5, to: "lab0-use1", region: "us-east-1")
        let backlog = try checkUntil(lab, "lab0", seconds: 30) { $0 == 2 }
        #expect(backlog.status == 2)
        #expect(backlog.output.contains("FAIL     Data given up within RPO"), "\(backlog.output)")
        try await lab.fault("/direction/lab0-use1/lab0-usw2/ok")

        // Region outage: the secondary region refuses connections.
        try await lab.fault("/region/us-west-2/refuse")
        let outage = try check(lab, "lab0")
        #expect(outage.status == 2)
        #expect(outage.output.contains("FAIL     Target region reachable"), "\(outage.output)")
        try await lab.fault("/region/us-west-2/ok")
    }

    /// `check --pair` reads only that pair: its requests follow the pairs asked about, not the fleet's size
    /// (issue 17: 84 requests for one of 8 pairs before, 11 of them about the pair).
    @Test func oneVerdictCostsOnePairsRequests() async throws {
        let lab = try Lab(pairs: 8)
        func sent() async throws -> Int {
            try await lab.requests().filter { $0.key.hasPrefix("drtop ") }.values.reduce(0, +)
        }
        // The lab's first metrics: until they are there the verdict is UNKNOWN (no lag data).
        for pair in ["lab3", "lab7"] { _ = try checkUntil(lab, pair, seconds: 15) { $0 == 0 } }
        let before = try await sent()
        let one = try check(lab, "lab3")
        let forOne = try await sent() - before
        #expect(one.status == 0, "\(one.output)")
        #expect(one.output.contains("lab3: GO") && !one.output.contains("lab2"), "\(one.output)")
        let all = try Spawn.run(try EndToEndTests.binary(), ["check", "--config", lab.config], capture: true,
                                environment: ["HOME": lab.home.path, "AWS_ACCESS_KEY_ID": "testing",
                                              "AWS_SECRET_ACCESS_KEY": "testing", "AWS_EC2_METADATA_DISABLED": "true"])
        let forAll = try await sent() - before - forOne
        #expect(all.output.contains("lab7: GO"), "\(all.output)")
        #expect(forOne > 0 && forOne * 6 <= forAll, "one pair \(forOne) requests, eight pairs \(forAll)")
        // A pair that is not configured is refused before anything is sent.
        let unknown = try Spawn.run(try EndToEndTests.binary(), ["check", "--config", lab.config, "--pair", "nope"],
                                    capture: true, environment: ["HOME": lab.home.path, "AWS_ACCESS_KEY_ID": "testing",
                                                                 "AWS_SECRET_ACCESS_KEY": "testing",
                                                                 "AWS_EC2_METADATA_DISABLED": "true"],
                                    mergeErrors: true)
        #expect(unknown.status == 3 && unknown.output.contains("no pair named 'nope' (pairs: lab0, lab1,"),
                "\(unknown.output)")
        #expect(try await sent() - before - forOne - forAll == 0)
    }

    /// `check --pair lab1` sends the same requests, API by API, whether the file configures 2 pairs or 12, and
    /// every one of them names only lab1's buckets or none (issue 17): configuration reads, GetMetricData,
    /// the object listing, and the routing and backup reads of a pair that names them.
    @Test func aVerdictsRequestsDoNotGrowWithTheOtherPairs() async throws {
        let lab = try Lab(pairs: 12, routing: true, pairLines: "[pair.backup]\nvault = \"lab-vault\"\n")
        let full = try String(contentsOfFile: lab.config, encoding: .utf8)
        let blocks = full.components(separatedBy: "[[pair]]\n")
        #expect(blocks.count == 13, "a header and 12 pairs")
        let two = lab.home.appendingPathComponent("two.toml").path
        try (blocks[0] + blocks[1...2].map { "[[pair]]\n" + $0 }.joined()).write(toFile: two, atomically: true,
                                                                                  encoding: .utf8)
        func check(_ config: String) async throws -> (status: Int32, byAPI: [String: Int], byBuckets: [String: Int]) {
            func counts() async throws -> (api: [String: Int], buckets: [String: Int]) {
                let status = try await lab.status()
                return (status["requests_by_region"] as? [String: Int] ?? [:],
                        status["requests_by_buckets"] as? [String: Int] ?? [:])
            }
            let before = try await counts()
            let run = try Spawn.run(try EndToEndTests.binary(), ["check", "--config", config, "--pair", "lab1"],
                                    capture: true, environment: ["HOME": lab.home.path, "AWS_ACCESS_KEY_ID": "testing",
                                                                 "AWS_SECRET_ACCESS_KEY": "testing",
                                                                 "AWS_EC2_METADATA_DISABLED": "true"])
            let after = try await counts()
            func grown(_ now: [String: Int], _ then: [String: Int]) -> [String: Int] {
                now.filter { $0.key.hasPrefix("drtop ") && $0.value != then[$0.key, default: 0] }
                    .reduce(into: [:]) { $0[$1.key] = $1.value - then[$1.key, default: 0] }
            }
            var byAPI: [String: Int] = [:]
            for (key, count) in grown(after.api, before.api) {
                byAPI[String(key.split(separator: " ", maxSplits: 2)[2]), default: 0] += count
            }
            return (run.status, byAPI, grown(after.buckets, before.buckets))
        }
        // The lab's first metrics: until they are there the verdict is UNKNOWN (no lag data).
        _ = try Eventually.answer(within: 20, every: 0.5, {
            try Spawn.run(try EndToEndTests.binary(), ["check", "--config", two, "--pair", "lab1"], capture: true,
                          environment: ["HOME": lab.home.path, "AWS_ACCESS_KEY_ID": "testing",
                                        "AWS_SECRET_ACCESS_KEY": "testing", "AWS_EC2_METADATA_DISABLED": "true"])
        }, until: { $0.status != 3 })
        let ofTwo = try await check(two)
        let ofTwelve = try await check(lab.config)
        #expect(ofTwo.status != 3 && ofTwelve.status != 3, "a verdict each: \(ofTwo.status), \(ofTwelve.status)")
        let compared = "2 pairs \(ofTwo.byAPI.sorted { $0.key < $1.key }), 12 pairs \(ofTwelve.byAPI.sorted { $0.key < $1.key })"
        #expect(ofTwo.byAPI == ofTwelve.byAPI, "\(compared)")
        for api in ["GetBucketReplication", "GetBucketVersioning", "GetMetricData", "ListObjectVersions",
                    "GetMultiRegionAccessPointRoutes", "ListRecoveryPointsByResource"] {
            #expect(ofTwelve.byAPI[api, default: 0] > 0, "\(api) sent: \(ofTwelve.byAPI)")
        }
        let others = ofTwelve.byBuckets.keys.filter { key in
            let named = key.split(separator: " ", maxSplits: 2)[2]
            return named != "-" && !named.split(separator: ",").allSatisfy { $0 == "lab1-use1" || $0 == "lab1-usw2" }
        }
        #expect(others.isEmpty, "requests about other pairs: \(others.sorted())")
    }

    /// The routing and backup reads of issue 15, as the lab's audit names them (Route 53's REST GETs are
    /// "S3 GET", CloudWatch's health "Query GetMetricData"): every one a read.
    static let recoveryReads: Set<String> = ["drtop S3Control GET", "drtop Backup GET", "drtop ARC-Config GET",
                                             "drtop JSON GetRoutingControlState", "drtop JSON ListListeners",
                                             "drtop JSON ListEndpointGroups"]

    /// Every pair routed (MRAP, Route 53, ARC, Global Accelerator) and backed up, so that every read API is sent.
    @Test func withoutCanaryDrtopSendsNoMutatingRequest() async throws {
        let lab = try Lab(pairs: 2, routing: true, pairLines: "[pair.backup]\nvault = \"lab-vault\"\n")
        try await lab.fault("/backup/lab0-use1/recovery-point?age=3600&vault=lab-vault")
        try lab.write(5, to: "lab0-use1", region: "us-east-1")
        let result = try Spawn.run(try EndToEndTests.binary(), ["snapshot", "--json", "--config", lab.config, "--polls", "3"],
                                   capture: true, environment: ["HOME": lab.home.path, "AWS_ACCESS_KEY_ID": "testing",
                                                                "AWS_SECRET_ACCESS_KEY": "testing",
                                                                "AWS_EC2_METADATA_DISABLED": "true"])
        #expect(result.status == 0)
        let requests = try await lab.requests()
        let fromDrtop = requests.filter { $0.key.hasPrefix("drtop ") }
        #expect(!fromDrtop.isEmpty, "the lab saw drtop's requests: \(requests)")
        let allowed: Set<String> = Self.recoveryReads.union(["drtop S3 GET", "drtop S3 HEAD", "drtop Query GetMetricData"])
        #expect(Set(fromDrtop.keys).isSubset(of: allowed), "\(fromDrtop)")
        #expect(Set(fromDrtop.keys).isSuperset(of: Self.recoveryReads), "every new read was sent: \(fromDrtop)")
        #expect(requests["other S3 PUT", default: 0] > 0, "the workload's writes were counted")
        // By API (the lab's audit names Route 53's REST GETs as S3 ones; its records are in the JSON below).
        let byRegion = try await lab.status()["requests_by_region"] as? [String: Int] ?? [:]
        for api in ["GetMultiRegionAccessPointRoutes", "DescribeCluster", "ListRecoveryPointsByResource",
                    "DescribeProtectedResource", "ListBackupJobs"] {
            #expect(byRegion.keys.contains { $0.hasPrefix("drtop ") && $0.hasSuffix(" " + api) }, "\(api): \(byRegion)")
        }
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        let pair = try #require((json["pairs"] as? [[String: Any]])?.first)
        let routes = (pair["traffic"] as? [String: Any])?["routes"] as? [[String: Any]] ?? []
        #expect(routes.count == 8, "MRAP, Route 53, ARC and accelerator, both regions each: \(routes)")
        #expect(routes.filter { $0["kind"] as? String == "route53" }.count == 2, "\(routes)")
    }

    @Test func canariesMeasureEndToEndAndWriteOnlyUnderTheirPrefix() async throws {
        let lab = try Lab(pairs: 1)
        let result = try Spawn.run(try EndToEndTests.binary(), [
            "snapshot", "--json", "--config", lab.config, "--canary", "--canary-every", "1", "--polls", "8",
            "--refresh", "0.5",
        ], capture: true, environment: ["HOME": lab.home.path, "AWS_ACCESS_KEY_ID": "testing",
                                        "AWS_SECRET_ACCESS_KEY": "testing", "AWS_EC2_METADATA_DISABLED": "true"])
        #expect(result.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        let pair = try #require((json["pairs"] as? [[String: Any]])?.first)
        let directions = try #require(pair["directions"] as? [[String: Any]])
        for direction in directions {
            let lag = try #require(direction["canary_lag_seconds"] as? Double, "\(direction)")
            #expect(lag >= 0.3 && lag < 10, "the lab delays replication 0.3 s")
        }
        let requests = try await lab.requests()
        let mutating = requests.filter { $0.key.hasPrefix("drtop ") && !["drtop S3 GET", "drtop S3 HEAD",
                                                                           "drtop Query GetMetricData"].contains($0.key) }
        #expect(Set(mutating.keys) == ["drtop S3 PUT drtop-canary/", "drtop S3 DELETE drtop-canary/"], "\(requests)")
    }

    /// `--timeout` is the command's: a region that hangs is reported (the check's own deadline for the regions
    /// comes from it) before the command would give up, instead of "no answer within N s" at 60 s refreshes.
    @Test func theCommandsTimeoutGovernsTheRegionsDeadline() async throws {
        let lab = try Lab(pairs: 1)
        try await lab.fault("/region/us-west-2/hang")
        let started = Date()
        let result = try Spawn.run(
            try EndToEndTests.binary(), ["check", "--config", lab.config, "--pair", "lab0", "--timeout", "12"],
            capture: true,
            environment: ["HOME": lab.home.path, "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
                          "AWS_EC2_METADATA_DISABLED": "true"], mergeErrors: true)
        let took = Date().timeIntervalSince(started)
        try await lab.fault("/region/us-west-2/ok")
        #expect(!result.output.contains("no answer within"), "\(result.output)")
        #expect(result.output.contains("Target region reachable"), "\(result.output)")
        // A verdict (NO-GO or UNKNOWN: the held region's rules are not known), never a GO.
        #expect(result.status == 2 || result.status == 3, "\(result.output)")
        #expect(result.output.contains("lab0: NO-GO") || result.output.contains("lab0: UNKNOWN"), "\(result.output)")
        #expect(took < 13, "took \(took) s")
    }
}
