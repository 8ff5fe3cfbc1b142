import CampaignIntents
import Foundation

/// A message from a person on some transport.
public struct IncomingMessage: Sendable, Equatable {
    public var identity: ChatIdentity
    /// Where it was said, and where the answer goes.
    public var chat: ChatAddress
    public var isGroup: Bool
    /// The platform's message id, so the answer can quote it.
    public var messageID: String?
    public var text: String

    public init(identity: ChatIdentity, chat: ChatAddress, isGroup: Bool = false, messageID: String? = nil, text: String) {
        self.identity = identity
        self.chat = chat
        self.isGroup = isGroup
        self.messageID = messageID
        self.text = text
    }
}

/// The campaign's rules: one message in, the changes it makes (its reply included) out.
///
/// Pure and synchronous: the state it is given already holds everything committed before, and every change it
/// makes is applied to that state as it goes, so several messages can be handled in one commit.
public struct Engine: Sendable {
    public var campaign: Campaign
    public var botNames: [String]
    /// Group chats every notice is also posted to (a staff group's robot), besides each person's private chat.
    public var broadcastChannels: [ChatAddress]
    /// Wrong bind codes allowed per chat identity before binding is refused.
    public var maxBindFailures = 10
    /// Hashes bind codes; injected so the domain needs no crypto library.
    public var hashCode: @Sendable (String) -> String

    public init(campaign: Campaign, botNames: [String] = [], broadcastChannels: [ChatAddress] = [],
                hashCode: @escaping @Sendable (String) -> String) {
        self.campaign = campaign
        self.botNames = botNames
        self.broadcastChannels = broadcastChannels
        self.hashCode = hashCode
    }

    public func parseContext(now: Date, isGroup: Bool) -> ParseContext {
        ParseContext(today: CampaignTime.local(now).date, isGroup: isGroup, botNames: botNames,
                     morningPeriods: campaign.morningPeriods)
    }

    /// If this throws, `state` may hold part of the message's changes: the caller must drop it (the dispatcher
    /// rebuilds it from the last good state).
    public func handle(_ message: IncomingMessage, in state: inout BotState, now: Date) throws -> [Change] {
        // The state moves into the turn and back, so collections are mutated in place instead of copied.
        var turn = Turn(engine: self, message: message, now: now, state: BotState())
        swap(&turn.state, &state)
        defer { swap(&turn.state, &state) }
        try turn.run()
        return turn.changes
    }
}

/// Handling of one message.
struct Turn {
    let engine: Engine
    let message: IncomingMessage
    let now: Date
    var state: BotState
    var changes: [Change] = []
    var english = false
    var campaign: Campaign { engine.campaign }
    var today: CalendarDate { CampaignTime.local(now).date }

    init(engine: Engine, message: IncomingMessage, now: Date, state: BotState) {
        self.engine = engine
        self.message = message
        self.now = now
        self.state = state
    }

    func t(_ zh: String, _ en: String) -> String { english ? en : zh }

    mutating func emit(_ change: Change) throws {
        try state.apply(change)
        changes.append(change)
    }

    mutating func reply(_ text: String, attachment: Attachment? = nil, staffID: String? = nil) throws {
        try emit(.enqueue(OutboxMessage(id: state.nextOutboxID, to: message.chat, text: text, replyTo: message.messageID,
                                        kind: .reply, staffID: staffID, createdAt: now, attachment: attachment)))
    }

    /// A message to someone other than the asker, in their private chat(s).
    mutating func notify(_ person: Person, _ text: String, kind: OutboxKind) throws -> Bool {
        let addresses = state.directChats[person.staffID] ?? []
        for address in addresses {
            try emit(.enqueue(OutboxMessage(id: state.nextOutboxID, to: address, text: text, kind: kind,
                                            staffID: person.staffID, createdAt: now)))
        }
        return !addresses.isEmpty
    }

    mutating func run() throws {
        let outcome = IntentParser.parse(message.text, context: engine.parseContext(now: now, isGroup: message.isGroup))
        let person = state.person(bound: message.identity)
        if let person, person.active, !message.isGroup,
           !(state.directChats[person.staffID] ?? []).contains(message.chat) {
            try emit(.addDirectChat(staffID: person.staffID, address: message.chat))
        }
        switch outcome {
        case .ignored:
            return
        case .failure(let error):
            english = error.english
            try reply(error.reply)
        case .command(let command):
            english = command.english
            try handle(command.intent, person: person)
        }
    }

