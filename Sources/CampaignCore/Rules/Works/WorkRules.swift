package import CampaignIntents
import Foundation

/// Finished work, and what it completes: a submission counts toward every pledged star whose requirement it meets.
extension Turn {
    mutating func submit(_ person: Person, _ typed: WorkKind, _ title: String) throws {
        if try refusedAfterCampaign() { return }
        let credit = StarCredit(
            campaign: campaign, person: person, pledged: Set(state.pledges(of: person.staffID).map(\.star)))
        let kind: WorkKind
        switch credit.resolve(typed, explicit: explicitlyExperiencePaper) {
        case .kind(let resolved):
            kind = resolved
        case .ambiguous(let choices):
            // Nothing is stored: the teacher says which, with one of the commands below.
            if !message.isGroup {
                // The answer alone (经验论文, 科研论文) completes the submission.
                try emit(
                    .setPending(
                        identity: message.identity.key,
                        PendingQuestion(
                            text: "提交 \(Work.quoted(title))", argument: CommandArgument.kind.rawValue, askedAt: now)))
            }
            let readings = choices.map { WorkReply.Reading(choice: $0, stars: credit.stars(for: $0.kind)) }
            try reply(WorkReply.ambiguous(typed, readings: readings, title: title, canAnswer: !message.isGroup))
            return
        }
        if let same = state.works(of: person.staffID).first(where: {
            $0.kind == kind && Self.sameTitle($0.title, title)
        }) {
            // The same work twice is almost always a resend: ask instead of storing a duplicate.
            try reply(WorkReply.duplicate(same, kind: kind, plainTitle: Work.plainTitle(title)))
            return
        }
        let work = Work(id: state.nextID("W"), staffID: person.staffID, kind: kind, title: title, at: now)
        try emit(.addWork(work))
        var recorded = WorkRecorded(work: work, typed: typed, progress: [])
        if kind != typed {
            recorded.readAs = credit.stars(for: kind).filter(credit.pledged.contains)
        }
        let readings = StarCredit.readings(of: typed, explicit: explicitlyExperiencePaper)
        let decidedByPledge = readings.contains { !credit.stars(for: $0.kind).filter(credit.pledged.contains).isEmpty }
        if kind == typed, readings.count > 1, !decidedByPledge, let other = readings.first(where: { $0.kind != kind }) {
            // A plain 论文 with no pledge to decide by: kept as typed; say how to make it the other kind.
            recorded.otherReading = WorkRecorded.OtherReading(
                other: other, stars: credit.stars(for: kind), otherStars: credit.stars(for: other.kind))
        }
        let counted = credit.stars(for: kind)
        recorded.progress = state.starProgress(of: person, campaign: campaign).filter { counted.contains($0.star) }
        let unpledged = counted.filter { !credit.pledged.contains($0) }
        if !counted.isEmpty, unpledged.count == counted.count {
            let open = unpledged.filter { star in campaign.rule(for: star).map(person.mayStrive) ?? false }
            recorded.unpledged =
                open.isEmpty ? .notEligible(unpledged.compactMap { campaign.rule(for: $0) }) : .open(open)
        }
        try reply(WorkReply.recorded(recorded))
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
