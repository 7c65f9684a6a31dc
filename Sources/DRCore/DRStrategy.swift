/// A disaster-recovery strategy as the AWS Well-Architected reliability pillar names them.
/// The strategy sets a pair's default RPO and RTO targets; explicit ones win.
public enum DRStrategy: String, Sendable, Equatable, CaseIterable, Codable {
    /// Backup and restore: RPO in hours.
    case backupAndRestore = "backup-and-restore"
    /// Pilot light: RPO in minutes.
    case pilotLight = "pilot-light"
    /// Warm standby: RPO in seconds.
    case warmStandby = "warm-standby"
    /// Multi-region active-active: RPO none to seconds.
    case activeActive = "active-active"

    /// The default RPO target in seconds for a pair using this strategy.
    public var defaultRPOSeconds: Double {
        switch self {
        case .backupAndRestore: return 4 * 3600
        case .pilotLight: return 15 * 60
        case .warmStandby: return 60
        case .activeActive: return 15
        }
    }

    /// The default RTO target in seconds (drtop's bands, to be overridden with `rto`): backup and restore 24 h,
    /// pilot light 4 h, warm standby 15 min, active-active 1 min.
    public var defaultRTOSeconds: Double {
        switch self {
        case .backupAndRestore: return 24 * 3600
        case .pilotLight: return 4 * 3600
        case .warmStandby: return 15 * 60
        case .activeActive: return 60
        }
    }

    /// A short label for the screen.
    public var label: String {
        switch self {
        case .backupAndRestore: return "backup & restore"
        case .pilotLight: return "pilot light"
        case .warmStandby: return "warm standby"
        case .activeActive: return "active-active"
        }
    }
}
