import CampaignIntents

/// What the notice, export and back-office rules decided, and all of their words.
enum AdminReply: Reply {
    /// A notice as everyone reads it: to `branch` (nil: the school), signed by `sender`.
    case notice(String, branch: String?, sender: String)
    /// A notice reached `reached` people; `unreachable` have no private chat with the bot; `toStaffGroup`: it went
    /// to the staff group too.
    case broadcast(reached: Int, unreachable: Int, toStaffGroup: Bool)
    case exportInGroup
    case exported(pledges: Int, lessons: Int, visits: Int, works: Int)
    case awardsFile(Int)
    case benchmarksFile(Int)
    case progressFile(asOf: CalendarDate)
    case webNotEnabled
    /// Signed out of the back office: `ended` sessions.
    case signedOut(ended: Int)
    case webLinkInGroup
    /// A one-time login link, valid `minutes`, for `scope` (nil: the whole school).
    case webLink(String, minutes: Int, scope: String?)

    func text(english: Bool) -> String {
        switch self {
        case .notice(let text, let branch, let sender):
            return (branch.map { "【\($0)通知】" } ?? "【通知】") + text + "\n——" + sender
        case .broadcast(let reached, let unreachable, let toStaffGroup):
            return english
                ? "Notice sent to \(reached) people."
                    + (unreachable > 0 ? " \(unreachable) have not linked a chat yet and cannot receive it." : "")
                : "通知已发给 \(reached) 人。" + (unreachable > 0 ? "另有 \(unreachable) 人尚未绑定或从未私聊过我，暂时收不到。" : "")
                    + (toStaffGroup ? "并已发到教职工群。" : "")
        case .exportInGroup:
            return english
                ? "Exports contain personal data; please use /export in a private chat." : "导出的数据含个人信息，请在与我的私聊中使用“导出”。"
        case .exported(let pledges, let lessons, let visits, let works):
            return english
                ? "Export ready: \(pledges) pledges, \(lessons) lessons, \(visits) visits, \(works) works (CSV, UTF-8)."
                : "导出完成：承诺 \(pledges) 条，示范课 \(lessons) 条，家访 \(visits) 条，成果 \(works) 条。文件为 UTF-8 CSV，可直接用 Excel 打开。"
        case .awardsFile(let count):
            return english
                ? "Commendations: \(count) (with proposals, rejections and revocations)."
                : "表彰名单：\(count) 条（含待确认、已驳回和已撤销的）。"
        case .benchmarksFile(let count):
            return english ? "Benchmarks: \(count)." : "对标定位：\(count) 条。"
        case .progressFile(let asOf):
            return english
                ? "Progress: one row per person, the same figures as /stats, /missing and the report (as of \(asOf))."
                : "进度汇总：每人一行，与“统计”“未完成”和简报的数字一致（截至\(asOf.chinese)）。"
        case .webNotEnabled:
            return english
                ? "The web back office is not enabled. The server's operator sets CXZY_WEB_BASE_URL (or web.baseURL in the config file) and CXZY_HTTP_LISTEN."
                : "管理后台尚未开启。请服务器管理员设置后台的网址（CXZY_WEB_BASE_URL，或配置文件的 web.baseURL）和 CXZY_HTTP_LISTEN 后重启机器人。"
        case .signedOut(let ended):
            if english {
                return ended > 0
                    ? "Signed out of the back office: all \(ended) of your sessions and any unused link have ended."
                    : "You had no open back-office session; any unused link has been cancelled."
            }
            return ended > 0 ? "已退出管理后台：您的 \(ended) 个登录全部失效，未使用的登录链接也已作废。" : "您没有登录中的管理后台；未使用的登录链接已作废。"
        case .webLinkInGroup:
            return english
                ? "A login link is sent in a private chat only. Send /web to me privately." : "登录链接只能发在私聊里。请私聊我发送“后台”。"
        case .webLink(let link, let minutes, let scope):
            let scope = scope ?? (english ? "the whole school" : "全校")
            return english
                ? "Your back-office link (valid \(minutes) minutes, once; do not forward it):\n\(link)\nIt shows \(scope). Send /web logout when done."
                : "管理后台登录链接（\(minutes)分钟内有效，只能用一次，请勿转发）：\n\(link)\n打开后可查看\(scope)的进度、未完成名单和简报。用完请发送“退出后台”。"
        }
    }
}
