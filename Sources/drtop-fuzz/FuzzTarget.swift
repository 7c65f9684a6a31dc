import DRAWS
import DRCore
import DRFrontDoor
import DRRender
import DRTerminal
import DRWire
import Foundation

/// What drtop reads from outside, one parser per target: each must return or throw, never crash or hang.
enum FuzzTarget: String, CaseIterable {
    /// S3 and CloudWatch XML answers: the XML reader, then every S3 answer parser and the timestamp reader.
    case xml
    /// The shared AWS config and credentials files.
    case ini
    /// drtop's TOML configuration: documents built from the bytes (see `TOMLFromBytes`), validated by drtop.
    case config
    /// S3 event notification messages (SQS bodies).
    case events
    /// Keys as ncurses hands them over (characters and function-key codes).
    case keys

    /// Feeds `data` to the target's parser.
    func run(_ data: Data) {
        let text = String(decoding: data, as: UTF8.self)
        switch self {
        case .xml:
            guard let xml = try? XMLNode.parse(data, what: "fuzz") else { return }
            _ = S3Parsing.replicationRules(xml)
            _ = S3Parsing.versioning(xml)
            _ = S3Parsing.location(xml)
            _ = S3Parsing.bucketNames(xml)
            for member in xml.all("member") + xml.all("LastModified") { _ = ISO8601.parse(member.text) }
            _ = AWSErrorMapping.problem(api: "GetBucketReplication", what: "fuzz",
                                        response: HTTPResponse(status: 400, headers: [:], body: data))
        case .ini:
            _ = try? INIFile(text, path: "fuzz")
        case .config:
            var builder = TOMLFromBytes([UInt8](data))
            _ = try? ConfigLoader.parse(builder.document(), path: "fuzz.toml", guarded: false)
            _ = TableHeaderCheck.firstProblem(text)
        case .events:
            _ = S3EventParsing.records(text)
            _ = ISO8601.parse(text)
        case .keys:
            var index = 0
            while index + 4 <= data.count {
                let value = data[data.startIndex + index..<data.startIndex + index + 4]
                    .reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
                _ = index % 8 == 0 ? KeyDecoder.decode(functionKey: value) : KeyDecoder.decode(character: value)
                index += 4
            }
        }
    }
}
