import Foundation

/// Why a WeCom API call failed, sorted by what the caller should do about it. Never contains the secret or the
/// access token.
package enum WeComError: PlatformError, ExpiringTokenError, Sendable {
    /// 45009 and other frequency limits: wait, every send pauses.
    case tooFrequent(code: Int, String)
    /// 40014 / 42001 / 42009: the access token is invalid or expired; fetch a new one.
    case tokenExpired(code: Int)
    /// 40001 / 40013 / 60020 / 40056 …: the corp id, secret, agent id or server IP is refused; the bot stops.
    case refused(code: Int, String)
    /// Other errcodes for one message (a user not in the app's visible range, …): drop that message.
    case rejected(code: Int, String)
    /// 5xx, -1 (system busy), timeouts, connection errors, garbage: retry with backoff.
    case transient(String)

    package var description: String {
        switch self {
        case .tooFrequent(let code, let m): "WeCom asked to slow down (errcode \(code): \(m))"
        case .tokenExpired(let code): "the WeCom access token expired (errcode \(code))"
        case .refused(let code, let m):
            "WeCom refused the bot's credentials (errcode \(code): \(m)). \(Self.advice(code)) The bot stops rather than retrying."
        case .rejected(let code, let m): "WeCom rejected the message (errcode \(code): \(m))"
        case .transient(let d): "temporary WeCom failure: \(d)"
        }
    }

    var isTokenExpiry: Bool {
        if case .tokenExpired = self { true } else { false }
    }

    package var refusesCredentials: Bool {
        if case .refused = self { true } else { false }
    }

    static func advice(_ code: Int) -> String {
        switch code {
        case 40013: "Check CXZY_WECOM_CORP_ID (我的企业 → 企业ID)."
        case 40001: "Check CXZY_WECOM_SECRET (应用管理 → 自建应用 → Secret)."
        case 60020: "Add this server's public IP to the app's 企业可信IP in the WeCom admin console."
        case 40056, 301002: "Check CXZY_WECOM_AGENT_ID (应用管理 → 自建应用 → AgentId)."
        default: "Check the CXZY_WECOM_… settings against the WeCom admin console."
        }
    }

    /// Sorts an errcode from a WeCom response.
    static func from(code: Int, message: String) -> WeComError {
        switch code {
        case 40014, 42001, 42009: .tokenExpired(code: code)
        case 45009, 45033, 45047, 45011: .tooFrequent(code: code, message)
        case 40001, 40013, 60020, 40056, 301002, 41004, 40091: .refused(code: code, message)
        case -1: .transient("errcode -1: \(message)")
        default: .rejected(code: code, message)
        }
    }
}
