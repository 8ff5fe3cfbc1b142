/// A demonstration lesson booking as the teacher asked for it.
public struct LessonRequest: Equatable, Sendable {
    public var date: CalendarDate
    public var period: Int
    public var className: String
    public var topic: String?
    public var level: LessonLevel

    public init(date: CalendarDate, period: Int, className: String, topic: String? = nil, level: LessonLevel = .group) {
        self.date = date
        self.period = period
        self.className = className
        self.topic = topic
        self.level = level
    }
}

/// A family home visit as the teacher reported it.
public struct VisitReport: Equatable, Sendable {
    public var date: CalendarDate
    public var student: String
    public var mode: VisitMode?
    public var note: String?

    public init(date: CalendarDate, student: String, mode: VisitMode? = nil, note: String? = nil) {
        self.date = date
        self.student = student
        self.mode = mode
        self.note = note
    }
}

/// A correction of a record: only the fields given change (which fields apply depends on the record).
public struct RecordEdit: Equatable, Sendable {
    public var date: CalendarDate?
    public var period: Int?
    public var className: String?
    public var topic: String?
    public var level: LessonLevel?
    public var student: String?
    public var mode: VisitMode?
    public var note: String?
    public var star: Star?
    public var text: String?
    public var kind: WorkKind?
    public var title: String?

    public init() {}

    public var isEmpty: Bool { self == RecordEdit() }
}

/// A typed command: what the person asked for, with every argument resolved.
public enum Intent: Equatable, Sendable {
    case help(topic: IntentKind?)
    case bind(who: String, code: String)
    case pledge(star: Star, text: String)
    case bookLesson(LessonRequest)
    case cancelLesson(id: String)
    case reportVisit(VisitReport)
    case submitWork(kind: WorkKind, title: String)
    case progress
    case calendar
    /// `all`: every lesson of the campaign, past ones included.
    case lessons(from: CalendarDate?, to: CalendarDate?, all: Bool = false)
    case remind(on: Bool)
    /// `branch`: one branch only (`统计 数学支部`).
    case stats(by: StatsDimension, branch: String? = nil)
    case missing(what: MissingTarget, branch: String? = nil)
    /// `branch`: to one branch only (`通知 数学支部 …`).
    case broadcast(text: String, branch: String? = nil)
    case nominate(id: String)
    case export
    /// Withdraw a record (P-/L-/V-/W-…).
    case withdraw(id: String)
    case edit(id: String, RecordEdit)
    case myVisits
    /// A lesson was taught (`held`), or was not.
    case confirmLesson(id: String, held: Bool)
    /// 对标定位 (phase 3): record or revise the member's model, gaps and steps; empty: show the current one.
    case benchmark(BenchmarkEntry)
    /// 评选表彰: propose, confirm, reject, announce or list commendations.
    case award(AwardRequest)
    /// The campaign report (简报), for one phase or the whole campaign so far.
    case report(phase: Int?)
    /// Attach the file sent with the message to record `id`, or list what is attached (`number`: send that one).
    case attach(id: String?, number: Int?)
    /// 评议: open or close a round, rate (start or resume one's ballot), or see results.
    case evaluate(EvaluationRequest)
    /// A record's history: who changed it, when, and what it said before.
    case history(id: String)
    /// 后台: a one-time login link to the web back office; `signOut` (退出后台): end every session of the person.
    case web(signOut: Bool)

    public var kind: IntentKind {
        switch self {
        case .help: .help
        case .bind: .bind
        case .pledge: .pledge
        case .bookLesson: .bookLesson
        case .cancelLesson: .cancelLesson
        case .reportVisit: .reportVisit
        case .submitWork: .submitWork
        case .progress: .progress
        case .calendar: .calendar
        case .lessons: .lessons
        case .remind: .remind
        case .stats: .stats
        case .missing: .missing
        case .broadcast: .broadcast
        case .nominate: .nominate
        case .export: .export
        case .withdraw: .withdraw
        case .edit: .edit
        case .myVisits: .myVisits
        case .confirmLesson: .confirmLesson
        case .benchmark: .benchmark
        case .award: .award
        case .report: .report
        case .attach: .attach
        case .evaluate: .evaluate
        case .history: .history
        case .web: .web
        }
    }
}

/// A message the parser understood.
public struct Command: Equatable, Sendable {
    public var intent: Intent
    /// True when the message has no Chinese in it: the reply is then in English.
    public var english: Bool
    public init(intent: Intent, english: Bool) {
        self.intent = intent
        self.english = english
    }
}

/// Why a message could not be understood. Every error carries a message for the person and a correct example.
public struct ParseError: Error, Equatable, Sendable {
    public enum Kind: String, Sendable {
        case unknownCommand = "unknown_command"
        case missingArgument = "missing_argument"
        case invalidValue = "invalid_value"
        case ambiguous
    }

    public var kind: Kind
    public var intent: IntentKind?
    public var argument: CommandArgument?
    public var message: String
    public var usage: String
    /// For `unknown_command`: the command the person probably meant.
    public var suggestion: IntentKind?
    public var english: Bool

    public init(
        kind: Kind, intent: IntentKind?, argument: CommandArgument?, message: String, usage: String,
        suggestion: IntentKind? = nil, english: Bool = false
    ) {
        self.kind = kind
        self.intent = intent
        self.argument = argument
        self.message = message
        self.usage = usage
        self.suggestion = suggestion
        self.english = english
    }

    /// The whole reply for a person: what was wrong and how to say it.
    public var reply: String {
        english ? "\(message)\nExample: \(usage)" : "\(message)\n例如：\(usage)"
    }
}

/// The result of reading one message.
public enum ParseOutcome: Equatable, Sendable {
    case command(Command)
    case failure(ParseError)
    /// Not addressed to the bot (a group message without a slash command or mention): stay silent.
    case ignored
}

/// What the parser needs to know about the message's surroundings.
public struct ParseContext: Sendable {
    /// Today in the campaign's time zone; relative dates resolve against it.
    public var today: CalendarDate
    /// True for group chats: only slash commands and @-mentions are read there.
    public var isGroup: Bool
    /// The bot's names (without `@`); a mention or `/cmd@name` of another name is not for us. Empty: any mention counts.
    public var botNames: [String]
    /// Periods before lunch; `下午第N节` is `morningPeriods + N`.
    public var morningPeriods: Int
    /// The highest period number of a school day.
    public var maxPeriod: Int

    public init(
        today: CalendarDate, isGroup: Bool = false, botNames: [String] = [], morningPeriods: Int = 4,
        maxPeriod: Int = 12
    ) {
        self.today = today
        self.isGroup = isGroup
        self.botNames = botNames.map { $0.lowercased() }
        self.morningPeriods = morningPeriods
        self.maxPeriod = maxPeriod
    }
}
