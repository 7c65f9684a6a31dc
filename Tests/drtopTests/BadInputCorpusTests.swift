import DRTestSupport
import Foundation
import Testing

/// Every malformed configuration or credentials file in Tests/drtopTests/Corpus gives one line naming the file
/// (and the line where it can) and exit status 2 — never a stack trace, never a poll.
@Suite struct BadInputCorpusTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Corpus")
    static let configs = ((try? FileManager.default.contentsOfDirectory(atPath: corpus.appendingPathComponent("config").path))
        ?? []).sorted()
    static let credentials = ((try? FileManager.default.contentsOfDirectory(
        atPath: corpus.appendingPathComponent("credentials").path)) ?? []).sorted()

    func run(_ arguments: [String], environment: [String: String] = [:]) throws -> (status: Int32, output: String) {
        let home = FileManager.default.temporaryDirectory.path
        return try Spawn.run(try EndToEndTests.binary(), arguments, capture: true,
                             environment: ["HOME": home, "AWS_EC2_METADATA_DISABLED": "true"].merging(environment) { $1 },
                             mergeErrors: true)
    }

    func expectOneLineError(_ result: (status: Int32, output: String), naming path: String) {
        #expect(result.status == 2, "\(path): \(result.output)")
        let lines = result.output.split(separator: "\n")
        #expect(lines.count == 1, "\(path): one line, got \(result.output)")
        #expect(result.output.hasPrefix("drtop: \(path)"), "\(result.output)")
        #expect(!result.output.contains("Fatal error") && !result.output.contains("Stack"), "\(result.output)")
    }

    @Test func corpusIsLargeEnough() {
        #expect(Self.configs.count + Self.credentials.count + 2 >= 30)
    }

    @Test(arguments: configs)
    func badConfiguration(name: String) throws {
        let path = Self.corpus.appendingPathComponent("config/\(name)").path
        expectOneLineError(try run(["snapshot", "--json", "--config", path]), naming: path)
    }

    @Test func hugeDirectoryAndMissingConfigurations() throws {
        let huge = FileManager.default.temporaryDirectory.appendingPathComponent("drtop-huge-\(getpid()).toml")
        try String(repeating: "# padding to make the file larger than sixteen mebibytes\n", count: 320_000)
            .write(to: huge, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: huge) }
        expectOneLineError(try run(["snapshot", "--json", "--config", huge.path]), naming: huge.path)
        let directory = FileManager.default.temporaryDirectory.path
        expectOneLineError(try run(["snapshot", "--json", "--config", directory]), naming: directory)
        expectOneLineError(try run(["snapshot", "--json", "--config", "/nonexistent/x.toml"]), naming: "/nonexistent/x.toml")
    }

    @Test(arguments: credentials)
    func badCredentialsFile(name: String) throws {
        let path = Self.corpus.appendingPathComponent("credentials/\(name)").path
        let config = Self.corpus.appendingPathComponent("config/../good.toml").standardizedFileURL.path
        let result = try run(["snapshot", "--json", "--config", config],
                             environment: ["AWS_SHARED_CREDENTIALS_FILE": path])
        #expect(result.status == 2, "\(result.output)")
        #expect(result.output.split(separator: "\n").count == 1, "\(result.output)")
        #expect(result.output.hasPrefix("drtop: \(path)"), "\(result.output)")
    }
}
