import DRTestSupport
import Foundation
import Testing

/// TLS verification is always on: an endpoint whose certificate is not trusted is a region problem, never a
/// silent connection; trusting a private CA is done the AWS SDKs' way (AWS_CA_BUNDLE), not by turning checks off.
@Suite(.serialized) struct TLSVerificationTests {
    @Test func untrustedCertificateIsRefusedAndAPrivateCACanBeTrusted() throws {
        guard let python = MotoServer.pythonPath else { throw TestFailure("python3 is needed") }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("drtop-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let cert = directory.appendingPathComponent("cert.pem").path
        let key = directory.appendingPathComponent("key.pem").path
        let made = try Spawn.run("/usr/bin/openssl", [
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
            "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key, "-out", cert,
        ], capture: true)
        guard made.status == 0 else { throw TestFailure("openssl could not make a certificate: \(made.output)") }
        let port = try MotoServer.freePort()
        // A TLS server that answers every request with an empty 200: enough to see whether drtop connects.
        let server = try Spawn.background(python, ["-c", """
            import http.server, ssl
            class H(http.server.BaseHTTPRequestHandler):
                def do_GET(self):
                    self.send_response(200); self.send_header("Content-Length", "0"); self.end_headers()
                do_POST = do_HEAD = do_GET
                def log_message(self, *a): pass
            s = http.server.HTTPServer(("127.0.0.1", \(port)), H)
            c = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER); c.load_cert_chain("\(cert)", "\(key)")
            s.socket = c.wrap_socket(s.socket, server_side=True)
            s.serve_forever()
            """])
        defer {
            kill(server, SIGTERM)
            var status: Int32 = 0
            waitpid(server, &status, 0)
        }
        let deadline = Date().addingTimeInterval(10)
        while !MotoServer.answers(port: port), Date() < deadline { usleep(100_000) }
        let config = directory.appendingPathComponent("drtop.toml").path
        try """
            [regions.us-east-1]
            endpoint = "https://127.0.0.1:\(port)"
            [regions.us-west-2]
            endpoint = "https://127.0.0.1:\(port)"
            [[pair]]
            name = "tls"
            primary = { bucket = "tls-use1", region = "us-east-1" }
            secondary = { bucket = "tls-usw2", region = "us-west-2" }
            """.write(toFile: config, atomically: true, encoding: .utf8)
        let environment = ["HOME": directory.path, "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
                           "AWS_EC2_METADATA_DISABLED": "true"]
        let refused = try Spawn.run(try EndToEndTests.binary(), ["snapshot", "--json", "--config", config],
                                    capture: true, environment: environment)
        #expect(refused.output.contains("TLS certificate not trusted"), "\(refused.output)")
        // The same server, its certificate trusted through AWS_CA_BUNDLE: drtop connects (and then finds the
        // answers are not S3's, which is a different problem).
        var trusting = environment
        trusting["AWS_CA_BUNDLE"] = cert
        let trusted = try Spawn.run(try EndToEndTests.binary(), ["snapshot", "--json", "--config", config],
                                    capture: true, environment: trusting)
        #expect(!trusted.output.contains("TLS certificate not trusted"), "\(trusted.output)")
        #expect(trusted.output.contains("not valid XML"), "\(trusted.output)")
    }
}
