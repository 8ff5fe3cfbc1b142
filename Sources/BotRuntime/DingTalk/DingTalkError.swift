import Foundation

extension OpenAPIError {
    /// Sorts an answer of DingTalk's open API (`{"code": …, "message": …}` with an HTTP status). `credentials` is true
    /// for the calls that present the client id and secret (a 4xx there means they are wrong).
    static func dingTalk(status: Int, code: String, message: String, credentials: Bool) -> OpenAPIError {
        let detail = "HTTP \(status) \(code): \(message)"
        let throttled = ["QpsLimit", "Throttling", "FlowControl", "LimitExceeded"].contains {
            code.localizedCaseInsensitiveContains($0)
        }
        if status == 429 || throttled { return OpenAPIError(.tooFrequent, "DingTalk", detail) }
        if status >= 500 { return OpenAPIError(.transient, "DingTalk", detail) }
        if credentials, (400..<500).contains(status) {
            return OpenAPIError(
                .refused, "DingTalk", detail,
                advice: "Check CXZY_DINGTALK_CLIENT_ID and CXZY_DINGTALK_CLIENT_SECRET (应用开发 → 企业内部应用 → 凭证与基础信息).")
        }
        if status == 401 || code == "InvalidAuthentication" { return OpenAPIError(.tokenExpired, "DingTalk", detail) }
        if status == 403, code.localizedCaseInsensitiveContains("PermissionDenied") {
            return OpenAPIError(
                .refused, "DingTalk", detail,
                advice: "Grant the app the robot's permissions (权限管理: 企业内机器人发送消息权限) in the DingTalk developer console.")
        }
        return OpenAPIError(.rejected, "DingTalk", detail)
    }
}
