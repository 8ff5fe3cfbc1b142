package import CampaignCore
import Crypto
package import Foundation
import Synchronization

/// The back office's login links and sessions, in memory: a restart signs everyone out (people ask the bot for a new
/// link). Only SHA-256 digests of links and session ids are kept, so a memory dump does not hand out a session.
///
/// A lock rather than an actor: the chat rules, which are synchronous, ask it for a link in the middle of a turn.
package final class WebLogins: Sendable {
    package struct Session: Sendable {
        package var staffID: String
        package var expires: Date
        /// The token every form of this session carries (`csrf`), compared in constant time.
        package var csrf: String
    }

    /// What an attempt to use a login link came to.
    package enum Redemption: Sendable {
        /// Signed in: the new session's id (the cookie's value) and the session.
        case signedIn(id: String, Session)
        /// Unknown, used or expired.
        case invalid
        /// Too many attempts from this client (or from everywhere) lately: try again later.
        case limited
    }

    private struct Pending {
        var staffID: String
        var expires: Date
    }

    private struct State {
        var links: [String: Pending] = [:]
        var sessions: [String: Session] = [:]
        var attempts: [String: [Date]] = [:]
        var failures: [Date] = []

        mutating func prune(_ now: Date) {
            links = links.filter { $0.value.expires > now }
            sessions = sessions.filter { $0.value.expires > now }
            let since = now - WebLogins.attemptWindow
            attempts = attempts.compactMapValues { dates in
                let kept = dates.filter { $0 > since }
                return kept.isEmpty ? nil : kept
            }
            failures.removeAll { $0 <= since }
        }
    }

    package static let linkLifetime: TimeInterval = 10 * 60
    package static let sessionLifetime: TimeInterval = 8 * 60 * 60
    /// Attempts one client may make within `attemptWindow`, and failed attempts all clients together may make.
    package static let attemptsPerClient = 10
    package static let failuresOverall = 50
    package static let attemptWindow: TimeInterval = 10 * 60

    private let state = Mutex(State())
    private let clock: any CampaignClock

    package init(clock: any CampaignClock) { self.clock = clock }

    /// A new single-use login link token for `staffID`, valid for `linkLifetime`.
    package func issue(staffID: String) -> String {
        let token = Self.randomToken()
        let now = clock.now()
        state.withLock { state in
            state.prune(now)
            state.links[Self.digest(token)] = Pending(staffID: staffID, expires: now + Self.linkLifetime)
        }
        return token
    }

    /// Uses a login link: once, before it expires, and within the rate limits.
    package func redeem(_ token: String, client: String) -> Redemption {
        let now = clock.now()
        return state.withLock { state in
            state.prune(now)
            let recent = state.attempts[client, default: []]
            guard recent.count < Self.attemptsPerClient, state.failures.count < Self.failuresOverall else {
                return .limited
            }
            state.attempts[client, default: []].append(now)
            guard let pending = state.links.removeValue(forKey: Self.digest(token)), pending.expires > now else {
                state.failures.append(now)
                return .invalid
            }
            let id = Self.randomToken()
            let session = Session(
                staffID: pending.staffID, expires: now + Self.sessionLifetime, csrf: Self.randomToken())
            state.sessions[Self.digest(id)] = session
            return .signedIn(id: id, session)
        }
    }

    /// The open session with this cookie value, if any.
    package func session(_ id: String) -> Session? {
        let now = clock.now()
        return state.withLock { state in
            state.prune(now)
            return state.sessions[Self.digest(id)]
        }
    }

    /// Ends one session (the page's 退出).
    package func end(_ id: String) {
        _ = state.withLock { $0.sessions.removeValue(forKey: Self.digest(id)) }
    }

    /// Ends every session and unused link of `staffID` (`退出后台`, or someone taken off the roster); returns how
    /// many sessions were open.
    package func endAll(staffID: String) -> Int {
        state.withLock { state in
            let before = state.sessions.count
            state.sessions = state.sessions.filter { $0.value.staffID != staffID }
            state.links = state.links.filter { $0.value.staffID != staffID }
            return before - state.sessions.count
        }
    }

    /// 32 random bytes from the system's secure generator, base64url without padding.
    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    static func digest(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
