import CampaignIntents
import Foundation

/// `后台` and `退出后台`: the web back office for branch secretaries and admins (the permission check before this
/// already turned teachers away). A login link goes only to a private chat: whoever holds it is signed in.
extension Turn {
    mutating func web(_ person: Person, signOut: Bool) throws {
        guard let access = engine.webAccess else {
            try reply(
                t(
                    "管理后台尚未开启。请服务器管理员设置后台的网址（CXZY_WEB_BASE_URL，或配置文件的 web.baseURL）和 CXZY_HTTP_LISTEN 后重启机器人。",
                    "The web back office is not enabled. The server's operator sets CXZY_WEB_BASE_URL (or web.baseURL in the config file) and CXZY_HTTP_LISTEN."
                ))
            return
        }
        if signOut {
            let ended = access.signOut(staffID: person.staffID)
            try reply(
                t(
                    ended > 0 ? "已退出管理后台：您的 \(ended) 个登录全部失效，未使用的登录链接也已作废。" : "您没有登录中的管理后台；未使用的登录链接已作废。",
                    ended > 0
                        ? "Signed out of the back office: all \(ended) of your sessions and any unused link have ended."
                        : "You had no open back-office session; any unused link has been cancelled."))
            return
        }
        guard !message.isGroup else {
            try reply(
                t(
                    "登录链接只能发在私聊里。请私聊我发送“后台”。",
                    "A login link is sent in a private chat only. Send /web to me privately."))
            return
        }
        let link = access.loginLink(staffID: person.staffID)
        let scope = person.permission == .admin ? t("全校", "the whole school") : person.branch
        try reply(
            t(
                "管理后台登录链接（\(access.linkMinutes)分钟内有效，只能用一次，请勿转发）：\n\(link)\n打开后可查看\(scope)的进度、未完成名单和简报。用完请发送“退出后台”。",
                "Your back-office link (valid \(access.linkMinutes) minutes, once; do not forward it):\n\(link)\nIt shows \(scope). Send /web logout when done."
            ), staffID: person.staffID)
    }
}
