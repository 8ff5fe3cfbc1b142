import Foundation

extension OpenAPIError {
    /// Sorts an answer of Feishu's open API (`{"code": …, "msg": …}` with an HTTP status). `credentials` is true for
    /// the token request (any refusal there means the app id or secret is wrong).
    static func feishu(status: Int, code: Int, message: String, credentials: Bool) -> OpenAPIError {
        let detail = "HTTP \(status), code \(code): \(message)"
        switch code {
        case 99991400, 230020, 11232: return OpenAPIError(.tooFrequent, "Feishu", detail)
        case 99991661, 99991663, 99991668: return OpenAPIError(.tokenExpired, "Feishu", detail)
        case 99991672, 99991679:
            return OpenAPIError(
                .refused, "Feishu", detail,
                advice:
                    "Add the permissions the bot needs (im:message, im:message:send_as_bot) and publish a new version of the app."
            )
        default: break
        }
        if status == 429 { return OpenAPIError(.tooFrequent, "Feishu", detail) }
        if status >= 500 || code == -1 { return OpenAPIError(.transient, "Feishu", detail) }
        if credentials || code == 10003 || code == 10014 {
            return OpenAPIError(
                .refused, "Feishu", detail,
                advice: "Check CXZY_FEISHU_APP_ID and CXZY_FEISHU_APP_SECRET (开发者后台 → 凭证与基础信息).")
        }
        return OpenAPIError(.rejected, "Feishu", detail)
    }
}
