import CampaignIntents

/// Who may ask what, and after the campaign: the answers given before any rule runs, and all of their words.
enum TurnReply: Reply {
    /// The chat identity is not bound to a person on the roster.
    case notBound
    /// The person left the roster.
    case notOnRoster
    /// The command is for secretaries and admins (`adminsOnly`: admins) only.
    case notAllowed(keyword: String, slash: String, adminsOnly: Bool)
    /// A secretary's notice to the whole school: only admins send those; `text`: the notice.
    case wholeSchoolByAdmins(branch: String, text: String)
    case noSuchBranch(String, branches: [String])
    /// Secretaries see and notify their own branch only.
    case ownBranchOnly(String)
    /// The campaign is over: nothing more is recorded.
    case campaignOver(Campaign)

    func text(english: Bool) -> String {
        switch self {
        case .notBound:
            return english
                ? "You are not linked to the roster yet. Send “/bind STAFF_ID CODE” with the code your admin gave you, e.g. /bind T001 K7P3QX"
                : "您还没有绑定身份。请发送“绑定 工号 绑定码”（绑定码由党总支管理员发给您），例如：绑定 T001 K7P3QX"
        case .notOnRoster:
            return english
                ? "You are no longer on the campaign roster. Please contact the admin if this is a mistake."
                : "您已不在本次活动的名单中。如有疑问，请联系党总支管理员。"
        case .notAllowed(let keyword, let slash, let adminsOnly):
            let who =
                adminsOnly
                ? (english ? "admins" : "党总支管理员") : (english ? "branch secretaries and admins" : "支部书记和管理员")
            return english
                ? "Sorry, /\(slash) is for \(who) only. Send /help to see your commands."
                : "抱歉，“\(keyword)”只对\(who)开放。发送“帮助”可查看您能用的命令。"
        case .wholeSchoolByAdmins(let branch, let text):
            return english
                ? "Secretaries notify their own branch (\(branch)) only; school-wide notices are sent by the admins. Nothing was sent.\nTo your branch: /broadcast \(text)"
                : "书记只能通知本支部（\(branch)），全校通知请党总支管理员发送。这条通知没有发出。\n发给本支部：通知 \(text)"
        case .noSuchBranch(let asked, let branches):
            return english
                ? "There is no branch “\(asked)”. Branches: \(branches.joined(separator: ", "))."
                : "名单中没有“\(asked)”。现有支部：\(branches.joined(separator: "、"))。"
        case .ownBranchOnly(let branch):
            return english ? "You can only see or notify your own branch (\(branch))." : "您只能查看或通知本支部（\(branch)）。"
        case .campaignOver(let campaign):
            return english
                ? "The campaign ended on \(campaign.end); nothing more is recorded. Send /me to see your records; ask an admin to add or correct one."
                : "\(campaign.name)已于\(campaign.end.chinese)结束，不再登记承诺、示范课、家访和成果。发送“我的进度”可查看您的记录；如需补登或更正，请联系党总支管理员。"
        }
    }
}

/// What the bot says about a question it asked, and all of its words.
enum ConversationReply: Reply {
    /// The person dropped the question (取消); the start of its message.
    case dropped(String)
    /// The parser could not read the message: its answer, in the language the message was written in.
    case unreadable(ParseError)
    /// The parser's `message` about a missing argument, and how to answer it.
    case ask(String, CommandArgument, IntentKind?)

    func text(english: Bool) -> String {
        switch self {
        case .unreadable(let error):
            return error.reply
        case .dropped(let question):
            return english ? "OK, dropped “\(question)”." : "好的，已取消这条“\(question)”。"
        case .ask(let message, let argument, let intent):
            let example = Self.example(argument, intent, english: english)
            return message
                + (english
                    ? "\nJust reply with it (e.g. \(example)); send “cancel” to drop it."
                    : "\n直接回复即可（如：\(example)）；发送“取消”放弃。")
        }
    }

    /// An answer to show for a missing argument.
    static func example(_ argument: CommandArgument, _ intent: IntentKind?, english: Bool) -> String {
        switch argument {
        case .date where intent == .bookLesson: english ? "2010-10-21" : "10月21日"
        case .date: english ? "yesterday" : "昨天"
        case .title: english ? "Monotonic functions, a teaching case" : "《函数的单调性》教学案例"
        case .topic: english ? "Monotonic functions" : "函数的单调性"
        case .text: english ? "teach a showcase lesson" : "上好一堂精品课"
        case .period: "3"
        case .class: "高二(3)班"
        case .student: english ? "Wang" : "王同学"
        case .star: english ? "teaching" : "教学之星"
        case .kind: english ? "teaching_case" : "教学案例"
        case .mode: english ? "home" : "上门"
        default: english ? "the missing part" : "补上的内容"
        }
    }
}
