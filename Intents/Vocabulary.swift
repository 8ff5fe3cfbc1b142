import Foundation

/// The value vocabularies of the command language. Raw values are the ids of SPEC §3.

public enum Star: String, CaseIterable, Sendable, Codable {
    case moral, teaching, research

    public var chineseName: String {
        switch self {
        case .moral: "德育之星"
        case .teaching: "教学之星"
        case .research: "科学之星"
        }
    }

    public var englishName: String {
        switch self {
        case .moral: "Moral Education Star"
        case .teaching: "Teaching Star"
        case .research: "Research Star"
        }
    }

    static let words: [(String, Star)] = [
        ("德育之星", .moral), ("教学之星", .teaching), ("科学之星", .research), ("科研之星", .research),
        ("德育", .moral), ("教学", .teaching), ("科学", .research), ("科研", .research),
        ("moral", .moral), ("teaching", .teaching), ("research", .research), ("science", .research),
    ]
}

public enum WorkKind: String, CaseIterable, Sendable, Codable {
    case paper, summary, lecture
    case classMeeting = "class_meeting"
    case showcaseLesson = "showcase_lesson"
    case teachingCase = "teaching_case"
    case researchPaper = "research_paper"
    case researchProject = "research_project"

    public var chineseName: String {
        switch self {
        case .paper: "论文"
        case .summary: "总结"
        case .lecture: "讲座"
        case .classMeeting: "班会"
        case .showcaseLesson: "精品课"
        case .teachingCase: "教学案例"
        case .researchPaper: "科研论文"
        case .researchProject: "科研课题"
        }
    }

    public var englishName: String { rawValue.replacingOccurrences(of: "_", with: " ") }

    static let words: [(String, WorkKind)] =
        [
            ("经验论文", .paper), ("科研论文", .researchPaper), ("论文", .paper), ("总结", .summary),
            ("模范事迹讲座", .lecture), ("讲座", .lecture), ("好班会", .classMeeting), ("班会", .classMeeting),
            ("精品课", .showcaseLesson), ("优秀教学案例", .teachingCase), ("教学案例", .teachingCase), ("案例", .teachingCase),
            ("科研课题", .researchProject), ("课题", .researchProject),
        ] + WorkKind.allCases.map { ($0.rawValue, $0) }
}

public enum LessonLevel: String, CaseIterable, Sendable, Codable {
    case group, school
    public var chineseName: String { self == .group ? "组内" : "全校" }
    static let words: [(String, LessonLevel)] = [
        ("组内", .group), ("全校", .school), ("group", .group), ("school", .school),
    ]
}

public enum VisitMode: String, CaseIterable, Sendable, Codable {
    case home, phone, video, school
    public var chineseName: String {
        switch self {
        case .home: "上门"
        case .phone: "电话"
        case .video: "视频"
        case .school: "来校"
        }
    }
    static let words: [(String, VisitMode)] = [
        ("上门", .home), ("入户", .home), ("家中", .home), ("电话", .phone), ("电话沟通", .phone), ("电话联系", .phone),
        ("打电话", .phone), ("微信电话", .phone),
        ("微信语音", .phone), ("视频", .video), ("微信视频", .video), ("微信", .video), ("腾讯会议", .video),
        ("来校", .school), ("到校", .school), ("校访", .school),
        ("home", .home), ("phone", .phone), ("video", .video), ("school", .school),
    ]
}

public enum StatsDimension: String, CaseIterable, Sendable, Codable {
    case branch, star, phase
    public var chineseName: String {
        switch self {
        case .branch: "支部"
        case .star: "三星"
        case .phase: "阶段"
        }
    }
    static let words: [(String, StatsDimension)] = [
        ("支部", .branch), ("按支部", .branch), ("星", .star), ("三星", .star), ("星级", .star), ("按星", .star),
        ("阶段", .phase), ("按阶段", .phase), ("branch", .branch), ("star", .star), ("stars", .star), ("phase", .phase),
    ]
}

