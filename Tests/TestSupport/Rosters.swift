package import CampaignCore

/// Rosters as tests read them. The core cannot see the runtime's platform list, so the columns here are simple
/// stand-ins with the same rules as Telegram's and Matrix's.
package enum TestRosters {
    /// The demo roster: the same text as the runtime's `DemoRoster.csv` (a runtime test keeps the two equal).
    package static let demo = String(decoding: PackageResources.demo_roster_csv, as: UTF8.self)

    /// A Telegram column (numeric user ids; the private chat is the user id) and a Matrix one (`@user:server`).
    package static let platforms: [ChatPlatformColumn] = [
        ChatPlatformColumn(name: "telegram", reachesUserByID: true) { id in
            Int64(id) == nil || id.hasPrefix("-") ? "数字用户 ID" : nil
        },
        ChatPlatformColumn(name: "matrix", reachesUserByID: false) { id in
            id.hasPrefix("@") && id.contains(":") && !id.contains(" ") ? nil : " @用户名:服务器 形式"
        },
    ]
}