    mutating func handle(_ intent: Intent, person: Person?) throws {
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
            try reply(t("您还没有绑定身份。请发送“绑定 工号 绑定码”（绑定码由党总支管理员发给您），例如：绑定 T001 K7P3QX",
                        "You are not linked to the roster yet. Send “/bind STAFF_ID CODE” with the code your admin gave you, e.g. /bind T001 K7P3QX"))
            return
        }
        guard person.active else {
            try reply(t("您已不在本次活动的名单中。如有疑问，请联系党总支管理员。",
                        "You are no longer on the campaign roster. Please contact the admin if this is a mistake."))
            return
        }
        let needed = intent.kind.audience
        guard person.permission.audience >= needed else {
            let who = needed == .admin ? t("党总支管理员", "admins") : t("支部书记和管理员", "branch secretaries and admins")
            try reply(t("抱歉，“\(intent.kind.keywords[0])”只对\(who)开放。发送“帮助”可查看您能用的命令。",
                        "Sorry, /\(intent.kind.slashCommands[0]) is for \(who) only. Send /help to see your commands."))
            return
        }
        switch intent {
        case .help, .bind: break
        case .pledge(let star, let text): try pledge(person, star, text)
        case .bookLesson(let request): try book(person, request)
        case .cancelLesson(let id): try cancel(person, id)
        case .reportVisit(let report): try visit(person, report)
        case .submitWork(let kind, let title): try submit(person, kind, title)
        case .progress: try reply(progressText(person))
        case .calendar: try reply(calendarText())
        case .lessons(let from, let to): try reply(lessonsText(from: from, to: to))
        case .remind(let on): try remind(person, on)
        case .stats(let by): try reply(Reports(campaign: campaign, state: state, today: today, english: english)
            .stats(by: by, branch: person.permission == .admin ? nil : person.branch))
        case .missing(let what): try reply(Reports(campaign: campaign, state: state, today: today, english: english)
            .missingList(what, branch: person.permission == .admin ? nil : person.branch))
        case .broadcast(let text): try broadcast(person, text)
        case .nominate(let id): try nominate(person, id)
        case .export: try export(person)
        }
    }

    // MARK: help and bind

    mutating func help(_ topic: IntentKind?, person: Person?) throws {
        if let topic {
            try reply(HelpText.topic(topic, english: english))
            return
        }
        guard let person, person.active else {
            try reply(t("您好！我是创先争优活动助手。请先绑定身份：发送“绑定 工号 绑定码”（绑定码由党总支管理员发给您）。\n",
                        "Hello! I am the campaign assistant. First link your account: /bind STAFF_ID CODE (ask your admin for the code).\n")
                + HelpText.menu(for: .everyone, english: english))
            return
        }
        try reply(HelpText.menu(for: person.permission.audience, english: english))
    }

    mutating func bind(who: String, code: String, current: Person?) throws {
        let identity = message.identity
        if let current {
            try reply(t("这个账号已绑定为 \(current.name)（\(current.staffID)）。如需更改，请联系管理员。",
                        "This account is already linked to \(current.name) (\(current.staffID))."))
            return
        }
        if (state.failedBinds[identity.key] ?? 0) >= engine.maxBindFailures {
            try reply(t("绑定码错误次数过多，已暂停绑定。请联系党总支管理员重新获取绑定码。",
                        "Too many wrong codes. Please ask the admin for a new code."))
            return
        }
        let matches = state.roster.values.filter { $0.active && ($0.staffID.caseInsensitiveCompare(who) == .orderedSame || $0.name == who) }
        guard !matches.isEmpty else {
            try emit(.bindFailed(identity: identity))
            try reply(t("名单中没有“\(who)”。请核对工号或姓名，或联系党总支管理员。",
                        "“\(who)” is not on the roster. Check your staff id or ask the admin."))
            return
        }
        guard matches.count == 1, let person = matches.first else {
            try reply(t("名单中有 \(matches.count) 位“\(who)”，请改用工号绑定，例如：绑定 \(matches.map(\.staffID).sorted()[0]) 绑定码",
                        "Several people are called “\(who)”; please use your staff id."))
            return
        }
        if state.bindings.contains(where: { $0.value == person.staffID && $0.key.hasPrefix(identity.transport + ":") }) {
            try reply(t("\(person.name)已绑定了另一个账号。如需更换账号，请联系党总支管理员。",
                        "\(person.name) is already linked to another account here. Ask the admin to change it."))
            return
        }
        guard let stored = state.bindCodes[person.staffID], constantTimeEqual(stored, engine.hashCode(code)) else {
            try emit(.bindFailed(identity: identity))
            try reply(t("绑定码不对，或已经用过。请核对管理员发给您的绑定码（6位字母和数字）。",
                        "That code is wrong or already used. Check the code from your admin."))
            return
        }
        try emit(.bind(identity: identity, staffID: person.staffID, address: message.isGroup ? nil : message.chat))
        try reply(t("绑定成功！您好，\(person.name)老师（\(person.branch.isEmpty ? "" : person.branch + "，")\(person.permission.chineseName)）。\n发送“帮助”查看可用命令，发送“我的进度”查看您的任务。",
                    "Linked! Hello, \(person.name). Send /help for commands and /me for your progress."))
    }

    // MARK: teacher commands

    mutating func pledge(_ person: Person, _ star: Star, _ text: String) throws {
        guard let rule = campaign.rule(for: star) else {
            try reply(t("本次活动没有\(star.chineseName)。", "This campaign has no \(star.englishName)."))
            return
        }
        guard person.mayStrive(for: rule) else {
            let allowed = campaign.stars.filter { person.mayStrive(for: $0) }.map(\.star.chineseName)
            try reply(t("\(star.chineseName)面向\(rule.eligibility)。按名单，您的角色是\(roleText(person))，不能申报\(star.chineseName)。"
                        + (allowed.isEmpty ? "" : "您可以申报：\(allowed.joined(separator: "、"))。") + "如名单有误，请联系管理员。",
                        "The \(star.englishName) is for \(rule.eligibility). Your roster roles do not include that."))
            return
        }
        guard today <= campaign.end else {
            try reply(t("本次活动已于\(campaign.end.chinese)结束，不再接受申报。如有疑问，请联系党总支管理员。",
                        "The campaign has ended and takes no more pledges. Please ask the admin if you need to record one."))
            return
        }
        let existing = state.pledges(of: person.staffID).first { $0.star == star }
        let late = today > campaign.pledgeDeadline
        let pledge = Pledge(id: existing?.id ?? state.nextID("P"), staffID: person.staffID, star: star, text: text,
                            at: now, late: existing?.late ?? late)
        try emit(.pledge(pledge))
        let needs = rule.requirements.map(\.name).joined(separator: "、")
        var text = existing == nil
            ? t("已登记承诺 \(pledge.id)：\(star.chineseName)——\(text)", "Pledge \(pledge.id) recorded: \(star.englishName) — \(text)")
            : t("已更新您的\(star.chineseName)承诺 \(pledge.id)：\(text)", "Your \(star.englishName) pledge \(pledge.id) is updated: \(text)")
        text += t("\n完成\(star.chineseName)需要：\(needs)。完成后请用“提交”上报。", "\nTo complete it: \(needs). Report finished work with /submit.")
        if late && existing == nil {
            text += t("\n（申报截止日期是\(campaign.pledgeDeadline.chinese)，本次记为逾期申报。）", "\n(The deadline was \(campaign.pledgeDeadline); recorded as late.)")
        }
        try reply(text)
    }

    mutating func book(_ person: Person, _ request: LessonRequest) throws {
        guard person.teachesDemoLesson else {
            try reply(t("党员示范课由一线党员教师承担。按名单您不是一线党员教师，如名单有误，请联系管理员。",
                        "Demonstration lessons are taught by frontline Party-member teachers; the roster does not list you as one."))
            return
        }
        guard let span = campaign.lessonSpan, span.contains(request.date) else {
            let phase = campaign.phase(number: campaign.lessonPhase)
            try reply(t("示范课须安排在第\(campaign.lessonPhase)阶段（\(phase?.span.chinese ?? "")）内，\(request.date.chinese)不在其中。请在这段时间内另选日期。",
                        "Lessons must be inside phase \(campaign.lessonPhase) (\(phase.map { "\($0.span.from) – \($0.span.to)" } ?? "")); \(request.date) is not. Please choose a date in that phase."))
            return
        }
        guard request.date >= today else {
            try reply(t("\(request.date.chinese)已经过去了，请预约今天或以后的日期。",
                        "\(request.date) is in the past; please book today or later."))
            return
        }
        let mine = state.activeLessons(of: person.staffID)
        if request.level == .school {
            guard mine.contains(where: { $0.nominated }) else {
                try reply(t("全校示范课需由支部推荐：请先上好组内示范课，由支部书记发送“推荐 编号”后再预约全校展示。",
                            "A school-wide lesson needs your branch's nomination first."))
                return
            }
            if let other = mine.first(where: { $0.level == .school }) {
                try reply(t("您已预约全校示范课 \(other.id)（\(describe(other))）。如需改期，请先发送“取消示范课 \(other.id)”。",
                            "You already booked the school-wide lesson \(other.id). Cancel it first to change it."))
                return
            }
        } else if let other = mine.first(where: { $0.level == .group }) {
            try reply(t("您已预约示范课 \(other.id)（\(describe(other))）。每人一节组内示范课；如需改期，请先发送“取消示范课 \(other.id)”。",
                        "You already booked lesson \(other.id) (\(describe(other))). To change it, first send /cancel \(other.id)."))
            return
        }
        if let clash = state.lessons.first(where: { $0.isActive && $0.date == request.date && $0.period == request.period && $0.className == request.className }) {
            let teacher = state.roster[clash.staffID]?.name ?? clash.staffID
            try reply(t("\(request.className) \(request.date.chinese) 第\(request.period)节已有示范课 \(clash.id)（\(teacher)）。请换一个节次或日期。",
                        "\(request.className) already has lesson \(clash.id) (\(teacher)) on \(request.date), period \(request.period). Please choose another time."))
            return
        }
        let lesson = Lesson(id: state.nextID("L"), staffID: person.staffID, date: request.date, period: request.period,
                            className: request.className, topic: request.topic, level: request.level, status: .booked,
                            nominated: false, bookedAt: now, cancelledAt: nil)
        try emit(.bookLesson(lesson))
        var text = t("已预约示范课 \(lesson.id)：\(describe(lesson))。", "Lesson \(lesson.id) booked: \(describe(lesson)).")
        if request.date.isWeekend { text += t("\n注意：这一天是\(request.date.chineseWeekday)。", "\nNote: that day is a weekend.") }
        text += t("\n前一天16:00我会提醒您。如需取消：取消示范课 \(lesson.id)", "\nI will remind you the day before at 16:00. To cancel: /cancel \(lesson.id)")
        try reply(text)
    }

    mutating func cancel(_ person: Person, _ id: String) throws {
        guard let lesson = state.lesson(id) else {
            try reply(t("没有找到示范课 \(id)。发送“我的进度”可查看您的示范课编号。", "There is no lesson \(id). Send /me to see your lessons."))
            return
        }
        guard lesson.staffID == person.staffID || person.permission == .admin else {
            try reply(t("示范课 \(id) 不是您预约的，不能取消。请核对编号（发送“我的进度”可查看您的示范课），或请预约的老师、管理员取消。",
                        "Lesson \(id) is not yours to cancel. Check the id (send /me to see yours), or ask its teacher or an admin."))
            return
        }
        guard lesson.isActive else {
            try reply(t("示范课 \(id) 已经取消过了。发送“示范课安排”可查看当前的安排。", "Lesson \(id) is already cancelled. Send /lessons to see the schedule."))
            return
        }
        guard lesson.date >= today else {
            try reply(t("示范课 \(id) 已于\(lesson.date.chinese)上过，不能取消。如记录有误，请联系党总支管理员。",
                        "Lesson \(id) already took place on \(lesson.date) and cannot be cancelled. Ask an admin if the record is wrong."))
            return
        }
        try emit(.cancelLesson(id: id, at: now))
        var text = t("已取消示范课 \(id)（\(describe(lesson))）。", "Lesson \(id) (\(describe(lesson))) is cancelled.")
        if lesson.nominated { text += t("\n这节课的全校推荐也随之取消。", "\nIts school-wide nomination is withdrawn too.") }
        try reply(text)
        if lesson.staffID != person.staffID, let owner = state.roster[lesson.staffID] {
            _ = try notify(owner, t("管理员\(person.name)取消了您的示范课 \(id)（\(describe(lesson))）。",
                                    "Admin \(person.name) cancelled your lesson \(id)."), kind: .notice)
        }
    }

    mutating func visit(_ person: Person, _ report: VisitReport) throws {
        guard report.date <= today else {
            try reply(t("家访日期\(report.date.chinese)还没到，请在家访之后再登记。", "\(report.date) is in the future; report visits after they happen."))
            return
        }
        guard report.date >= campaign.start else {
            try reply(t("家访日期须在活动期间（\(campaign.start.chinese)起）。请核对日期，例如：\(IntentKind.reportVisit.example.zh)",
                        "Visits count from \(campaign.start). Please check the date, e.g. \(IntentKind.reportVisit.example.en)"))
            return
        }
        guard report.date <= campaign.end else {
            try reply(t("家访日期须在活动期间（\(campaign.end.chinese)前）。请核对日期。", "Visits count until \(campaign.end). Please check the date."))
            return
        }
        let holiday = campaign.isHoliday(report.date)
        let visit = Visit(id: state.nextID("V"), staffID: person.staffID, date: report.date, student: report.student,
                          mode: report.mode, note: report.note, holiday: holiday, at: now)
        try emit(.addVisit(visit))
        let day = "\(report.date.chinese)（\(report.date.chineseWeekday)\(holiday ? "，节假日" : "")）"
        var text: String
        if message.isGroup {
            // Nothing about a minor is echoed into a group.
            text = t("已登记家访 \(visit.id)（\(report.date.chinese)）。详情只有您本人和管理员能看到。",
                     "Visit \(visit.id) recorded (\(report.date)). Details are visible only to you and the admins.")
        } else {
            text = t("已登记家访 \(visit.id)：\(day)，\(report.student)", "Visit \(visit.id) recorded: \(report.date), \(report.student)")
            if let mode = report.mode { text += t("，\(mode.chineseName)", ", \(mode.rawValue)") }
            if let note = report.note { text += t("，备注：\(note)", ", note: \(note)") }
            text += t("。\n这条记录只有您本人和管理员能看到。", ".\nOnly you and the admins can see this record.")
        }
        if !holiday {
            text += t("\n提示：这一天不是节假日。德育之星统计的是节假日（寒暑假、周末、法定假日）的亲情家访；这次家访已记录，但不计入德育之星。",
                      "\nNote: this was not a holiday. The Moral Education Star counts holiday visits; this one is recorded but does not count for it.")
        }
        try reply(text)
    }

    mutating func submit(_ person: Person, _ kind: WorkKind, _ title: String) throws {
        let work = Work(id: state.nextID("W"), staffID: person.staffID, kind: kind, title: title, at: now)
        try emit(.addWork(work))
        var text = t("已登记成果 \(work.id)：\(kind.chineseName)《\(title.trimmingCharacters(in: CharacterSet(charactersIn: "《》")))》。",
                     "Work \(work.id) recorded: \(kind.englishName) “\(title)”.")
        let stars = campaign.stars.filter { $0.requirements.contains { $0.anyOf.contains(kind) } }
        let pledged = Set(state.pledges(of: person.staffID).map(\.star))
        for progress in state.starProgress(of: person, campaign: campaign) where stars.contains(where: { $0.star == progress.star }) {
            let marks = progress.items.map { "\($0.requirement.name) \($0.done ? "✓" : "✗")" }.joined(separator: t("，", ", "))
            text += "\n" + t("\(progress.star.chineseName)：\(marks)", "\(progress.star.englishName): \(marks)")
            if progress.complete { text += t(" —— 已全部完成！", " — complete!") }
        }
        if !stars.isEmpty, stars.allSatisfy({ !pledged.contains($0.star) }) {
            text += t("\n（这项成果计入\(stars.map(\.star.chineseName).joined(separator: "或"))，您尚未申报。）",
                      "\n(This counts for \(stars.map(\.star.englishName).joined(separator: " or ")), which you have not pledged.)")
        }
        try reply(text)
    }

    mutating func remind(_ person: Person, _ on: Bool) throws {
        try emit(.setReminders(staffID: person.staffID, on: on))
        try reply(on
            ? t("好的，已打开个人提醒。", "Reminders are on.")
            : t("好的，已关闭个人提醒。管理员的通知仍会发给您。发送“提醒 开”可重新打开。",
                "Reminders are off. Notices from the admins still arrive. Send /remind on to turn them back on."))
    }

    // MARK: secretary and admin commands

    mutating func broadcast(_ sender: Person, _ text: String) throws {
        var reached = 0, unreachable = 0
        for person in state.activePeople where person.staffID != sender.staffID {
            if try notify(person, "【通知】" + text + "\n——" + sender.name, kind: .broadcast) { reached += 1 } else { unreachable += 1 }
        }
        for channel in engine.broadcastChannels {
            try emit(.enqueue(OutboxMessage(id: state.nextOutboxID, to: channel, text: "【通知】" + text + "\n——" + sender.name,
                                            kind: .broadcast, createdAt: now)))
        }
        try reply(t("通知已发给 \(reached) 人。" + (unreachable > 0 ? "另有 \(unreachable) 人尚未绑定或从未私聊过我，暂时收不到。" : "")
                      + (engine.broadcastChannels.isEmpty ? "" : "并已发到教职工群。"),
                    "Notice sent to \(reached) people." + (unreachable > 0 ? " \(unreachable) have not linked a chat yet and cannot receive it." : "")))
    }

    mutating func nominate(_ person: Person, _ id: String) throws {
        guard let lesson = state.lesson(id), lesson.isActive else {
            try reply(t("没有找到有效的示范课 \(id)。发送“示范课安排”可查看编号。", "There is no active lesson \(id)."))
            return
        }
        guard let teacher = state.roster[lesson.staffID] else { return }
        guard person.permission == .admin || teacher.branch == person.branch else {
            try reply(t("示范课 \(id) 属于\(teacher.branch)，您只能推荐本支部（\(person.branch)）的示范课。请发送“示范课安排”查看编号。",
                        "Lesson \(id) belongs to another branch; you can nominate lessons of your own branch. Send /lessons to see the ids."))
            return
        }
        guard lesson.level == .group else {
            try reply(t("示范课 \(id) 已经是全校展示课。请推荐这位老师的组内示范课。", "Lesson \(id) is already a school-wide lesson. Please nominate the group-level lesson."))
            return
        }
        if lesson.nominated {
            try reply(t("示范课 \(id) 已经是\(teacher.branch)的推荐课，无需重复推荐。请提醒\(teacher.name)老师预约全校示范课。",
                        "Lesson \(id) is already nominated; nothing to do. Remind its teacher to book the school-wide lesson."))
            return
        }
        let previous = state.lessons.first { $0.nominated && state.roster[$0.staffID]?.branch == teacher.branch }
        try emit(.nominate(id: id))
        var text = t("已推荐 \(id)（\(teacher.name)，\(describe(lesson))）代表\(teacher.branch)参加全校展示。",
                     "Lesson \(id) (\(teacher.name)) is nominated for the school-wide round.")
        if let previous { text += t("\n原推荐 \(previous.id) 已撤销（每个支部推荐一节）。", "\nThe previous nomination \(previous.id) is withdrawn (one per branch).") }
        try reply(text)
        if teacher.staffID != person.staffID {
            _ = try notify(teacher, t("您的示范课 \(id)（\(describe(lesson))）被推荐参加全校展示！请预约全校示范课，例如：预约示范课 日期 节次 班级 全校",
                                      "Your lesson \(id) was nominated for the school-wide round! Book it with level school."), kind: .notice)
        }
    }

    mutating func export(_ person: Person) throws {
        guard !message.isGroup else {
            try reply(t("导出的数据含个人信息，请在与我的私聊中使用“导出”。", "Exports contain personal data; please use /export in a private chat."))
            return
        }
        let csv = Export.csv(state: state, what: .all)
        let stamp = CampaignTime.format(now).prefix(16).replacingOccurrences(of: ":", with: "")
        let attachment = Attachment(fileName: "cxzy-export-\(stamp).csv", mimeType: "text/csv", content: csv)
        try reply(t("导出完成：承诺 \(state.pledges.count) 条，示范课 \(state.lessons.count) 条，家访 \(state.visits.count) 条，成果 \(state.works.count) 条。文件为 UTF-8 CSV，可直接用 Excel 打开。",
                    "Export ready: \(state.pledges.count) pledges, \(state.lessons.count) lessons, \(state.visits.count) visits, \(state.works.count) works (CSV, UTF-8)."),
                  attachment: attachment)
    }

    // MARK: texts

    func roleText(_ person: Person) -> String {
        person.roles.isEmpty ? "（未填写）" : person.roles.map(\.chineseName).joined(separator: "、")
    }

    func weekday(_ date: CalendarDate) -> String {
        english ? ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][date.weekday - 1] : date.chineseWeekday
    }

    func describe(_ lesson: Lesson) -> String {
        var text = english
            ? "\(lesson.date) (\(weekday(lesson.date))) period \(lesson.period), \(lesson.className)"
            : "\(lesson.date.chinese)（\(lesson.date.chineseWeekday)）第\(lesson.period)节，\(lesson.className)"
        if let topic = lesson.topic { text += english ? ", “\(topic)”" : "，课题《\(topic)》" }
        text += english ? ", \(lesson.level.rawValue)" : "，\(lesson.level.chineseName)"
        return text
    }

    func progressText(_ person: Person) -> String {
        var lines = [t("\(person.name)老师的进度（\(today.chinese)）", "Progress of \(person.name) (\(today))")]
        let stars = state.starProgress(of: person, campaign: campaign)
        if stars.isEmpty {
            let allowed = campaign.stars.filter { person.mayStrive(for: $0) }.map(\.star.chineseName).joined(separator: "、")
            lines.append(t("承诺：尚未申报（截止\(campaign.pledgeDeadline.chinese)）。您可以申报：\(allowed)。例如：承诺 \(campaign.stars.first { person.mayStrive(for: $0) }?.star.chineseName ?? "科学之星") 承诺内容",
                           "Pledge: none yet (deadline \(campaign.pledgeDeadline))."))
        }
        for star in stars {
            lines.append(t("· \(star.star.chineseName)（\(star.pledge.id)）\(star.complete ? "已完成 ✓" : "")", "· \(star.star.englishName) (\(star.pledge.id))\(star.complete ? " complete ✓" : "")"))
            for item in star.items {
                let evidence = item.evidence.isEmpty ? "" : "（\(item.evidence.joined(separator: "、"))）"
                lines.append("   \(item.done ? "✓" : "✗") \(item.requirement.name)\(item.done ? evidence : t(" 待完成", " to do"))")
            }
        }
        if person.teachesDemoLesson {
            let lessons = state.activeLessons(of: person.staffID)
            if lessons.isEmpty {
                lines.append(t("示范课：尚未预约（须在\(campaign.lessonSpan?.chinese ?? "")内）。例如：\(IntentKind.bookLesson.example.zh)",
                               "Demo lesson: not booked yet."))
            }
            for lesson in lessons.sorted(by: { $0.date < $1.date }) {
                let state = lesson.date < today ? t("已上", "taught") : t("已预约", "booked")
                lines.append(t("示范课：\(lesson.id) \(describe(lesson))（\(state)\(lesson.nominated ? "，支部推荐" : "")）",
                               "Demo lesson: \(lesson.id) \(describe(lesson)) (\(state))"))
            }
        }
        let visits = state.visits(of: person.staffID)
        if !visits.isEmpty || person.has(.classTeacher) || stars.contains(where: { $0.star == .moral }) {
            lines.append(t("家访：\(visits.count) 次（其中节假日 \(visits.filter(\.holiday).count) 次）",
                           "Home visits: \(visits.count) (\(visits.filter(\.holiday).count) on holidays)"))
        }
        let works = state.works(of: person.staffID)
        if !works.isEmpty {
            lines.append(t("成果：", "Work: ") + works.map { "\($0.id) \(english ? $0.kind.englishName : $0.kind.chineseName)" }.joined(separator: t("；", "; ")))
        }
        if let next = nextDeadline(for: person) {
            let days = next.date.dayNumber - today.dayNumber
            lines.append(t("下一个截止：\(next.name) \(next.date.chinese)（还有 \(days) 天）", "Next deadline: \(next.name) \(next.date) (\(days) days)"))
        }
        if state.remindersOff.contains(person.staffID) { lines.append(t("（个人提醒已关闭）", "(reminders are off)")) }
        return lines.joined(separator: "\n")
    }

    func nextDeadline(for person: Person) -> Milestone? {
        let owesPledge = state.pledges(of: person.staffID).isEmpty
        return campaign.milestones
            .filter { $0.date >= today && ($0.audience == .owing || ($0.audience == .withoutPledge && owesPledge)) }
            .min { $0.date < $1.date }
    }

    func calendarText() -> String {
        var lines = [t("\(campaign.name)", "\(campaign.name)")]
        for phase in campaign.phases {
            let mark = phase.span.contains(today) ? t(" ← 当前", " ← now") : (phase.span.to < today ? t(" ✓", " ✓") : "")
            lines.append(t("第\(phase.number)阶段 \(phase.name)：\(phase.span.from.chinese)—\(phase.span.to.chinese)\(mark)",
                           "Phase \(phase.number) \(phase.name): \(phase.span.from) – \(phase.span.to)\(mark)"))
        }
        let upcoming = campaign.milestones.filter { $0.date >= today }.sorted { $0.date < $1.date }.prefix(4)
        if !upcoming.isEmpty {
            lines.append(t("近期节点：", "Coming up:"))
            for m in upcoming { lines.append("· \(m.date.chinese) \(m.name)") }
        }
        return lines.joined(separator: "\n")
    }

    func lessonsText(from: CalendarDate?, to: CalendarDate?) -> String {
        let start = from ?? today
        let lessons = state.lessons
            .filter { lesson in lesson.isActive && lesson.date >= start && (to.map { lesson.date <= $0 } ?? true) }
            .sorted { ($0.date, $0.period) < ($1.date, $1.period) }
        let range = to.map { "\(start.chinese)—\($0.chinese)" } ?? t("\(start.chinese)起", "from \(start)")
        guard !lessons.isEmpty else { return t("示范课安排（\(range)）：暂无。", "Lessons (\(range)): none.") }
        var lines = [t("示范课安排（\(range)），共 \(lessons.count) 节：", "Lessons (\(range)), \(lessons.count):")]
        for lesson in lessons.prefix(50) {
            let teacher = state.roster[lesson.staffID]?.name ?? lesson.staffID
            lines.append("\(lesson.id) \(lesson.date.month)/\(lesson.date.day) \(weekday(lesson.date)) " + t("第\(lesson.period)节", "P\(lesson.period)")
                + " \(lesson.className) \(teacher)" + (lesson.topic.map { "《\($0)》" } ?? "")
                + (lesson.level == .school ? t("【全校】", " [school]") : lesson.nominated ? t("【推荐】", " [nominated]") : ""))
        }
        if lessons.count > 50 { lines.append(t("……还有 \(lessons.count - 50) 节，请缩小日期范围。", "… \(lessons.count - 50) more; narrow the range.")) }
        return lines.joined(separator: "\n")
    }
}

/// Compares two strings in time independent of where they differ (for secrets).
public func constantTimeEqual(_ a: String, _ b: String) -> Bool {
    let x = Array(a.utf8), y = Array(b.utf8)
    var diff = UInt8(truncatingIfNeeded: x.count ^ y.count)
    for i in 0..<max(x.count, y.count) {
        diff |= (i < x.count ? x[i] : 0) ^ (i < y.count ? y[i] : 0)
    }
    return diff == 0
}
