import DRWire
import Foundation

/// The replication lab (lab/drtoplab.py) on free loopback ports, with `pairs` pairs set up, and a drtop
/// configuration pointing at it. Stopped on deinit.
package final class Lab {
    package static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("lab")
    package let east: Int
    package let west: Int
    package let control: Int
    package let home: URL
    package let config: String
    /// The event queue URL of each region (with `events`), by region name.
    package let eventQueues: [String: URL]
    /// What `setup.py --routing` made (with `routing`), written into each pair's `[pair.routing]`.
    package let routing: LabRouting?
    /// The ARC cluster's endpoint ports, by region (us-east-1, us-west-2, eu-west-1, ap-northeast-1,
    /// ap-southeast-2, as the lab names them).
    package let arcPorts: [String: Int]
    /// With `tls`: the certificate the lab made for its HTTPS endpoints, to trust (AWS_CA_BUNDLE); else nil.
    package let caBundle: String?
    /// "https" with `tls`, else "http".
    package let scheme: String
    private let pid: pid_t

    /// With `events`, every bucket sends S3 event notifications to an SQS queue in its region, and the
    /// configuration reads them (`events = "…"`) instead of scanning.
    /// `labArguments` go to drtoplab.py (e.g. `--rtc-threshold 3`), `setupArguments` to setup.py (`--fanout`).
    /// With `routing`, setup.py gives every pair an MRAP, Route 53 failover records with health checks, ARC
    /// routing controls and a Global Accelerator, and the configuration names them (`[pair.routing]`);
    /// `pairLines` are more lines for every `[[pair]]` (e.g. `strategy = "backup-and-restore"`, `[pair.backup]`).
    /// With `tls`, every AWS endpoint is HTTPS with keep-alive (drtoplab.py --tls), trusted through `caBundle`.
    package init(pairs: Int, rpo: String = "1m", events: Bool = false, routing: Bool = false,
                pairLines: String = "", labArguments: [String] = [], setupArguments: [String] = [],
                tls: Bool = false) throws {
        guard let python = MotoServer.pythonPath else { throw TestFailure("python3 is needed for the lab") }
        // Eight distinct ports at once: both regions, the control API and the ARC cluster's five endpoints (two
        // labs never meet on the defaults, and no port is given to two of them).
        let ports = try MotoServer.freePorts(8)
        east = ports[0]
        west = ports[1]
        control = ports[2]
        let arc = ports[3...].map(String.init).joined(separator: ",")
        arcPorts = Dictionary(uniqueKeysWithValues: zip(["us-east-1", "us-west-2", "eu-west-1", "ap-northeast-1",
                                                         "ap-southeast-2"], ports[3...]))
        home = FileManager.default.temporaryDirectory.appendingPathComponent("drtop-lab-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        // With TLS the lab writes its certificate (cert.pem) and key into the lab's home, removed with it.
        caBundle = tls ? home.appendingPathComponent("cert.pem").path : nil
        pid = try Spawn.background(python, [
            Self.folder.appendingPathComponent("drtoplab.py").path, "--east-port", "\(east)", "--west-port", "\(west)",
            "--control-port", "\(control)", "--delay", "0.3", "--metrics-period", "1", "--tick", "0.1",
            "--arc-ports", arc,
        ] + (tls ? ["--tls", "--tls-dir", home.path] : []) + labArguments)
        scheme = tls ? "https" : "http"
        let deadline = Date().addingTimeInterval(20)
        // Every port the lab serves, not the control port alone: something else answering there is not the lab.
        while ![control, east, west].allSatisfy(MotoServer.answers(port:)) {
            if Date() > deadline { throw TestFailure("the lab did not start (pip install 'moto[server]==5.2.1')") }
            usleep(100_000)
        }
        let setup = try Spawn.run(python, [Self.folder.appendingPathComponent("setup.py").path,
                                           "--east", "\(scheme)://127.0.0.1:\(east)",
                                           "--west", "\(scheme)://127.0.0.1:\(west)",
                                           "--control", "http://127.0.0.1:\(control)",
                                           "--pairs", "\(pairs)"] + (events ? ["--events"] : [])
                                           + (routing ? ["--routing"] : []) + setupArguments,
                               capture: true, environment: Self.environment(caBundle), mergeErrors: true)
        guard setup.status == 0 else { throw TestFailure("lab/setup.py failed: \(setup.output)") }
        var queues: [String: String] = [:]
        for line in setup.output.split(separator: "\n") where line.hasPrefix("events ") {
            let parts = line.split(separator: " ")
            if parts.count == 3 { queues[String(parts[1])] = String(parts[2]) }
        }
        eventQueues = queues.compactMapValues(URL.init(string:))
        self.routing = routing ? LabRouting(output: setup.output) : nil
        func side(_ bucket: String, _ region: String) -> String {
            let queue = queues[region].map { ", events = \"\($0)\"" } ?? ""
            return "{ bucket = \"\(bucket)\", region = \"\(region)\"\(queue) }"
        }
        var toml = "refresh = \"1s\"\nrpo = \"\(rpo)\"\n"
        toml += "[regions.us-east-1]\nendpoint = \"\(scheme)://127.0.0.1:\(east)\"\n"
        toml += "[regions.us-west-2]\nendpoint = \"\(scheme)://127.0.0.1:\(west)\"\n"
        for index in 0..<pairs {
            toml += "[[pair]]\nname = \"lab\(index)\"\nprimary = \(side("lab\(index)-use1", "us-east-1"))\n"
            toml += "secondary = \(side("lab\(index)-usw2", "us-west-2"))\n"
            toml += pairLines
            if let routing = self.routing { toml += routing.table("lab\(index)") }
        }
        config = home.appendingPathComponent("drtop.toml").path
        try toml.write(toFile: config, atomically: true, encoding: .utf8)
    }

    deinit {
        kill(pid, SIGTERM)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        try? FileManager.default.removeItem(at: home)
    }

    /// This process's environment, with AWS_CA_BUNDLE naming `caBundle` when there is one (boto3 trusts it so).
    private static func environment(_ caBundle: String?) -> [String: String]? {
        guard let caBundle else { return nil }
        var environment = ProcessInfo.processInfo.environment
        environment["AWS_CA_BUNDLE"] = caBundle
        return environment
    }

    /// The lab's regional endpoints, by region, for `AWSEndpoints(regionOverrides:)`.
    package var endpoints: [String: URL] {
        ["us-east-1": URL(string: "\(scheme)://127.0.0.1:\(east)")!,
         "us-west-2": URL(string: "\(scheme)://127.0.0.1:\(west)")!]
    }

    /// drtop's client for the lab's two regions, signing with the lab's keys (trusting the lab's certificate
    /// with `tls`).
    package func client(requestTimeout: Double = 10) -> AWSClient {
        let credentials = AWSCredentials(accessKeyID: "testing", secretAccessKey: "testing", source: "test")
        return AWSClient(transport: HTTPTransport(connectTimeout: 1, requestTimeout: requestTimeout, caBundle: caBundle),
                         endpoints: AWSEndpoints(regionOverrides: endpoints), credentials: { credentials })
    }

    /// POSTs a control path, e.g. "/region/us-west-2/refuse".
    package func fault(_ path: String) async throws {
        let url = URL(string: "http://127.0.0.1:\(control)\(path)")!
        let response = try await HTTPTransport().send(method: "POST", url: url, headers: [], body: Data())
        guard response.status == 200 else { throw TestFailure("lab control \(path): HTTP \(response.status)") }
    }

    /// The lab's count of requests by client and kind ("drtop S3 GET", "other Query GetMetricData", ...).
    package func requests() async throws -> [String: Int] {
        try await status()["requests"] as? [String: Int] ?? [:]
    }

    /// The lab's GET /status: objects by replication status, faults in force, requests.
    package func status() async throws -> [String: Any] {
        let url = URL(string: "http://127.0.0.1:\(control)/status")!
        let response = try await HTTPTransport().send(method: "GET", url: url, headers: [], body: Data())
        return try JSONSerialization.jsonObject(with: response.body) as? [String: Any] ?? [:]
    }

    /// Writes `count` small objects to `bucket` in `region` through the lab, as a client would.
    package func write(_ count: Int, to bucket: String, region: String) throws {
        try writeAtOnce([(count, bucket, region)])
    }

    /// Runs one workload per entry, all at the same time, and waits for them.
    package func writeAtOnce(_ writes: [(count: Int, bucket: String, region: String)]) throws {
        guard let python = MotoServer.pythonPath else { throw TestFailure("python3 is needed for the lab") }
        let pids = try writes.map { write in
            try Spawn.background(python, [Self.folder.appendingPathComponent("workload.py").path,
                                          "--endpoint", "\(scheme)://127.0.0.1:\(write.region == "us-east-1" ? east : west)",
                                          "--region", write.region, "--bucket", write.bucket, "--rate", "100",
                                          "--count", "\(write.count)", "--size", "1024"],
                                  environment: Self.environment(caBundle))
        }
        for pid in pids {
            var status: Int32 = 0
            waitpid(pid, &status, 0)
            guard status == 0 else { throw TestFailure("lab/workload.py failed (wait status \(status))") }
        }
    }

    /// Puts ReplicationLatency datapoints of `source` → `destination` (rule `rule`) into the destination region's
    /// CloudWatch (moto's), `minutesAgo` each, as CloudWatch would hold them from before drtop started.
    package func putLatency(source: String, destination: String, rule: String, region: String,
                           _ points: [(minutesAgo: Int, seconds: Double)]) throws {
        guard let python = MotoServer.pythonPath else { throw TestFailure("python3 is needed for the lab") }
        let list = points.map { "(\($0.minutesAgo), \($0.seconds))" }.joined(separator: ", ")
        let put = try Spawn.run(python, ["-c", """
            import boto3, datetime, sys
            from botocore.config import Config
            cw = boto3.client("cloudwatch", region_name=sys.argv[2], endpoint_url=f"\(scheme)://127.0.0.1:{sys.argv[1]}",
                              aws_access_key_id="testing", aws_secret_access_key="testing",
                              config=Config(disable_request_compression=True))
            dims = [{"Name": "SourceBucket", "Value": sys.argv[3]}, {"Name": "DestinationBucket", "Value": sys.argv[4]},
                    {"Name": "RuleId", "Value": sys.argv[5]}]
            now = datetime.datetime.now(datetime.timezone.utc)
            for minutes, lag in [\(list)]:
                cw.put_metric_data(Namespace="AWS/S3", MetricData=[{"MetricName": "ReplicationLatency",
                    "Dimensions": dims, "Timestamp": now - datetime.timedelta(minutes=minutes), "Value": lag}])
            """, "\(region == "us-east-1" ? east : west)", region, source, destination, rule], capture: false,
            environment: Self.environment(caBundle))
        guard put.status == 0 else { throw TestFailure("putting ReplicationLatency datapoints failed") }
    }
}
