import Foundation

/// Why a Feishu open API call failed, sorted by what the caller should do about it. Never contains the app secret or
/// the tenant access token.
public enum FeishuError: PlatformError, Sendable {
    /// HTTP 429 or a frequency-limit code: wait, every send pauses.
    case tooFrequent(code: Int)
    /// The tenant access token is invalid or expired: fetch a new one.
    case tokenExpired(code: Int)
    /// The app id or secret is refused, or the app lacks a permission: the bot stops.
    case refused(code: Int, String)
    /// Other codes for one message (the bot is not in the chat, the user is outside the app's range, …): drop it.
    case rejected(code: Int, String)
    /// 5xx, timeouts, connection errors, garbage: retry with backoff.
    case transient(String)

    public var description: String {
        switch self {
        case .tooFrequent(let code): "Feishu asked to slow down (code \(code))"
        case .tokenExpired(let code): "the Feishu tenant access token expired (code \(code))"
        case .refused(let code, let m):
            "Feishu refused the bot's credentials (code \(code): \(m)). \(Self.advice(code)) The bot stops rather than retrying."
        case .rejected(let code, let m): "Feishu rejected the message (code \(code): \(m))"
        case .transient(let d): "temporary Feishu failure: \(d)"
        }
    }

    public var refusesCredentials: Bool {
        if case .refused = self { true } else { false }
    }

    static func advice(_ code: Int) -> String {
        switch code {
        case 99991672, 99991679: "Add the permissions the bot needs (im:message, im:message:send_as_bot) and publish a new version of the app."
        default: "Check CXZY_FEISHU_APP_ID and CXZY_FEISHU_APP_SECRET (开发者后台 → 凭证与基础信息)."
        }
    }

    /// Sorts an answer (`{"code": …, "msg": …}` with an HTTP status). `credentials` is true for the token request.
    static func from(status: Int, code: Int, message: String, credentials: Bool) -> FeishuError {
        switch code {
        case 99991400, 230020, 11232: return .tooFrequent(code: code)
        case 99991661, 99991663, 99991668: return .tokenExpired(code: code)
        case 99991672, 99991679, 10003, 10014: return .refused(code: code, message)
        default: break
        }
        if status == 429 { return .tooFrequent(code: code) }
        if status >= 500 || code == -1 { return .transient("HTTP \(status), code \(code): \(message)") }
        if credentials { return .refused(code: code, message) }
        return .rejected(code: code, message)
    }
}
