import CampaignIntents
import Foundation

/// Handling of one message.
struct Turn {
    let engine: Engine
    let message: IncomingMessage
    let now: Date
    var state: BotState
    var changes: [Change] = []
    var english = false
    /// Every reply this turn spoke, as the rules decided it (before it was rendered in the asker's language).
    var spoken: [any Reply] = []
    /// The command as read: the message, or a pending question's message with this answer added.
    var commandText = ""
    /// What the message came to so far, for the log line and the counts.
    var summary = TurnSummary(intent: "none", outcome: .ignored)
    var campaign: Campaign { engine.campaign }
    var today: CalendarDate { CampaignTime.local(now).date }

    init(engine: Engine, message: IncomingMessage, now: Date, state: BotState) {
        self.engine = engine
        self.message = message
        self.now = now
        self.state = state
    }

    mutating func emit(_ change: Change) throws {
        try state.apply(change)
        changes.append(change)
    }

    /// An outcome's words in the asker's language, for a record's history or a file's caption.
    func words(_ outcome: some Reply) -> String { outcome.text(english: english) }

    /// Answers the asker in the chat they wrote in, in their language.
    mutating func reply(_ outcome: some Reply, attachment: Attachment? = nil, staffID: String? = nil) throws {
        spoken.append(outcome)
        try emit(
            .enqueue(
                OutboxMessage(
                    id: state.nextOutboxID, to: message.chat, text: outcome.text(english: english),
                    replyTo: message.messageID, kind: .reply, staffID: staffID, createdAt: now, attachment: attachment,
                    audience: message.isGroup ? .chat : .person)))
    }

    /// A message to someone other than the asker, in their private chat(s), in the asker's language.
    mutating func notify(_ person: Person, _ outcome: some Reply, kind: OutboxKind) throws -> Bool {
        try notify(person, outcome.text(english: english), kind: kind)
    }

    /// Words already made (by `notify(_:_:kind:)`, or with student data by `notifyPrivately`) to `person`.
    mutating func notify(_ person: Person, _ text: String, kind: OutboxKind) throws -> Bool {
        let addresses = state.directChats[person.staffID] ?? []
        for address in addresses {
            try emit(
                .enqueue(
                    OutboxMessage(
                        id: state.nextOutboxID, to: address, text: text, kind: kind,
                        staffID: person.staffID, createdAt: now, audience: .person)))
        }
        return !addresses.isEmpty
    }

    mutating func run() throws {
        let context = engine.parseContext(now: now, isGroup: message.isGroup)
        if try answerBallot(context) {
            summary = TurnSummary(
                intent: IntentKind.evaluate.rawValue, outcome: .ok,
                staffID: state.person(bound: message.identity)?.staffID)
            return
        }
        let (outcome, text) =
            try outcomeAnsweringPending(context) ?? (IntentParser.parse(message.text, context: context), message.text)
        commandText = text
        let person = state.person(bound: message.identity)
        summary.staffID = person?.staffID
        if let person, person.active, !message.isGroup,
            !(state.directChats[person.staffID] ?? []).contains(message.chat)
        {
            try emit(.addDirectChat(staffID: person.staffID, address: message.chat))
        }
        if message.file != nil, !Self.isAttach(outcome) {
            // A photo or file whose caption is not `附件 …`: look for a record id in it, else keep it and ask.
            try handle(.attach(id: Self.recordID(in: text), number: nil), person: person)
            return
        }
        switch outcome {
        case .ignored:
            return
        case .failure(let error):
            english = error.english
            summary.intent = error.intent?.rawValue ?? "unknown"
            summary.outcome = .refused
            try ask(error, person: person, text: text)
        case .command(let command):
            english = command.english
            try handle(command.intent, person: person)
        }
    }

