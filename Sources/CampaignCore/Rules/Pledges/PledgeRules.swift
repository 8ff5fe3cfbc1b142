import CampaignIntents
import Foundation

/// Pledges: which star a person may strive for, and the deadline.
extension Turn {
    mutating func pledge(_ person: Person, _ star: Star, _ written: String) throws {
        if try refusedAfterCampaign() { return }
        guard let rule = campaign.rule(for: star) else {
            try reply(PledgeReply.noSuchStar(star))
            return
        }
        guard person.mayStrive(for: rule) else {
            let allowed = campaign.stars.filter { person.mayStrive(for: $0) }.map(\.star)
            try reply(
                PledgeReply.notEligible(star, eligibility: rule.eligibility, roles: person.roles, allowed: allowed))
            return
        }
        let existing = state.pledges(of: person.staffID).first { $0.star == star }
        // 再加一条：…, 补充：…, 追加…: added to the pledge's text, not instead of it.
        let addition = Self.pledgeAddition(written)
        let text = addition.map { added in existing.map { $0.text + "；" + added } ?? added } ?? written
        let late = today > campaign.pledgeDeadline
        // Pledging a star again rewords the pledge: it keeps its id, the day it was made and whether it was late.
        let pledge = Pledge(
            id: existing?.id ?? state.nextID("P"), staffID: person.staffID, star: star, text: text,
            at: existing?.at ?? now, late: existing?.late ?? late)
        if let existing {
            // What the pledge said before is kept in its history (历史 P-0001).
            let before = PledgeReply.earlierText(existing).text(english: english)
            try emit(
                .amend(
                    .pledge(pledge),
                    entry: RecordHistoryEntry(
                        at: now, by: person.staffID, action: addition != nil ? "补充" : "修改", before: before)))
        } else {
            try emit(.pledge(pledge))
        }
        let needs = rule.requirements.map(\.name)
        if existing == nil {
            try reply(PledgeReply.recorded(pledge, needs: needs, lateAfter: late ? campaign.pledgeDeadline : nil))
        } else if let addition {
            try reply(PledgeReply.added(pledge, addition: addition, needs: needs))
        } else {
            try reply(PledgeReply.reworded(pledge, needs: needs))
        }
    }

    /// Words that add to a pledge rather than reword it.
    static let pledgeAdditionWords = [
        "再加一条", "再加一项", "再加上", "再加", "补充一条", "补充一项", "补充", "追加一条", "追加一项", "追加", "另加一条", "增加一条",
    ]

    /// The text to add, when the pledge's text starts with 再加/补充/追加; nil otherwise.
    static func pledgeAddition(_ text: String) -> String? {
        guard let word = pledgeAdditionWords.first(where: { text.hasPrefix($0) }) else { return nil }
        let rest = text.dropFirst(word.count).drop { " ：:，,".contains($0) }
        return rest.isEmpty ? nil : String(rest)
    }
}
