import DRCore
import DRWire
import Foundation
import Testing

/// How the shared `config` / `credentials` files are read: what is empty, what is an error.
@Suite struct SharedFileTests {
    let home: URL

    init() throws {
        home = FileManager.default.temporaryDirectory.appendingPathComponent("drtop-shared-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home.appendingPathComponent(".aws"), withIntermediateDirectories: true)
    }

    func env(_ extra: [String: String]) -> [String: String] {
        ["HOME": home.path, "AWS_EC2_METADATA_DISABLED": "true"].merging(extra) { $1 }
    }

    @Test func devNullAndEmptyFilesReadAsEmpty() async throws {
        #expect(try INIFile.read(path: "/dev/null")?.sections == [:])
        let empty = home.appendingPathComponent("empty")
        try Data().write(to: empty)
        #expect(try INIFile.read(path: empty.path)?.sections == [:])
        #expect(try INIFile.read(path: home.appendingPathComponent("absent").path) == nil)
        // The chain goes on past both files to the environment's keys, and finds no region in the profile.
        let chain = CredentialChain(environment: env([
            "AWS_CONFIG_FILE": "/dev/null", "AWS_SHARED_CREDENTIALS_FILE": "/dev/null",
            "AWS_ACCESS_KEY_ID": "ENVKEY", "AWS_SECRET_ACCESS_KEY": "s",
        ]))
        #expect(try chain.region() == nil)
        #expect(try chain.configProfile() == nil)
        #expect(try await chain.resolve(transport: HTTPTransport()).accessKeyID == "ENVKEY")
        // With nothing else, /dev/null files are "no credentials", not a read error.
        let nothing = CredentialChain(environment: env([
            "AWS_CONFIG_FILE": "/dev/null", "AWS_SHARED_CREDENTIALS_FILE": "/dev/null",
        ]))
        await #expect {
            try await nothing.resolve(transport: HTTPTransport())
        } throws: { error in
            "\(error)".contains("no AWS credentials found") && !"\(error)".contains("cannot be read")
        }
    }

    @Test func directoryAndBadTextAreOneLineNamingThePath() throws {
        let directory = home.appendingPathComponent(".aws").path
        #expect {
            try INIFile.read(path: directory)
        } throws: { error in
            "\(error)" == "\(directory): is a directory, not a file"
        }
        let latin1 = home.appendingPathComponent("latin1")
        try Data([0x5B, 0x64, 0x65, 0x66, 0x5D, 0x0A, 0xE9, 0xFF]).write(to: latin1)
        #expect {
            try CredentialChain(environment: env(["AWS_CONFIG_FILE": latin1.path])).region()
        } throws: { error in
            "\(error)" == "\(latin1.path): cannot be read as UTF-8 text"
        }
        // A path through a file (ENOTDIR) is "not there", as a missing file is.
        #expect(try INIFile.read(path: latin1.path + "/config") == nil)
    }
}
