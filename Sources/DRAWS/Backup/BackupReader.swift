import DRCore
import DRWire
import Foundation

/// What AWS Backup holds of a pair's primary bucket (REST JSON, signed `backup`, in the bucket's region):
/// ListRecoveryPointsByResource (the newest COMPLETED periodic point and the continuous point, in the configured
/// vault when one is named), DescribeProtectedResource (`LastBackupTime`; ResourceNotFoundException: never backed
/// up, not an error) and ListBackupJobs by resource (the newest job). A call that fails is the status's problem,
/// naming the API, the region and the reason; what it would have given is kept from `previous`.
package struct BackupReader: Sendable {
    let client: AWSClient

    /// Creates the reader.
    package init(client: AWSClient) {
        self.client = client
    }

    /// The status of `bucket` (watched with `vault`, when named) at `now`.
    package func read(bucket: Bucket, vault: String?, previous: BackupStatus?, now: Date) async -> BackupStatus {
        var status = BackupStatus(vault: vault, readAt: now)
        var problems: [String] = []
        let region = bucket.region
        let partition = region.hasPrefix("cn-") ? "aws-cn" : region.hasPrefix("us-gov-") ? "aws-us-gov" : "aws"
        let resource = "arn:\(partition):s3:::\(bucket.name)"
        let base: String
        do {
            base = try client.endpoints.resolve(.backup, region: region)
        } catch {
            var kept = previous ?? status
            kept.problem = RoutingFailure.message("AWS Backup \(region)", error)
            return kept
        }
        do {
            let points = try await recoveryPoints(resource, vault: vault, base: base, region: region)
            status.latestPeriodic = points.filter { !$0.isContinuous && $0.status == "COMPLETED" }
                .max { $0.createdAt < $1.createdAt }
            let continuous = points.filter(\.isContinuous)
            status.continuous = continuous.first { $0.status != "STOPPED" } ?? continuous.max { $0.createdAt < $1.createdAt }
        } catch {
            problems.append(RoutingFailure.message("ListRecoveryPointsByResource \(region)", error))
            status.latestPeriodic = previous?.latestPeriodic
            status.continuous = previous?.continuous
        }
        do {
            status.lastBackupTime = try await lastBackupTime(resource, base: base, region: region)
        } catch {
            problems.append(RoutingFailure.message("DescribeProtectedResource \(region)", error))
            status.lastBackupTime = previous?.lastBackupTime
        }
        do {
            status.latestJob = try await latestJob(resource, vault: vault, base: base, region: region)
        } catch {
            problems.append(RoutingFailure.message("ListBackupJobs \(region)", error))
            status.latestJob = previous?.latestJob
        }
        status.problem = problems.isEmpty ? nil : problems.joined(separator: "; ")
        return status
    }

    private func get(_ api: String, path: String, query: [(String, String)] = [], base: String, region: String,
                     acceptStatus: Set<Int> = []) async throws -> (status: Int, json: [String: Any], response: HTTPResponse) {
        let response = try await client.rest(api: api, service: "backup", region: region, base: base, path: path,
                                             query: query, what: "\(api) \(region)", acceptStatus: acceptStatus)
        let json = (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any] ?? [:]
        return (response.status, json, response)
    }

    /// The bucket's recovery points, newest first (at most five pages).
    private func recoveryPoints(_ resource: String, vault: String?, base: String, region: String) async throws
        -> [BackupStatus.RecoveryPoint] {
        var points: [BackupStatus.RecoveryPoint] = []
        var token: String?
        for _ in 0..<5 {
            var query = [("maxResults", "100")]
            if let token { query.append(("nextToken", token)) }
            let page = try await get("ListRecoveryPointsByResource", path: "/resources/\(resource)/recovery-points/",
                                     query: query, base: base, region: region)
            for item in page.json["RecoveryPoints"] as? [[String: Any]] ?? [] {
                guard let arn = item["RecoveryPointArn"] as? String, let created = Self.date(item["CreationDate"])
                else { continue }
                let itemVault = item["BackupVaultName"] as? String
                if let vault, itemVault != vault { continue }
                points.append(BackupStatus.RecoveryPoint(
                    arn: arn, createdAt: created, status: item["Status"] as? String ?? "?", vault: itemVault,
                    isContinuous: Self.isContinuous(arn), sizeBytes: (item["BackupSizeBytes"] as? NSNumber)?.doubleValue))
            }
            token = page.json["NextToken"] as? String
            let haveBoth = points.contains { !$0.isContinuous && $0.status == "COMPLETED" } && points.contains(where: \.isContinuous)
            if token?.isEmpty ?? true || haveBoth { break }
        }
        return points
    }

    /// `LastBackupTime`, nil when AWS Backup has never protected the bucket (ResourceNotFoundException).
    private func lastBackupTime(_ resource: String, base: String, region: String) async throws -> Date? {
        let answer = try await get("DescribeProtectedResource", path: "/resources/\(resource)", base: base,
                                   region: region, acceptStatus: [400, 404])
        if answer.status >= 400 {
            let code = AWSErrorMapping.codeAndMessage(answer.response).code
            if code == "ResourceNotFoundException" { return nil }
            throw AWSErrorMapping.problem(api: "DescribeProtectedResource", what: "DescribeProtectedResource \(region)",
                                          response: answer.response)
        }
        return Self.date(answer.json["LastBackupTime"])
    }

    /// The newest backup job of the bucket (at most five pages read).
    private func latestJob(_ resource: String, vault: String?, base: String, region: String) async throws
        -> BackupStatus.Job? {
        var newest: BackupStatus.Job?
        var token: String?
        for _ in 0..<5 {
            var query = [("resourceArn", resource), ("maxResults", "100")]
            if let vault { query.append(("backupVaultName", vault)) }
            if let token { query.append(("nextToken", token)) }
            let page = try await get("ListBackupJobs", path: "/backup-jobs/", query: query, base: base, region: region)
            for item in page.json["BackupJobs"] as? [[String: Any]] ?? [] {
                guard let created = Self.date(item["CreationDate"]) else { continue }
                let job = BackupStatus.Job(id: item["BackupJobId"] as? String ?? "?", state: item["State"] as? String ?? "?",
                                           statusMessage: item["StatusMessage"] as? String, createdAt: created,
                                           completedAt: Self.date(item["CompletionDate"]))
                if newest.map({ job.createdAt > $0.createdAt }) ?? true { newest = job }
            }
            token = page.json["NextToken"] as? String
            if token?.isEmpty ?? true { break }
        }
        return newest
    }

    /// A continuous (point-in-time) recovery point: AWS Backup names them `recovery-point:continuous:…`.
    static func isContinuous(_ arn: String) -> Bool { arn.contains(":recovery-point:continuous:") }

    /// A REST JSON timestamp: epoch seconds, or ISO 8601 text.
    static func date(_ value: Any?) -> Date? {
        if let number = value as? NSNumber { return Date(timeIntervalSince1970: number.doubleValue) }
        if let text = value as? String { return ISO8601.parse(text) ?? Double(text).map(Date.init(timeIntervalSince1970:)) }
        return nil
    }
}
