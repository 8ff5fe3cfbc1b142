/// Who a command is for. Help lists only what the asker may use.
public enum Audience: Int, Comparable, Sendable {
    case everyone, teacher, secretary, admin
    public static func < (lhs: Audience, rhs: Audience) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Every command of the language. The parser, `help` and the chat platforms' command menus are all
/// generated from this one table, so they cannot drift apart.
public enum IntentKind: String, CaseIterable, Sendable, Codable {
    case help, bind, pledge
    case bookLesson = "book_lesson"
    case cancelLesson = "cancel_lesson"
    case reportVisit = "report_visit"
    case submitWork = "submit_work"
    case progress, calendar, lessons, remind, stats, missing, broadcast, nominate, export
    case withdraw, edit
    case myVisits = "my_visits"
    case confirmLesson = "confirm_lesson"
    case benchmark, award
    case report, attach
    case evaluate
    case history
    /// The web back office (管理后台): a one-time login link, or `退出后台` to end every session.
    case web

    /// Chinese keywords; the first is the canonical one shown in help.
    public var keywords: [String] {
        switch self {
        case .help: ["帮助", "菜单", "?"]
        case .bind: ["绑定"]
        case .pledge: ["承诺", "申报"]
        case .bookLesson: ["预约示范课", "示范课"]
        case .cancelLesson: ["取消示范课", "取消预约"]
        case .reportVisit: ["家访", "亲情家访"]
        case .submitWork: ["提交", "上报"]
        case .progress: ["我的进度", "进度"]
        case .calendar: ["日程", "阶段"]
        case .lessons: ["示范课安排"]
        case .remind: ["提醒"]
        case .stats: ["统计"]
        case .missing: ["未完成", "未申报"]
        case .broadcast: ["通知"]
        case .nominate: ["推荐"]
        case .export: ["导出"]
        case .withdraw: ["撤销", "删除", "撤回", "取消家访", "取消成果", "取消承诺", "取消"]
        case .edit: ["修改", "更正"]
        case .myVisits: ["我的家访"]
        case .confirmLesson: ["确认示范课", "示范课已上", "示范课未上"]
        case .benchmark: ["对标", "对标定位"]
        case .award: ["表彰", "评选表彰"]
        case .report: ["报告", "简报"]
        case .attach: ["附件", "附图", "上传附件"]
        case .evaluate: ["评议"]
        case .history: ["历史", "修改历史", "记录历史"]
        case .web: ["后台", "管理后台", "退出后台", "登出后台", "退出管理后台"]
        }
    }

    /// English slash commands; the first is canonical.
    public var slashCommands: [String] {
        switch self {
        case .help: ["help", "start"]
        case .bind: ["bind"]
        case .pledge: ["pledge"]
        case .bookLesson: ["book"]
        case .cancelLesson: ["cancel"]
        case .reportVisit: ["visit"]
        case .submitWork: ["submit"]
        case .progress: ["me", "progress"]
        case .calendar: ["calendar"]
        case .lessons: ["lessons"]
        case .remind: ["remind"]
        case .stats: ["stats"]
        case .missing: ["missing"]
        case .broadcast: ["broadcast"]
        case .nominate: ["nominate"]
        case .export: ["export"]
        case .withdraw: ["withdraw", "delete"]
        case .edit: ["edit"]
        case .myVisits: ["visits"]
        case .confirmLesson: ["held"]
        case .benchmark: ["benchmark"]
        case .award: ["award"]
        case .report: ["report"]
        case .attach: ["attach"]
        case .evaluate: ["evaluate"]
        case .history: ["history"]
        case .web: ["web"]
        }
    }

    public var audience: Audience {
        switch self {
        case .help, .bind: .everyone
        case .pledge, .bookLesson, .cancelLesson, .reportVisit, .submitWork, .progress, .calendar, .lessons, .remind,
            .withdraw, .edit, .myVisits, .confirmLesson, .benchmark, .award, .attach, .evaluate, .history:
            .teacher
        case .stats, .missing, .nominate, .broadcast, .web: .secretary
        case .export, .report: .admin
        }
    }

