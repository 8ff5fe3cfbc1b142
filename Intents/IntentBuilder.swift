import Foundation

/// Turning what was read into an `Intent`: positional words fill the free arguments, then each command checks
/// that it has what it needs.
extension ArgumentReader {
    private func text(_ argument: CommandArgument) -> String? {
        guard let words = keyed[argument], !words.isEmpty else { return nil }
        let joined = Token.joinFree(words)
        return joined.isEmpty ? nil : joined
    }

    /// Words after `后台` / `/web` that end the sessions instead.
    static let signOutWords: Set<String> = ["退出", "登出", "注销", "logout", "signout", "off"]

    /// Labels people write before a topic or title (`课题《数列》`, `标题：…`).
    static let labels = ["课题名称", "课题", "主题", "题目", "标题", "内容"]

    /// The text without a leading label (when a 《 or a colon follows it) and without one pair of 《》 around it all.
    static func withoutLabel(_ text: String) -> String {
        var text = text
        for label in labels where text.hasPrefix(label) {
            let rest = text.dropFirst(label.count).drop { $0 == " " }
            if let first = rest.first, "《:：".contains(first) {
                text = String(first == "《" ? rest : rest.dropFirst()).trimmingCharacters(in: .whitespaces)
            }
            break
        }
        if text.hasPrefix("《"), text.hasSuffix("》"), text.dropFirst().dropLast().allSatisfy({ $0 != "《" && $0 != "》" })
        {
            text = String(text.dropFirst().dropLast())
        }
        return text
    }

    /// The free-text arguments: positional words fill the single-word arguments first, then the rest argument.
    /// Returns them with the positional words left over (for commands that take none).
    func freeTexts() -> [CommandArgument: String] { freeTextsAndLeftover().texts }

    private func freeTextsAndLeftover() -> (texts: [CommandArgument: String], leftover: [Token]) {
        var positional = free
        var texts: [CommandArgument: String] = [:]
        for argument in freeArguments.single {
            if let given = text(argument) {
                texts[argument] = given
            } else if !positional.isEmpty {
                texts[argument] = Token.joinFree([positional.removeFirst()])
            }
        }
        if let rest = freeArguments.rest {
            let words = (keyed[rest] ?? []) + positional
            let joined = Self.withoutLabel(Token.joinFree(words))
            if !joined.isEmpty { texts[rest] = joined }
            positional = []
        }
        return (texts, positional)
    }

