package import CampaignCore
import Foundation

/// The web back office (管理后台) of branch secretaries and admins, served on the bot's own listener: where its
/// links point (`CXZY_WEB_BASE_URL`, the public address behind the school's HTTPS proxy), and its logins.
///
/// Enabled when the base URL is set (`web.baseURL` or `CXZY_WEB_BASE_URL`): `BotService.prepare` makes one from the
/// configuration (or takes the one it is given) and hands it to `Bot.open` (for the rules' `后台`) and to the HTTP
/// listener (for the routes).
package final class WebOffice: WebAccess {
    /// The base URL without a trailing slash, e.g. `https://dangjian.school.example/cxzy`.
    package let baseURL: String
    /// The path part of the base URL ("" or `/cxzy`): links inside the pages start with it. The proxy strips it.
    package let pathPrefix: String
    /// Behind HTTPS: cookies are `Secure` (and `__Host-` prefixed).
    package let secure: Bool
    package let logins: WebLogins
    /// Roster uploads waiting for the admin's 确认导入.
    let previews = RosterPreviews()
    /// The report's PDF is made one at a time.
    let printing = OneAtATime()
    package let clock: any CampaignClock

    package struct BadBaseURL: Error, CustomStringConvertible {
        package var description: String
    }

    package init(baseURL text: String, clock: any CampaignClock) throws(BadBaseURL) {
        baseURL = try Self.normalized(text)
        let path = URL(string: baseURL)?.path ?? ""
        pathPrefix = path == "/" ? "" : path
        secure = baseURL.lowercased().hasPrefix("https:")
        logins = WebLogins(clock: clock)
        self.clock = clock
    }

    /// The base URL without surrounding spaces and trailing slashes, when it is an http(s) address with a host and
    /// neither a query nor a fragment.
    package static func normalized(_ text: String) throws(BadBaseURL) -> String {
        var text = text.trimmingCharacters(in: .whitespaces)
        while text.hasSuffix("/") { text.removeLast() }
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
            let host = url.host, !host.isEmpty, url.query == nil, url.fragment == nil
        else {
            throw BadBaseURL(
                description:
                    "CXZY_WEB_BASE_URL (web.baseURL) must be the back office's public address, e.g. https://dangjian.school.example/cxzy, not “\(text)”"
            )
        }
        return text
    }

    package var linkMinutes: Int { Int(WebLogins.linkLifetime / 60) }

    package func loginLink(staffID: String) -> String {
        baseURL + "/login?token=" + logins.issue(staffID: staffID)
    }

    package func signOut(staffID: String) -> Int { logins.endAll(staffID: staffID) }

    /// The session cookie's name: `__Host-` behind HTTPS, so no subdomain can set or overwrite it.
    var cookieName: String { secure ? "__Host-cxzy-session" : "cxzy-session" }

    /// The `Set-Cookie` value that opens a session (`id` nil: clears it).
    func sessionCookie(_ id: String?) -> String {
        var cookie = "\(cookieName)=\(id ?? ""); Path=/; HttpOnly; SameSite=Strict"
        cookie += id == nil ? "; Max-Age=0" : "; Max-Age=\(Int(WebLogins.sessionLifetime))"
        if secure { cookie += "; Secure" }
        return cookie
    }

    /// A path inside the office, as the browser sees it.
    func link(_ path: String) -> String { pathPrefix + path }
}

/// A gate that lets one piece of work run at a time and turns the others away (instead of queueing them).
actor OneAtATime {
    private var busy = false

    func begin() -> Bool {
        guard !busy else { return false }
        busy = true
        return true
    }

    func end() { busy = false }
}
