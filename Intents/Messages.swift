/// The words of error replies. Chinese first; English when the person wrote English.
enum Messages {
    static func missing(_ kind: IntentKind, _ argument: CommandArgument, english: Bool) -> String {
        if english {
            return "Please tell me the \(argument.englishName) (/\(kind.slashCommands[0]) needs it)."
        }
        switch (kind, argument) {
        case (.bookLesson, .date): return "请告诉我示范课的日期。"
        case (.bookLesson, .period): return "请告诉我示范课在第几节（如 第3节、下午第2节）。"
        case (.bookLesson, .class): return "请告诉我示范课在哪个班上（如 高二(3)班）。"
        case (.pledge, .star): return "请告诉我要争创哪颗星：德育之星、教学之星或科学之星。"
        case (.pledge, .text): return "请写上承诺的具体内容。"
        case (.reportVisit, .date): return "请告诉我家访的日期。"
        case (.reportVisit, .student): return "请告诉我家访的是哪位学生（可只写姓氏，如 王同学）。"
        case (.submitWork, .kind): return "请告诉我成果的类型：论文、总结、讲座、班会、精品课、教学案例、科研论文或课题。"
        case (.submitWork, .title): return "请写上成果的标题。"
        case (.bind, .who): return "请告诉我您的工号或姓名。"
        case (.bind, .code): return "请写上管理员发给您的绑定码。"
        case (.cancelLesson, .id): return "请告诉我要取消的示范课编号（如 L-0003，预约成功时给出的编号）。"
        case (.nominate, .id): return "请告诉我要推荐的示范课编号（如 L-0003）。"
        case (.remind, .on): return "请说“提醒 开”或“提醒 关”。"
        case (.missing, .what): return "请告诉我要查看哪一项：承诺、示范课、家访、德育之星、教学之星、科学之星或对标。"
        case (.broadcast, .text): return "请写上通知的内容。"
        case (.withdraw, .id): return "请告诉我要撤销的记录编号（如 W-0001，登记时给出的编号；发送“我的进度”可查看）。"
        case (.edit, .id): return "请告诉我要修改的记录编号（如 W-0001），再写要改的内容。"
        case (.edit, .text): return "请写上要改成什么，如 标题:新标题、日期:10月9日、第4节。"
        case (.confirmLesson, .id): return "请告诉我示范课编号（如 L-0003）。"
        case (.award, .id): return "请告诉我表彰编号（如 A-0001，推荐时给出的编号；发送“表彰 名单”可查看）。"
        case (.award, .who): return "请告诉我推荐谁：工号或姓名（如 T003 或 王芳）。"
        case (.award, .star): return "请告诉我推荐哪颗星的先进典型：德育之星、教学之星或科学之星。"
        case (.attach, .id): return "请告诉我要附到哪条记录上（如 W-0003；发送“我的进度”可查看编号）。"
        default: return "请告诉我\(kind.noun)的\(argument.chineseName)。"
        }
    }

    static func invalid(_ kind: IntentKind, _ argument: CommandArgument, _ text: String, english: Bool) -> String {
        if english {
            switch argument {
            case .date, .from, .to, .deadline: return "“\(text)” is not a valid date."
            case .period: return "“\(text)” is not a valid period (1–12)."
            case .id where kind == .withdraw || kind == .edit || kind == .attach:
                return "“\(text)” is not a record id; ids look like P-0001, L-0003, V-0002, W-0004."
            case .id where kind == .award:
                return
                    "What should I do with \(text)? /award confirm \(text), /award reject \(text) REASON, /award revoke \(text) REASON."
            case .id: return "“\(text)” is not a lesson id; lesson ids look like L-0003."
            case .on where kind == .award: return "Reply yes to confirm the proposal, or cancel to drop it."
            case .on: return "Please say on or off."
            case .by: return "Statistics can be by branch, star or phase."
            case .what: return "Choose one of: pledge, lesson, visit, moral, teaching, research, benchmark."
            case .topic: return "There is no command “\(text)”. Send /help for the list."
            case .phase:
                return "“\(text)” is not a phase; say /report 2 for phase 2, or /report for the whole campaign."
            case .number: return "“\(text)” is not an attachment number; /attach W-0003 lists them as 1, 2, …"
            case .text: return "The message is too long."
            default: return "“\(text)” is not a valid \(argument.englishName)."
            }
        }
        switch argument {
        case .date, .from, .to, .deadline:
            if kind == .lessons, argument == .from { return "看不懂“\(text)”。请写日期或范围，如 本周、下周、10月1日到10月31日。" }
            if kind == .lessons, argument == .to { return "结束日期 \(text) 早于开始日期，请检查。" }
            return "日期“\(text)”不存在，请检查。"
        case .period: return "节次“\(text)”不对：节次应在 1 到 12 之间（下午第N节 = 上午节数 + N）。"
        case .class: return "班级“\(text)”无法识别，请写成 高二(3)班 这样的形式。"
        case .level: return "级别“\(text)”无法识别：可选 组内 或 全校。"
        case .star: return "“\(text)”不是一颗星：可选 德育之星、教学之星、科学之星。"
        case .kind: return "成果类型“\(text)”无法识别：可选 论文、总结、讲座、班会、精品课、教学案例、科研论文、课题。"
        case .mode: return "家访方式“\(text)”无法识别：可选 上门、电话、视频、来校。"
        case .id where kind == .award:
            return "请说明要对 \(text) 做什么：表彰 确认 \(text)（管理员）、表彰 驳回 \(text) 理由、表彰 通知 \(text)、表彰 撤销 \(text) 理由。"
        case .on where kind == .award: return "没看懂“\(text)”。确认推荐请回复“确认”，放弃请回复“取消”。"
        case .id where kind == .withdraw || kind == .edit || kind == .attach:
            return "编号“\(text)”不对：记录编号形如 P-0001、L-0003、V-0002、W-0004。"
        case .id: return "编号“\(text)”不对：示范课编号形如 L-0003。"
        case .on: return "请说“开”或“关”。"
        case .by: return "看不懂“\(text)”：可以按 支部、三星 或 阶段 统计。"
        case .what: return "看不懂“\(text)”：可选 承诺、示范课、家访、德育之星、教学之星、科学之星、对标。"
        case .topic: return "没有“\(text)”这个命令。发送“帮助”可查看全部命令。"
        case .phase: return "看不懂“\(text)”：请写 第2阶段（或不写，生成整个活动的简报）。"
        case .number: return "“\(text)”不是附件序号：发送“附件 W-0003”可看到各附件的序号 1、2、…"
        default: return "\(argument.chineseName)“\(text)”无法识别。"
        }
    }
}
