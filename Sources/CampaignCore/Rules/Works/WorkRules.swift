package import CampaignIntents
import Foundation

/// Finished work, and what it completes: a submission counts toward every pledged star whose requirement it meets.
extension Turn {
    mutating func submit(_ person: Person, _ typed: WorkKind, _ title: String) throws {
        if try refusedAfterCampaign() { return }
        let plainTitle = title.trimmingCharacters(in: CharacterSet(charactersIn: "《》 "))
        let credit = StarCredit(
            campaign: campaign, person: person, pledged: Set(state.pledges(of: person.staffID).map(\.star)))
        let kind: WorkKind
        switch credit.resolve(typed, explicit: explicitlyExperiencePaper) {
        case .kind(let resolved):
            kind = resolved
        case .ambiguous(let choices):
            // Nothing is stored: the teacher says which, with one of the commands below.
            var lines = [
                t(
                    "“\(typed.chineseName)”可以计入不同的星，请说明是哪一种（这次还没有登记）：",
                    "“\(typed.englishName)” could count for more than one star; please say which (nothing is recorded yet):"
                )
            ]
            for choice in choices {
                let stars = credit.stars(for: choice.kind).map { english ? $0.englishName : $0.chineseName }.joined(
                    separator: t("、", ", "))
                lines.append(
                    t(
                        "· \(choice.word)（计入\(stars)）：提交 \(choice.word) \(Work.quoted(title))",
                        "· \(choice.kind.englishName) (counts for \(stars)): /submit \(choice.kind == .paper ? choice.word : choice.kind.rawValue) \(plainTitle)"
                    ))
            }
            if !message.isGroup {
                // The answer alone (经验论文, 科研论文) completes the submission.
                try emit(
                    .setPending(
                        identity: message.identity.key,
                        PendingQuestion(
                            text: "提交 \(Work.quoted(title))", argument: CommandArgument.kind.rawValue, askedAt: now)))
                let words = choices.map(\.word).joined(separator: t("”或“", "” or “"))
                lines.append(t("直接回复“\(words)”即可；发送“取消”放弃。", "Or just reply “\(words)”; send “cancel” to drop it."))
            }
            try reply(lines.joined(separator: "\n"))
            return
        }
        if let same = state.works(of: person.staffID).first(where: {
            $0.kind == kind && Self.sameTitle($0.title, title)
        }) {
            // The same work twice is almost always a resend: ask instead of storing a duplicate.
            try reply(
                t(
                    "您已登记过成果 \(same.id)：\(kind.chineseName)\(Work.quoted(same.title))，这次没有重复登记。\n如果这是另一项成果，请在标题里写明区别（如 《\(plainTitle)》第二稿）再提交；如要更正原记录：修改 \(same.id) 标题:新标题",
                    "You already recorded \(same.id): \(kind.englishName) “\(same.title)”; nothing was added.\nIf this is another piece of work, make the title different; to correct the first: /edit \(same.id) title:new title"
                ))
            return
        }
        let work = Work(id: state.nextID("W"), staffID: person.staffID, kind: kind, title: title, at: now)
        try emit(.addWork(work))
        var text = t(
            "已登记成果 \(work.id)：\(kind.chineseName)\(Work.quoted(title))。",
            "Work \(work.id) recorded: \(kind.englishName) “\(title)”.")
        if kind != typed {
            let stars = credit.stars(for: kind).filter(credit.pledged.contains).map(\.chineseName).joined(
                separator: "、")
            text +=
                stars.isEmpty
                ? t(
                    "（“\(typed.chineseName)”按您能申报的星记为\(kind.chineseName)。）",
                    " (“\(typed.englishName)” recorded as \(kind.englishName).)")
                : t(
                    "（“\(typed.chineseName)”按您申报的\(stars)记为\(kind.chineseName)。）",
                    " (“\(typed.englishName)” recorded as \(kind.englishName) for your \(stars) pledge.)")
        }
        let readings = StarCredit.readings(of: typed, explicit: explicitlyExperiencePaper)
        let decidedByPledge = readings.contains { !credit.stars(for: $0.kind).filter(credit.pledged.contains).isEmpty }
        if kind == typed, readings.count > 1, !decidedByPledge, let other = readings.first(where: { $0.kind != kind }) {
            // A plain 论文 with no pledge to decide by: kept as typed; say how to make it the other kind.
            let stars = credit.stars(for: kind).map(\.chineseName).joined(separator: "、")
            let otherStars = credit.stars(for: other.kind).map(\.chineseName).joined(separator: "、")
            text += t(
                "（“\(typed.chineseName)”记为经验论文，可计入\(stars)；如是\(other.word)（\(otherStars)），请发送“撤销 \(work.id)”后重新提交：提交 \(other.word) \(Work.quoted(title))）",
                " (recorded as an experience paper; if it is a \(other.kind.englishName), send /withdraw \(work.id) and /submit \(other.kind.rawValue) \(plainTitle))"
            )
        }
        let counted = credit.stars(for: kind)
        for progress in state.starProgress(of: person, campaign: campaign) where counted.contains(progress.star) {
            let marks = progress.items.map { "\($0.requirement.name) \($0.done ? "✓" : "✗")" }.joined(
                separator: t("，", ", "))
            text += "\n" + t("\(progress.star.chineseName)：\(marks)", "\(progress.star.englishName): \(marks)")
            if progress.complete { text += t(" —— 已全部完成！", " — complete!") }
        }
        let unpledged = counted.filter { !credit.pledged.contains($0) }
        if !counted.isEmpty, unpledged.count == counted.count {
            let open = unpledged.filter { star in campaign.rule(for: star).map(person.mayStrive) ?? false }
            if let star = open.first {
                text += t(
                    "\n（这项成果可计入\(open.map(\.chineseName).joined(separator: "或"))，您尚未申报。如要争创，请发送：承诺 \(star.chineseName) 承诺内容）",
                    "\n(This counts for \(open.map(\.englishName).joined(separator: " or ")), which you have not pledged. To strive for it: /pledge \(star.rawValue) your pledge)"
                )
            } else {
                let names = unpledged.compactMap { campaign.rule(for: $0) }.map {
                    "\($0.star.chineseName)（面向\($0.eligibility)）"
                }
                text += t(
                    "\n（这项成果用于\(names.joined(separator: "、"))，按名单您不在其列，已登记但不计入三星。如名单有误，请联系管理员。）",
                    "\n(This counts for stars your roster roles are not eligible for; it is recorded but counts for no star.)"
                )
            }
        }
        try reply(text)
    }