    /// What the command does, shown in help and in chat-platform menus.
    public var summary: (zh: String, en: String) {
        switch self {
        case .help: ("查看命令说明", "show how to use the bot")
        case .bind: ("用工号或姓名和绑定码绑定身份", "link this chat to your staff record")
        case .pledge: ("申报争创承诺（德育之星、教学之星、科学之星）", "submit your pledge for a star")
        case .bookLesson: ("预约党员示范课", "book your Party-member demonstration lesson")
        case .cancelLesson: ("取消已预约的示范课", "cancel a booked lesson")
        case .reportVisit: ("登记亲情家访", "report a family home visit")
        case .submitWork: ("上报完成的成果（论文、讲座、班会、精品课、案例、课题）", "report finished work")
        case .progress: ("查看我的进度", "see what you have done and what is missing")
        case .calendar: ("查看活动阶段和重要日期", "campaign phases and milestones")
        case .lessons: ("查看示范课安排", "the demonstration lesson schedule")
        case .remind: ("打开或关闭个人提醒", "turn your reminders on or off")
        case .stats: ("统计（按支部、三星、阶段）", "statistics by branch, star or phase")
        case .missing: ("查看未完成名单", "who is still missing something")
        case .broadcast:
            ("发送通知（管理员：全体或某支部；书记：本支部）", "send a notice (admins: everyone or a branch; secretaries: their branch)")
        case .nominate: ("推荐示范课参加全校展示", "nominate a lesson for the school-wide round")
        case .export: ("导出全部记录(CSV)", "export all records as CSV")
        case .withdraw: ("撤销自己的一条记录（承诺、示范课、家访、成果）", "withdraw one of your records")
        case .edit: ("修改自己的一条记录", "correct one of your records")
        case .myVisits: ("查看我登记的家访", "see the home visits you reported")
        case .confirmLesson: ("确认示范课已上（或未上）", "confirm that a lesson was taught (or not)")
        case .benchmark: ("对标定位（第三阶段）：写下对标的榜样、差距和措施", "phase 3: your model, your gaps and your steps")
        case .award:
            ("评选表彰：查看名单；书记推荐本支部先进典型，管理员确认", "commendations: the list; secretaries propose, admins confirm")
        case .report: ("生成活动简报(PDF)，可只看某一阶段", "the campaign report as a PDF, optionally for one phase")
        case .attach:
            ("给成果、示范课或家访附上照片或文件，或查看已附的", "attach photos or files to a work, lesson or visit, or list them")
        case .evaluate: ("民主评议：逐一评价本支部党员；管理员开始或结束一轮评议；查看结果", "rate your branch's Party members in an evaluation round")
        case .history:
            ("查看一条记录的修改历史（谁、何时、改之前是什么）", "see a record's history: who changed it, when, and what it said before")
        case .web:
            (
                "获取管理后台的登录链接（仅限私聊，10分钟内有效、只能用一次）；退出后台：结束全部登录",
                "a one-time link to the web back office; /web logout ends every session"
            )
        }
    }

    /// A correct example of the command, used in help and in every error reply.
    public var example: (zh: String, en: String) {
        switch self {
        case .help: ("帮助 预约示范课", "/help book")
        case .bind: ("绑定 T001 K7P3QX", "/bind T001 K7P3QX")
        case .pledge:
            ("承诺 教学之星 设计并讲授一堂精品课；撰写优秀教学案例", "/pledge teaching teach a showcase lesson and write a teaching case")
        case .bookLesson:
            ("预约示范课 10月12日 第3节 高二(3)班 函数的单调性", "/book 2010-10-12 period:3 class:高二(3)班 topic:Monotonic functions")
        case .cancelLesson: ("取消示范课 L-0003", "/cancel L-0003")
        case .reportVisit: ("家访 7月15日 王同学 上门 了解暑期学习情况", "/visit 2010-07-15 student:Wang mode:home note:summer study")
        case .submitWork: ("提交 教学案例 《函数的单调性》教学案例", "/submit teaching_case Monotonic functions, a teaching case")
        case .progress: ("我的进度", "/me")
        case .calendar: ("日程", "/calendar")
        case .lessons: ("示范课安排 下周", "/lessons next week")
        case .remind: ("提醒 关", "/remind off")
        case .stats: ("统计 支部", "/stats branch")
        case .missing: ("未完成 示范课", "/missing lesson")
        case .broadcast: ("通知 本周五下午召开支部大会", "/broadcast Branch meeting on Friday afternoon")
        case .nominate: ("推荐 L-0003", "/nominate L-0003")
        case .export: ("导出", "/export")
        case .withdraw: ("撤销 W-0001", "/withdraw W-0001")
        case .edit: ("修改 W-0001 标题:《函数的单调性》教学案例", "/edit V-0002 date:2010-10-09")
        case .myVisits: ("我的家访", "/visits")
        case .confirmLesson: ("确认示范课 L-0003 已上", "/held L-0003 yes")
        case .benchmark:
            (
                "对标 榜样：李老师（市级优秀教师） 差距：课堂提问设计不够 措施：每月听两节课",
                "/benchmark model:Ms Li gaps:my questions in class steps:observe two lessons a month"
            )
        case .award: ("表彰 T003 德育之星", "/award T003 moral")
        case .report: ("报告 第2阶段", "/report 2")
        case .attach: ("附件 W-0003", "/attach W-0003")
        case .evaluate: ("评议", "/evaluate")
        case .history: ("历史 W-0001", "/history W-0001")
        case .web: ("后台", "/web")
        }
    }

