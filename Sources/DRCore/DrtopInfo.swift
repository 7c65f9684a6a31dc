/// drtop's name and version, for `--version` and the User-Agent of its requests.
public enum DrtopInfo {
    /// The version.
    public static let version = "0.2.0"
    /// The User-Agent drtop sends, so that access logs and audits can tell its (read-only) requests apart.
    public static let userAgent = "drtop/\(version)"
}