    /// True when the teacher wrote 经验论文 (not the plain 论文) as the kind, outside the title's 《》.
    /// The parser reads both as `paper`; only the plain word may also mean a research paper.
    var explicitlyExperiencePaper: Bool {
        var outside = ""
        var depth = 0
        for ch in message.text {
            if ch == "《" {
                depth += 1
            } else if ch == "》" {
                depth = max(0, depth - 1)
            } else if depth == 0 {
                outside.append(ch)
            }
        }
        return outside.contains("经验论文")
    }
}

/// Which star a kind of work counts toward for one person, and what a plain 论文 means for them.
package struct StarCredit: Sendable {
    package var campaign: Campaign
    package var person: Person
    package var pledged: Set<Star>

    package init(campaign: Campaign, person: Person, pledged: Set<Star>) {
        self.campaign = campaign
        self.person = person
        self.pledged = pledged
    }

    /// One reading of what the teacher typed: the kind it would be stored as, and the word to type for it.
    package struct Choice: Sendable, Equatable {
        package var kind: WorkKind
        package var word: String
    }

    package enum Resolution: Sendable, Equatable {
        case kind(WorkKind)
        /// More than one reading fits this person: ask which.
        case ambiguous([Choice])
    }

    /// A plain 论文 is an experience paper (经验论文, for 德育之星) or a research paper (科研论文, for 科学之星).
    package static func readings(of typed: WorkKind, explicit: Bool) -> [Choice] {
        typed == .paper && !explicit
            ? [Choice(kind: .researchPaper, word: "科研论文"), Choice(kind: .paper, word: "经验论文")]
            : [Choice(kind: typed, word: typed.chineseName)]
    }

    /// The stars (in campaign order) with a requirement that `kind` meets.
    package func stars(for kind: WorkKind) -> [Star] {
        campaign.stars.filter { $0.requirements.contains { $0.anyOf.contains(kind) } }.map(\.star)
    }

    /// The kind to store: the one reading that fits the person's pledges; ambiguous when the person pledged two stars
    /// it fits. With no fitting pledge: the one reading whose star is open to them, else what was typed.
    package func resolve(_ typed: WorkKind, explicit: Bool) -> Resolution {
        let readings = Self.readings(of: typed, explicit: explicit)
        guard readings.count > 1 else { return .kind(typed) }
        let byPledge = readings.filter { !stars(for: $0.kind).filter(pledged.contains).isEmpty }
        if byPledge.count == 1 { return .kind(byPledge[0].kind) }
        if byPledge.count > 1 { return .ambiguous(byPledge) }
        let open = readings.filter { reading in
            stars(for: reading.kind).contains { star in campaign.rule(for: star).map(person.mayStrive) ?? false }
        }
        return .kind(open.count == 1 ? open[0].kind : typed)
    }
}

extension Turn {
    /// Titles that differ only in brackets, spaces, full-width forms or letter case are the same title.
    static func sameTitle(_ a: String, _ b: String) -> Bool {
        func key(_ s: String) -> String {
            String(s.precomposedStringWithCompatibilityMapping.lowercased().filter { !"《》<>\"“” ".contains($0) })
        }
        return key(a) == key(b)
    }
}