public enum MissingTarget: String, CaseIterable, Sendable, Codable {
    case pledge, lesson, visit, moral, teaching, research
    /// Everything: who owes what before the next deadline (`未完成` alone).
    case all
    /// 对标定位 (phase 3).
    case benchmark

    public var chineseName: String {
        switch self {
        case .all: "全部"
        case .pledge: "承诺"
        case .lesson: "示范课"
        case .visit: "家访"
        case .moral: Star.moral.chineseName
        case .teaching: Star.teaching.chineseName
        case .research: Star.research.chineseName
        case .benchmark: "对标定位"
        }
    }

    public var star: Star? { Star(rawValue: rawValue) }

    static let words: [(String, MissingTarget)] =
        [
            ("承诺", .pledge), ("申报", .pledge), ("示范课", .lesson), ("家访", .visit), ("亲情家访", .visit),
            ("pledge", .pledge), ("pledges", .pledge), ("lesson", .lesson), ("lessons", .lesson),
            ("visit", .visit), ("visits", .visit), ("全部", .all), ("汇总", .all), ("待办", .all), ("all", .all),
            ("对标", .benchmark), ("对标定位", .benchmark), ("benchmark", .benchmark),
        ] + Star.words.map { ($0.0, MissingTarget(rawValue: $0.1.rawValue) ?? .pledge) }
}

/// The arguments a command may carry; raw values are the `argument` ids of error JSON.
public enum CommandArgument: String, CaseIterable, Sendable {
    case date, period, `class`, topic, level, star, kind, student, mode, note, text, title
    case who, code, id, on, by, what, from, to, branch
    case phase, number
    /// 评议: the round's name and its last day, named in errors by their `cxzy parse` keys.
    case round, deadline

    public var chineseName: String {
        switch self {
        case .date: "日期"
        case .period: "节次"
        case .class: "班级"
        case .topic: "课题"
        case .level: "级别"
        case .star: "星"
        case .kind: "类型"
        case .student: "学生"
        case .mode: "方式"
        case .note: "备注"
        case .text: "内容"
        case .title: "标题"
        case .who: "工号或姓名"
        case .code: "绑定码"
        case .id: "编号"
        case .on: "开/关"
        case .by: "统计方式"
        case .what: "项目"
        case .from: "开始日期"
        case .to: "结束日期"
        case .branch: "支部"
        case .phase: "阶段"
        case .number: "序号"
        case .round: "评议名称"
        case .deadline: "截止日期"
        }
    }

    public var englishName: String { rawValue }

    /// Arguments whose values are single vocabulary words (a repeat of one inside free text is text).
    var isWord: Bool {
        switch self {
        case .star, .kind, .mode, .level, .by, .what, .on: true
        default: false
        }
    }

    /// Keys accepted in `key:value` form.
    static let keys: [String: CommandArgument] = [
        "日期": .date, "时间": .date, "节次": .period, "节": .period, "班级": .class, "班": .class, "课题": .topic, "主题": .topic,
        "级别": .level, "星": .star, "星级": .star, "类型": .kind, "类别": .kind, "学生": .student, "方式": .mode,
        "备注": .note, "内容": .text, "承诺": .text, "标题": .title, "题目": .title, "工号": .who, "姓名": .who,
        "绑定码": .code, "验证码": .code, "码": .code, "编号": .id, "按": .by, "项目": .what, "从": .from, "到": .to,
        "date": .date, "period": .period, "class": .class, "topic": .topic, "level": .level, "star": .star,
        "kind": .kind, "student": .student, "mode": .mode, "note": .note, "text": .text, "title": .title,
        "who": .who, "code": .code, "id": .id, "by": .by, "what": .what, "from": .from, "to": .to, "on": .on,
        "支部名": .branch, "branch": .branch,
    ]
}
