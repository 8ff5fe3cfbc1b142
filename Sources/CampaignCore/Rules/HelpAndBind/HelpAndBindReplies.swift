import CampaignIntents

/// What the help and bind rules decided, and all of their words.
enum HelpAndBindReply: Reply {
    /// The commands open to `audience`.
    case menu(CampaignIntents.Audience)
    /// How to use one command.
    case topic(IntentKind)
    /// The menu for someone not bound yet, after how to bind.
    case welcome
    case alreadyBound(Person)
    case tooManyFailures
    case notOnRoster(String)
    /// Several people have that name; `firstID`: one of their staff ids, for the example.
    case ambiguousName(String, count: Int, firstID: String)
    case boundElsewhere(Person)
    case wrongCode
    case bound(Person)

    func text(english: Bool) -> String {
        switch self {
        case .menu(let audience):
            return HelpText.menu(for: audience, english: english)
        case .topic(let kind):
            return HelpText.topic(kind, english: english)
        case .welcome:
            return
                (english
                ? "Hello! I am the campaign assistant. First link your account: /bind STAFF_ID CODE (ask your admin for the code).\n"
                : "您好！我是创先争优活动助手。请先绑定身份：发送“绑定 工号 绑定码”（绑定码由党总支管理员发给您）。\n")
                + HelpText.menu(for: .everyone, english: english)
        case .alreadyBound(let current):
            return english
                ? "This account is already linked to \(current.name) (\(current.staffID))."
                : "这个账号已绑定为 \(current.name)（\(current.staffID)）。如需更改，请联系管理员。"
        case .tooManyFailures:
            return english
                ? "Too many wrong codes. Please ask the admin for a new code." : "绑定码错误次数过多，已暂停绑定。请联系党总支管理员重新获取绑定码。"
        case .notOnRoster(let who):
            return english
                ? "“\(who)” is not on the roster. Check your staff id or ask the admin."
                : "名单中没有“\(who)”。请核对工号或姓名，或联系党总支管理员。"
        case .ambiguousName(let who, let count, let firstID):
            return english
                ? "Several people are called “\(who)”; please use your staff id."
                : "名单中有 \(count) 位“\(who)”，请改用工号绑定，例如：绑定 \(firstID) 绑定码"
        case .boundElsewhere(let person):
            return english
                ? "\(person.name) is already linked to another account here. Ask the admin to change it."
                : "\(person.name)已绑定了另一个账号。如需更换账号，请联系党总支管理员。"
        case .wrongCode:
            return english
                ? "That code is wrong or already used. Check the code from your admin."
                : "绑定码不对，或已经用过。请核对管理员发给您的绑定码（6位字母和数字）。"
        case .bound(let person):
            return english
                ? "Linked! Hello, \(person.name). Send /help for commands and /me for your progress."
                : "绑定成功！您好，\(person.name)老师（\(person.branch.isEmpty ? "" : person.branch + "，")\(person.permission.chineseName)）。\n发送“帮助”查看可用命令，发送“我的进度”查看您的任务。"
        }
    }
}