    /// The arguments, as help describes them.
    public var argumentHelp: (zh: String, en: String) {
        switch self {
        case .help: ("[命令]", "[command]")
        case .bind: ("工号或姓名 绑定码", "staff-id-or-name code")
        case .pledge: ("星（德育之星/教学之星/科学之星） 承诺内容", "star(moral/teaching/research) text")
        case .bookLesson: ("日期 节次 班级 [课题] [组内/全校]", "date period class [topic] [group/school]")
        case .cancelLesson, .nominate: ("示范课编号", "lesson-id")
        case .reportVisit: ("日期 学生 [上门/电话/视频/来校] [备注]", "date student [home/phone/video/school] [note]")
        case .submitWork: ("类型（论文/总结/讲座/班会/精品课/教学案例/科研论文/课题） 标题", "kind title")
        case .progress, .calendar, .export, .myVisits: ("", "")
        case .lessons: ("[日期范围，如 本周、下周、2011年5月、10月1日到10月31日，或 全部]", "[date range, or all]")
        case .remind: ("开/关", "on/off")
        case .stats: ("[支部/三星/阶段] [某某支部]", "[branch/star/phase] [branch name]")
        case .missing:
            (
                "[承诺/示范课/家访/德育之星/教学之星/科学之星/对标] [某某支部]",
                "[pledge/lesson/visit/moral/teaching/research/benchmark] [branch name]"
            )
        case .broadcast: ("[支部] 通知内容", "[branch] text")
        case .withdraw, .history: ("记录编号（P-/L-/V-/W-开头）", "record-id")
        case .edit: ("记录编号 要改的内容（如 日期:10月9日、标题:…、第4节）", "record-id field:value …")
        case .confirmLesson: ("示范课编号 已上/未上", "lesson-id yes/no")
        case .benchmark: ("榜样：… 差距：… 措施：…（不写内容则查看自己的对标）", "model:… gaps:… steps:…")
        case .award:
            (
                "工号或姓名 星 [理由] | 确认/驳回/通知/撤销 表彰编号 | 名单 [第N阶段] [星]",
                "staff-id-or-name star [reason] | confirm/reject/announce/revoke award-id | list [phase] [star]"
            )
        case .report: ("[第N阶段]", "[phase number]")
        case .attach: ("[记录编号] [第几个附件]（发照片或文件时，说明里写上记录编号）", "[record-id] [number] (put the id in the caption)")
        case .evaluate: ("[结果 [某某支部]]；管理员：开始 名称 截止 日期 / 结束", "[results [branch]]; admins: open NAME until DATE / close")
        case .web: ("（退出后台：结束全部登录）", "[logout]")
        }
    }

    /// The noun used in "请告诉我…的…" prompts.
    var noun: String {
        switch self {
        case .help: "帮助"
        case .bind: "绑定"
        case .pledge: "承诺"
        case .bookLesson: "示范课"
        case .cancelLesson: "要取消的示范课"
        case .reportVisit: "家访"
        case .submitWork: "成果"
        case .progress: "进度"
        case .calendar: "日程"
        case .lessons: "查询"
        case .remind: "提醒"
        case .stats: "统计"
        case .missing: "名单"
        case .broadcast: "通知"
        case .nominate: "要推荐的示范课"
        case .export: "导出"
        case .withdraw: "要撤销的记录"
        case .edit: "要修改的记录"
        case .myVisits: "家访"
        case .confirmLesson: "要确认的示范课"
        case .benchmark: "对标"
        case .award: "表彰"
        case .report: "简报"
        case .attach: "附件"
        case .evaluate: "评议"
        case .history: "要查看历史的记录"
        case .web: "管理后台"
        }
    }

    public func example(english: Bool) -> String { english ? example.en : example.zh }

    /// Looks a command up by keyword, slash name (with or without `/`) or id.
    public init?(name: String) {
        let lowered = name.lowercased()
        let bare = lowered.hasPrefix("/") ? String(lowered.dropFirst()) : lowered
        if let kind = IntentKind(rawValue: bare) { self = kind; return }
        for kind in IntentKind.allCases where kind.keywords.contains(name) || kind.slashCommands.contains(bare) {
            self = kind
            return
        }
        return nil
    }
}