    /// Checks who may ask (bound, still on the roster, allowed this command), then runs the command's rule.
    mutating func handle(_ intent: Intent, person: Person?) throws {
        summary.intent = intent.kind.rawValue
        summary.outcome = .ok
        switch intent {
        case .help(let topic):
            try help(topic, person: person)
            return
        case .bind(let who, let code):
            try bind(who: who, code: code, current: person)
            return
        default:
            break
        }
        guard let person else {
            summary.outcome = .refused
            try reply(TurnReply.notBound)
            return
        }
        guard person.active else {
            summary.outcome = .refused
            try reply(TurnReply.notOnRoster)
            return
        }
        let needed = intent.kind.audience
        guard person.permission.audience >= needed else {
            summary.outcome = .refused
            try reply(
                TurnReply.notAllowed(
                    keyword: intent.kind.keywords[0], slash: intent.kind.slashCommands[0], adminsOnly: needed == .admin)
            )
            return
        }
        switch intent {
        case .help, .bind: break
        case .pledge(let star, let text): try pledge(person, star, text)
        case .bookLesson(let request): try book(person, request)
        case .cancelLesson(let id): try cancel(person, id)
        case .reportVisit(let report): try visit(person, report)
        case .submitWork(let kind, let title): try submit(person, kind, title)
        case .progress: try reply(progress(person))
        case .calendar: try reply(CalendarReply(campaign: campaign, today: today))
        case .lessons(let from, let to, let all):
            try reply(lessonSchedule(from: all ? campaign.start : from, to: all ? campaign.end : to))
        case .remind(let on): try remind(person, on)
        case .stats(let by, let branch):
            guard let scope = try scope(person, branch) else { return }
            try statsWithChart(by, branch: scope.branch)
        case .missing(let what, let branch):
            guard let scope = try scope(person, branch) else { return }
            try reply(
                Reports(campaign: campaign, state: state, today: today, english: english).missing(
                    what, branch: scope.branch))
        case .broadcast(var text, let branch):
            if branch == nil, let rest = Self.withoutWholeSchool(text) {
                // 通知 全校 明天升旗: 全校 is whom the notice is for, not its first word.
                guard person.permission == .admin else {
                    try reply(TurnReply.wholeSchoolByAdmins(branch: person.branch, text: rest))
                    return
                }
                text = rest
            }
            guard let scope = try scope(person, branch) else { return }
            try broadcast(person, text, branch: scope.branch)
        case .nominate(let id): try nominate(person, id)
        case .export: try export(person)
        case .withdraw(let id): try withdraw(person, id)
        case .edit(let id, let fields): try edit(person, id, fields)
        case .myVisits: try myVisits(person)
        case .confirmLesson(let id, let held): try confirmLesson(person, id, held: held)
        case .benchmark(let entry): try benchmark(person, entry)
        case .award(let request): try award(person, request)
        case .report(let phase): try report(person, phase: phase)
        case .attach(let id, let number): try attach(person, id, number: number)
        case .history(let id): try history(person, id)
        case .evaluate(let request): try evaluate(person, request)
        case .web(let signOut): try web(person, signOut: signOut)
        }
    }

    /// The branch a question or notice covers; nil: the whole school.
    struct Scope {
        var branch: String?
    }

    /// Which branch a secretary's or admin's question covers: admins the whole school or the branch they name;
    /// secretaries their own branch only. Replies and returns nil for a branch that is not theirs or does not exist.
    /// Words that address a notice to the whole school.
    static let wholeSchool = ["全校老师", "全体老师", "全体教师", "全校教师", "全校", "全体", "所有人"]

    /// A notice's text without a leading 全校 (and the separator after it); nil when it does not start so.
    static func withoutWholeSchool(_ text: String) -> String? {
        for word in wholeSchool where text.hasPrefix(word) {
            let rest = text.dropFirst(word.count)
            guard let first = rest.first, " ：:，,".contains(first) else { continue }
            let trimmed = rest.drop { " ：:，,".contains($0) }
            return trimmed.isEmpty ? nil : String(trimmed)
        }
        return nil
    }

    mutating func scope(_ person: Person, _ asked: String?) throws -> Scope? {
        let branches = Set(state.activePeople.map(\.branch)).filter { !$0.isEmpty }.sorted()
        if let asked, !branches.contains(asked) {
            try reply(TurnReply.noSuchBranch(asked, branches: branches))
            return nil
        }
        if person.permission == .admin { return Scope(branch: asked) }
        if let asked, asked != person.branch {
            try reply(TurnReply.ownBranchOnly(person.branch))
            return nil
        }
        return Scope(branch: person.branch)
    }
}
