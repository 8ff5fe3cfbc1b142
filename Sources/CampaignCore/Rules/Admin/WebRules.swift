import CampaignIntents
import Foundation

/// `后台` and `退出后台`: the web back office for branch secretaries and admins (the permission check before this
/// already turned teachers away). A login link goes only to a private chat: whoever holds it is signed in.
extension Turn {
    mutating func web(_ person: Person, signOut: Bool) throws {
        guard let access = engine.webAccess else {
            try reply(AdminReply.webNotEnabled)
            return
        }
        if signOut {
            let ended = access.signOut(staffID: person.staffID)
            try reply(AdminReply.signedOut(ended: ended))
            return
        }
        guard !message.isGroup else {
            try reply(AdminReply.webLinkInGroup)
            return
        }
        let link = access.loginLink(staffID: person.staffID)
        try reply(
            AdminReply.webLink(
                link, minutes: access.linkMinutes, scope: person.permission == .admin ? nil : person.branch),
            staffID: person.staffID)
    }
}
