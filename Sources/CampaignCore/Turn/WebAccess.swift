/// The web back office (管理后台) as the rules see it: it hands out one-time login links and ends sessions. The
/// runtime provides it when its address is configured (`CXZY_WEB_BASE_URL`, `web.baseURL`); the rules stay free of
/// tokens, cookies and HTTP.
///
/// Synchronous, because the rules are: an implementation keeps its state behind a lock and answers at once.
package protocol WebAccess: Sendable {
    /// A link that signs `staffID` in once, within minutes (the implementation says how long in `linkMinutes`).
    func loginLink(staffID: String) -> String
    /// Ends every session and unused link of `staffID`; returns how many sessions were open.
    func signOut(staffID: String) -> Int
    /// How long a login link stays valid.
    var linkMinutes: Int { get }
}
