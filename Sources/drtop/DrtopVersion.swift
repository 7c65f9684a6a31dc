/// drtop's version.
enum DrtopVersion {
    static let string = "0.1.0"
}
