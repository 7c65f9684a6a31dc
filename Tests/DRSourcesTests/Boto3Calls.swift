import DRTestSupport
import Foundation

/// boto3 calls made by `Moto/boto3_calls.py`: how the tests set up what drtop then reads, as any client writes it.
enum Boto3Calls {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Moto/boto3_calls.py").path

    /// Makes `calls` (operation, JSON parameters) in order against `endpoint` in `region`; returns each answer.
    @discardableResult
    static func run(_ endpoint: String, region: String = "us-east-1", service: String = "s3",
                    _ calls: [(String, String)]) throws -> [[String: Any]] {
        guard let python = MotoServer.pythonPath else { throw TestFailure("python3 is needed for boto3") }
        let result = try Spawn.run(python, [script, endpoint, region, service] + calls.flatMap { [$0.0, $0.1] },
                                   capture: true)
        guard result.status == 0 else { throw TestFailure("boto3_calls.py failed with status \(result.status)") }
        return try result.output.split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] ?? [:]
        }
    }
}
