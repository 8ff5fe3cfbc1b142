import CampaignCore
import Foundation

/// Every platform the bot can run on. Adding a platform is one line here (see docs/transports.md).
package enum Transports {
    package static let all: [any Transport.Type] = [
        TelegramTransport.self,
        MatrixTransport.self,
        WeComTransport.self,
        DingTalkTransport.self,
        FeishuTransport.self,
    ]

    /// The roster's platform columns, in this order.
    package static var rosterColumns: [ChatPlatformColumn] { all.map { $0.rosterColumn } }

    /// The roster import as one change: the private chats that the listed ids already give go with it.
    package static func importChange(people: [Person], codes: [String: String]) -> Change {
        let reachable = rosterColumns.filter(\.reachesUserByID).map(\.name)
        var directChats: [String: [ChatAddress]] = [:]
        for person in people {
            let addresses = reachable.compactMap { platform in
                person.chats[platform].map { ChatAddress(transport: platform, chat: $0) }
            }
            if !addresses.isEmpty { directChats[person.staffID] = addresses }
        }
        return .importRoster(people: people, codes: codes, directChats: directChats)
    }
}

extension RosterCSV {
    /// Parses a roster with a column for each platform the bot knows (`telegram`, `matrix`, `wecom`, …).
    package static func parse(_ data: Data) throws -> [Person] {
        try parse(data, platforms: Transports.rosterColumns)
    }
}
