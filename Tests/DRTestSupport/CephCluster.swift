import DRWire
import Foundation

/// The two-zone Ceph RGW multisite realm the Ceph tests run against (lab/ceph/cluster.sh): the one
/// `scripts/test.sh` started (its `cluster.json` named by `DRTOP_CEPH_CLUSTER`), else one started here in a
/// folder of its own and stopped when the test process exits. When neither can be had, every Ceph test fails
/// with the reason.
package final class CephCluster: Sendable {
    /// One zone of the realm.
    package struct Zone: Sendable {
        package var name: String
        package var id: String
        package var endpoint: URL
        package var master: Bool
    }

    package static let script = Lab.folder.appendingPathComponent("ceph/cluster.sh").path
    package let folder: String
    package let zones: [Zone]
    /// Every gateway by name: zone-a and zone-b (the zonegroup's endpoints, which sync pulls from) and zone-a-2,
    /// a second zone-a gateway the zonegroup does not list.
    package let gateways: [String: URL]
    /// The system user's keys (admin API, and the keys the zones sync with).
    package let system: AWSCredentials
    /// An ordinary user's keys, for data.
    package let data: AWSCredentials

    private static let started: Result<CephCluster, TestFailure> = {
        do { return .success(try CephCluster.open()) } catch let failure as TestFailure {
            return .failure(failure)
        } catch {
            return .failure(TestFailure("the Ceph cluster: \(error)"))
        }
    }()

    /// The cluster of this test process.
    package static func shared() throws -> CephCluster { try started.get() }

    private init(json: [String: Any]) throws {
        guard let folder = json["folder"] as? String, let zones = json["zones"] as? [[String: Any]],
              let system = json["system"] as? [String: String], let data = json["data"] as? [String: String] else {
            throw TestFailure("cluster.json is not what lab/ceph/cluster.sh writes: \(json)")
        }
        self.folder = folder
        self.zones = zones.compactMap { zone in
            guard let name = zone["name"] as? String, let id = zone["id"] as? String,
                  let endpoint = (zone["endpoint"] as? String).flatMap(URL.init(string:)) else { return nil }
            return Zone(name: name, id: id, endpoint: endpoint, master: zone["master"] as? Bool ?? false)
        }
        self.gateways = (json["gateways"] as? [String: String] ?? [:]).compactMapValues(URL.init(string:))
        self.system = AWSCredentials(accessKeyID: system["access_key"] ?? "", secretAccessKey: system["secret_key"] ?? "",
                                     source: "cluster.json")
        self.data = AWSCredentials(accessKeyID: data["access_key"] ?? "", secretAccessKey: data["secret_key"] ?? "",
                                   source: "cluster.json")
        guard self.zones.count == 2 else { throw TestFailure("cluster.json: expected two zones, found \(self.zones.count)") }
        guard gateways.count == 3 else { throw TestFailure("cluster.json: expected three gateways: \(gateways)") }
    }

    private static func open() throws -> CephCluster {
        if let path = ProcessInfo.processInfo.environment["DRTOP_CEPH_CLUSTER"], !path.isEmpty {
            guard let data = FileManager.default.contents(atPath: path),
                  let json = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
                throw TestFailure("DRTOP_CEPH_CLUSTER=\(path): no cluster.json there")
            }
            return try CephCluster(json: json)
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("drtop-ceph-\(UUID().uuidString)").path
        // Stopped when this test process ends, however it ends: the test runner does not always run atexit
        // handlers (seen here: a cluster left running after `swift test`), so a watcher outlives it and stops
        // the cluster once the process is gone.
        let watcher = "while kill -0 \(getpid()) 2>/dev/null; do sleep 1; done; "
            + "\"$0\" stop \"$1\" >/dev/null 2>&1; rm -rf \"$1\""
        // In a session of its own (setsid), so that a signal to the test's process group leaves it to clean up.
        let setsid = "/usr/bin/setsid"
        _ = FileManager.default.isExecutableFile(atPath: setsid)
            ? try Spawn.background(setsid, ["/bin/bash", "-c", watcher, script, folder])
            : try Spawn.background("/bin/bash", ["-c", watcher, script, folder])
        let result = try Spawn.run("/bin/bash", [script, "start", folder], capture: true, mergeErrors: true)
        guard result.status == 0, let start = result.output.range(of: "{\n"),
              let json = try JSONSerialization.jsonObject(with: Data(result.output[start.lowerBound...].utf8))
                as? [String: Any] else {
            throw TestFailure("lab/ceph/cluster.sh start could not start Ceph (exit \(result.status)): \(result.output)")
        }
        return try CephCluster(json: json)
    }

    /// The zone named `name`.
    package func zone(_ name: String) throws -> Zone {
        guard let zone = zones.first(where: { $0.name == name }) else { throw TestFailure("no zone \(name)") }
        return zone
    }

    /// The URL of gateway `name` (zone-a, zone-a-2 or zone-b).
    package func gateway(_ name: String) throws -> URL {
        guard let url = gateways[name] else { throw TestFailure("no gateway \(name)") }
        return url
    }

    /// Stops gateway `zone` (zone-a, zone-a-2 or zone-b).
    package func stopGateway(_ zone: String) throws {
        let result = try Spawn.run("/bin/bash", [Self.script, "stop-gateway", folder, zone], capture: true, mergeErrors: true)
        guard result.status == 0 else { throw TestFailure("stop-gateway \(zone): \(result.output)") }
    }

    /// Starts gateway `zone` (with its sync thread unless `sync` is false) and waits until it answers.
    package func startGateway(_ zone: String, sync: Bool = true) throws {
        let result = try Spawn.run("/bin/bash", [Self.script, "start-gateway", folder, zone] + (sync ? [] : ["--no-sync"]),
                                   capture: true, mergeErrors: true)
        guard result.status == 0 else { throw TestFailure("start-gateway \(zone): \(result.output)") }
    }

    /// An S3 client of the data user for gateway `zone` (signed with that name as region).
    /// A home folder and a drtop configuration watching this realm, zone-a read through its second gateway
    /// (which answers while the listed one is stopped); `header` lines go first (e.g. `rpo = "1m"`).
    package func drtopConfig(header: String) throws -> (home: URL, config: String) {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("drtop-ceph-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        let config = home.appendingPathComponent("drtop.toml").path
        let gateway = try gateway("zone-a-2").absoluteString
        try (header + "\n[ceph]\nendpoint = \"\(gateway)\"\n[ceph.zones.zone-a]\nendpoint = \"\(gateway)\"\n")
            .write(toFile: config, atomically: true, encoding: .utf8)
        return (home, config)
    }

    package func s3(_ zone: String) throws -> AWSClient {
        let credentials = data
        return AWSClient(transport: HTTPTransport(), endpoints: AWSEndpoints(regionOverrides: [zone: try gateway(zone)]),
                         credentials: { credentials })
    }

    /// Creates `bucket` through `zone` (retrying the 500 a fresh cluster answers while it makes pools).
    package func createBucket(_ bucket: String, in zone: String) async throws {
        let client = try s3(zone)
        var last = ""
        for _ in 0..<30 {
            do {
                _ = try await client.s3(api: "CreateBucket", region: zone, method: "PUT", bucket: bucket,
                                        what: "CreateBucket \(bucket)")
                return
            } catch {
                last = "\(error)"
                try await Task.sleep(for: .seconds(1))
            }
        }
        throw TestFailure("CreateBucket \(bucket) in \(zone): \(last)")
    }

    /// Writes a small object through `zone`.
    package func put(_ key: String, in bucket: String, zone: String) async throws {
        _ = try await s3(zone).s3(api: "PutObject", region: zone, method: "PUT", bucket: bucket, key: key,
                                  body: Data("drtop \(key)".utf8), what: "PutObject \(key)")
    }

    /// Whether `key` can be read through `zone`.
    package func exists(_ key: String, in bucket: String, zone: String) async throws -> Bool {
        let response = try await s3(zone).s3(api: "HeadObject", region: zone, method: "HEAD", bucket: bucket, key: key,
                                             what: "HeadObject \(key)", acceptStatus: [404])
        return response.status == 200
    }

    /// Waits up to `seconds` for `check` to hold; returns whether it did.
    package static func eventually(_ seconds: Double, every interval: Double = 1, _ check: () async throws -> Bool)
        async throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try await check() { return true }
            try await Task.sleep(for: .seconds(interval))
        }
        return try await check()
    }
}