    func build() -> Result<Intent, ParseError> {
        let (texts, positional) = freeTextsAndLeftover()
        func value(_ a: CommandArgument) -> TypedValue? { typed[a] }
        var branch: String?
        if case .branch(let b)? = value(.branch) { branch = b }

        switch kind {
        case .help:
            // `/help english`: the menu, in English (a slash command alone is answered in Chinese).
            if !positional.isEmpty, positional.allSatisfy({ ["english", "en"].contains($0.normString) }) {
                return .success(.help(topic: nil))
            }
            if let word = positional.first { return .failure(invalid(.topic, word.originalString)) }
            if case .topic(let k)? = value(.topic) { return .success(.help(topic: k)) }
            return .success(.help(topic: nil))
        case .bind:
            guard let who = texts[.who] else { return .failure(missing(.who)) }
            guard let code = texts[.code] else { return .failure(missing(.code)) }
            return .success(.bind(who: who, code: code.uppercased()))
        case .pledge:
            guard case .star(let star)? = value(.star) else { return .failure(missing(.star)) }
            guard let text = texts[.text] else { return .failure(missing(.text)) }
            return .success(.pledge(star: star, text: text))
        case .bookLesson:
            guard case .date(let date)? = value(.date) else { return .failure(missing(.date)) }
            guard case .period(let period)? = value(.period) else { return .failure(missing(.period)) }
            guard case .className(let className)? = value(.class) else { return .failure(missing(.class)) }
            var level = LessonLevel.group
            if case .level(let l)? = value(.level) { level = l }
            return .success(
                .bookLesson(
                    LessonRequest(date: date, period: period, className: className, topic: texts[.topic], level: level))
            )
        case .cancelLesson, .nominate, .withdraw, .confirmLesson, .history:
            guard case .id(let id)? = value(.id) else {
                // `撤销 A-0001`: a commendation is taken back with its own words (表彰 撤销).
                if kind == .withdraw, let word = positional.first, let award = ArgumentReader.awardID(word.norm) {
                    let rest = positional.dropFirst()
                    let reason = rest.isEmpty ? nil : ArgumentReader.withoutLabel(Token.joinFree(Array(rest)))
                    return .success(.award(.revoke(id: award, reason: reason)))
                }
                if let word = positional.first { return .failure(invalid(.id, word.originalString)) }
                return .failure(missing(.id))
            }
            switch kind {
            case .cancelLesson: return .success(.cancelLesson(id: id))
            case .withdraw: return .success(.withdraw(id: id))
            case .history:
                if let word = positional.first { return .failure(invalid(.id, word.originalString)) }
                return .success(.history(id: id))
            case .confirmLesson:
                if let word = positional.first { return .failure(invalid(.on, word.originalString)) }
                var held = keyword != "示范课未上"
                if case .on(let on)? = value(.on) { held = on }
                return .success(.confirmLesson(id: id, held: held))
            default: return .success(.nominate(id: id))
            }
        case .reportVisit:
            guard case .date(let date)? = value(.date) else { return .failure(missing(.date)) }
            guard let student = texts[.student] else { return .failure(missing(.student)) }
            var mode: VisitMode?
            if case .mode(let m)? = value(.mode) { mode = m }
            return .success(.reportVisit(VisitReport(date: date, student: student, mode: mode, note: texts[.note])))
        case .submitWork:
            guard case .kind(let kind)? = value(.kind) else { return .failure(missing(.kind)) }
            guard let title = texts[.title] else { return .failure(missing(.title)) }
            return .success(.submitWork(kind: kind, title: title))
        case .progress: return .success(.progress)
        case .myVisits: return .success(.myVisits)
        case .edit: return .failure(missing(.id))
        case .benchmark: return .success(.benchmark(BenchmarkEntry()))
        case .award: return .success(.award(.list(phase: nil, star: nil)))
        case .evaluate: return .success(.evaluate(.rate))
        case .calendar: return .success(.calendar)
        case .export: return .success(.export)
        case .lessons:
            if let word = positional.first { return .failure(invalid(.from, word.originalString)) }
            if case .allDates? = value(.from) { return .success(.lessons(from: nil, to: nil, all: true)) }
            guard case .range(let from, let rangeEnd)? = value(.from) else {
                return .success(.lessons(from: nil, to: nil))
            }
            var to = rangeEnd
            if case .date(let d)? = value(.to) { to = d }
            guard from <= to else { return .failure(invalid(.to, to.description)) }
            return .success(.lessons(from: from, to: to))
        case .remind:
            guard case .on(let on)? = value(.on) else {
                if let word = positional.first { return .failure(invalid(.on, word.originalString)) }
                return .failure(missing(.on))
            }
            return .success(.remind(on: on))
        case .stats:
            if let word = positional.first { return .failure(invalid(.by, word.originalString)) }
            guard case .by(let by)? = value(.by) else { return .success(.stats(by: .branch, branch: branch)) }
            return .success(.stats(by: by, branch: branch))
        case .missing:
            if let word = positional.first { return .failure(invalid(.what, word.originalString)) }
            guard case .what(let what)? = value(.what) else {
                return .success(.missing(what: keyword == "未申报" ? .pledge : .all, branch: branch))
            }
            return .success(.missing(what: what, branch: branch))
        case .broadcast:
            guard let text = texts[.text] else { return .failure(missing(.text)) }
            return .success(.broadcast(text: text, branch: branch))
        case .report: return buildReport(positional)
        case .attach: return buildAttach(positional)
        case .web:
            // 退出后台, /web logout: end the sessions; 后台 alone: a login link.
            var signOut = keyword.hasPrefix("退出") || keyword.hasPrefix("登出")
            if let word = positional.first {
                guard positional.count == 1, Self.signOutWords.contains(word.normString) else {
                    return .failure(invalid(.what, word.originalString))
                }
                signOut = true
            }
            return .success(.web(signOut: signOut))
        }
    }
}
