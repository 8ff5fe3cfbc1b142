package import CampaignIntents
import Foundation

/// What a person may do with the bot (SPEC §2 `权限`).
package enum Permission: String, Codable, Sendable, Comparable {
    case teacher, secretary, admin

    package var chineseName: String {
        switch self {
        case .teacher: "教师"
        case .secretary: "支部书记"
        case .admin: "管理员"
        }
    }

    private var rank: Int { self == .teacher ? 0 : self == .secretary ? 1 : 2 }
    package static func < (lhs: Permission, rhs: Permission) -> Bool { lhs.rank < rhs.rank }

    /// The help audience of this permission.
    package var audience: CampaignIntents.Audience {
        switch self {
        case .teacher: .teacher
        case .secretary: .secretary
        case .admin: .admin
        }
    }
}
