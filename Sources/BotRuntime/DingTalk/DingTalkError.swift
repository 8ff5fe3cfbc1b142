import Foundation

/// Why a DingTalk open API call failed, sorted by what the caller should do about it. Never contains the client
/// secret or the access token.
public enum DingTalkError: PlatformError, Sendable {
    /// HTTP 429 or a QPS / flow-control code: wait, every send pauses.
    case tooFrequent(String)
    /// HTTP 401 / `InvalidAuthentication` on a call with a token: the access token expired; fetch a new one.
    case tokenExpired
    /// The client id or secret is refused, or the app lacks a permission: the bot stops.
    case refused(code: String, String)
    /// Other refusals of one message (a user not in the robot's range, …): drop that message.
    case rejected(code: String, String)
    /// 5xx, timeouts, connection errors, garbage: retry with backoff.
    case transient(String)

    public var description: String {
        switch self {
        case .tooFrequent(let m): "DingTalk asked to slow down (\(m))"
        case .tokenExpired: "the DingTalk access token expired"
        case .refused(let code, let m):
            "DingTalk refused the bot's credentials (\(code): \(m)). \(Self.advice(code)) The bot stops rather than retrying."
        case .rejected(let code, let m): "DingTalk rejected the message (\(code): \(m))"
        case .transient(let d): "temporary DingTalk failure: \(d)"
        }
    }

    public var refusesCredentials: Bool {
        if case .refused = self { true } else { false }
    }

    static func advice(_ code: String) -> String {
        if code.localizedCaseInsensitiveContains("permission") || code.hasPrefix("Forbidden") {
            return "Grant the app the robot's permissions (权限管理: 企业内机器人发送消息权限) in the DingTalk developer console."
        }
        return "Check CXZY_DINGTALK_CLIENT_ID and CXZY_DINGTALK_CLIENT_SECRET (应用开发 → 企业内部应用 → 凭证与基础信息)."
    }

    /// Sorts an answer of the open API (`{"code": …, "message": …}` with an HTTP status). `credentials` is true for the
    /// calls that present the client id and secret (a 4xx there means they are wrong).
    static func from(status: Int, code: String, message: String, credentials: Bool) -> DingTalkError {
        let throttled = ["QpsLimit", "Throttling", "FlowControl", "LimitExceeded"].contains { code.localizedCaseInsensitiveContains($0) }
        if status == 429 || throttled { return .tooFrequent(code.isEmpty ? "HTTP \(status)" : code) }
        if status >= 500 { return .transient("HTTP \(status) \(code)") }
        if credentials, (400..<500).contains(status) { return .refused(code: code.isEmpty ? "HTTP \(status)" : code, message) }
        if status == 401 || code == "InvalidAuthentication" { return .tokenExpired }
        if status == 403, code.localizedCaseInsensitiveContains("PermissionDenied") { return .refused(code: code, message) }
        return .rejected(code: code.isEmpty ? "HTTP \(status)" : code, message)
    }
}
