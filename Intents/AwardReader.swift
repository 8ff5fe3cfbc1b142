/// `表彰 T003 德育之星`, `表彰 王老师 教学之星 理由…`, `表彰 确认 A-0001 通知全校`, `表彰 驳回 A-0001 理由…`,
/// `表彰 通知 A-0001`, `表彰 撤销 A-0001 理由…`, `表彰 名单 第3阶段 德育之星`. Action words and ids may be glued (`表彰确认A0001`).
extension ArgumentReader {
    enum AwardAction { case confirm, reject, announce, revoke, list }

    static let awardActions: [(String, AwardAction)] = [
        ("确认", .confirm), ("批准", .confirm), ("通过", .confirm), ("同意", .confirm), ("confirm", .confirm),
        ("approve", .confirm), ("驳回", .reject), ("不同意", .reject), ("不批准", .reject), ("拒绝", .reject),
        ("退回", .reject), ("reject", .reject), ("通知全校", .announce), ("通知", .announce), ("公布", .announce),
        ("通报", .announce), ("announce", .announce), ("撤销", .revoke), ("撤回", .revoke), ("取消表彰", .revoke),
        ("收回", .revoke), ("revoke", .revoke), ("withdraw", .revoke), ("名单", .list), ("列表", .list), ("查看", .list),
        ("list", .list),
    ]

    /// Words that, after a proposal or a confirmation, ask for the award to be announced.
    static let announceWords: Set<String> = ["通知全校", "全校通知", "通知", "公布", "通报", "announce"]
    /// Announce words that are an option wherever they stand, even after the reason (`理由：… 通知全校`).
    static let announceAnywhere = ["通知全校", "全校通知"]
    /// Answers that confirm a proposal (the reply to “回复“确认”…”).
    static let yesWords: Set<String> = ["确认", "确定", "是", "是的", "好", "好的", "对", "提交", "同意", "yes", "y", "ok", "confirm"]

    /// A commendation's id: A-0001, a1, A0001 → `A-0001`.
    static func awardID(_ s: [Unicode.Scalar]) -> String? {
        var c = Cursor(s)
        guard c.eatOne(of: "a") != nil else { return nil }
        _ = c.eat("-")
        guard let n = c.digits(max: 9), c.atEnd, n.value > 0 else { return nil }
        let digits = String(n.value)
        return "A-" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// 第3阶段, 第三阶段, 阶段3, phase3 → 3.
    static func phaseNumber(_ s: [Unicode.Scalar]) -> Int? {
        var c = Cursor(s)
        if c.eat("phase") || c.eat("阶段") {
            _ = c.eat(":")
            guard let n = c.number(maxDigits: 2), c.atEnd else { return nil }
            return n
        }
        guard c.eat("第"), let n = c.number(maxDigits: 2), c.eat("阶段"), c.atEnd else { return nil }
        return n
    }

    func readAward(_ tokens: [Token]) -> Result<Intent, ParseError> {
        var action: AwardAction?
        var id: String?
        var star: Star?
        var phase: Int?
        var who: Token?
        var confirmed = false
        var announce = false
        var free: [Token] = []
        for whole in tokens {
            var token = whole
            // A question's answer arrives as `confirm:确认`, `star:德育之星`, `who:T003`.
            if let colon = token.norm.firstIndex(of: ":"), colon > 0 {
                let key = String(String.UnicodeScalarView(token.norm[..<colon]))
                let value = token.suffix(fromNorm: colon + 1)
                switch key {
                case "confirm":
                    guard Self.yesWords.contains(value.normString) else {
                        return .failure(invalid(.on, value.originalString))
                    }
                    confirmed = true
                    continue
                case "star", "星":
                    guard case .value(let s, let n)? = Recognizers.word(value.norm, Star.words), n == value.norm.count
                    else { return .failure(invalid(.star, value.originalString)) }
                    star = s
                    continue
                case "who", "工号", "姓名":
                    token = value
                case "理由", "reason", "id", "编号":
                    token = value
                default:
                    break
                }
            }
            if token.norm.isEmpty { continue }
            if free.isEmpty, Self.announceWords.contains(token.normString), action != nil || who != nil {
                announce = true
                continue
            }
            if action == nil || action == .confirm, who != nil || id != nil,
                let word = Self.announceAnywhere.first(where: { token.normString.hasSuffix($0) })
            {
                // 理由：论文获市一等奖 通知全校 (or glued: …一等奖通知全校): the option, not part of the reason.
                announce = true
                token = token.prefix(uptoNorm: token.norm.count - word.unicodeScalars.count)
                if token.norm.isEmpty { continue }
            }
            if action == nil, id == nil, who == nil, free.isEmpty,
                case .value(let a, let length)? = Recognizers.word(token.norm, Self.awardActions)
            {
                action = a
                token = token.suffix(fromNorm: length)
                if token.norm.isEmpty { continue }
            }
            if id == nil, free.isEmpty, let found = Self.awardID(token.norm) {
                id = found
                continue
            }
            if free.isEmpty || action == .list, let p = Self.phaseNumber(token.norm) {
                phase = p
                continue
            }
            if star == nil, free.isEmpty, case .value(let s, let n)? = Recognizers.word(token.norm, Star.words),
                n == token.norm.count
            {
                star = s
                continue
            }
            if free.isEmpty, Self.yesWords.contains(token.normString), who != nil, action == nil {
                confirmed = true
                continue
            }
            if who == nil, action == nil || action == .confirm, id == nil, free.isEmpty {
                who = token
                continue
            }
            free.append(token)
        }
        var reasonWords = free
        if let first = reasonWords.first, first.normString == "理由" || first.normString == "reason" {
            reasonWords.removeFirst()
        }
        let reason = reasonWords.isEmpty ? nil : Self.withoutLabel(Token.joinFree(reasonWords))
        switch action {
        case .list:
            return .success(.award(.list(phase: phase, star: star)))
        case .confirm where id == nil && who == nil:
            return .failure(missing(.id))
        case .confirm where id == nil:
            confirmed = true
        case .confirm:
            return .success(.award(.confirm(id: id ?? "", announce: announce)))
        case .reject:
            guard let id else { return .failure(missing(.id)) }
            return .success(.award(.reject(id: id, reason: reason)))
        case .announce:
            guard let id else { return .failure(missing(.id)) }
            return .success(.award(.announce(id: id)))
        case .revoke:
            guard let id else { return .failure(missing(.id)) }
            return .success(.award(.revoke(id: id, reason: reason)))
        case nil:
            if let id { return .failure(invalid(.id, id)) }
        }
        guard let who else {
            if star == nil, phase == nil, !confirmed { return .success(.award(.list(phase: nil, star: nil))) }
            if star != nil || phase != nil, !confirmed { return .success(.award(.list(phase: phase, star: star))) }
            return .failure(missing(.who))
        }
        guard let star else { return .failure(missing(.star)) }
        return .success(
            .award(
                .propose(
                    who: Token.joinFree([who]), star: star, phase: phase, reason: reason, confirmed: confirmed,
                    announce: announce)))
    }
}
