package import CampaignIntents
import Foundation

/// A day by which something must be done: the pledge deadline (for who has not pledged), the end of a phase, or the
/// day of the person's own booked lesson. Holidays and occasions (教师节, 七一) are not deadlines but nodes.
package struct Deadline: Sendable, Equatable {
    package var name: String
    package var englishName: String
    package var date: CalendarDate
}

extension CampaignQuery {
    /// The deadlines of the person still ahead (the query's day included), soonest first.
    package func deadlines(for standing: PersonStanding) -> [Deadline] {
        guard !campaignOver else { return [] }
        var out: [Deadline] = []
        if !standing.hasPledge, standing.duty(.pledge) != nil, campaign.pledgeDeadline >= asOf {
            let milestone = campaign.milestones.first { $0.date == campaign.pledgeDeadline }
            out.append(
                Deadline(
                    name: milestone?.name ?? "承诺申报截止", englishName: "pledge deadline", date: campaign.pledgeDeadline))
        }
        for phase in campaign.phases where phase.span.to >= asOf {
            let milestone = campaign.milestones.first { $0.id == "phase-\(phase.number)-end" }
            out.append(
                Deadline(
                    name: milestone?.name ?? "第\(phase.number)阶段结束", englishName: "end of phase \(phase.number)",
                    date: phase.span.to))
        }
        for lesson in standing.lessons where lesson.status == .booked && lesson.date >= asOf {
            out.append(Deadline(name: "您的示范课 \(lesson.id)", englishName: "your lesson \(lesson.id)", date: lesson.date))
        }
        return out.sorted { $0.date < $1.date }
    }

    package func nextDeadline(for standing: PersonStanding) -> Deadline? { deadlines(for: standing).first }

    /// Whether a milestone of the plan is a deadline (it falls on the pledge deadline or a phase's end) rather than
    /// an occasion.
    package func isDeadline(_ milestone: Milestone) -> Bool {
        milestone.date == campaign.pledgeDeadline || campaign.phases.contains { $0.span.to == milestone.date }
    }

    /// The next occasion of the plan for the person (七一 for Party members, 教师节 for all) that is not a deadline,
    /// if it comes before `before`.
    package func nextNode(for standing: PersonStanding, before: CalendarDate?) -> Milestone? {
        guard !campaignOver else { return nil }
        return campaign.milestones.filter { m in
            guard m.date >= asOf, !isDeadline(m), before.map({ m.date < $0 }) ?? true else { return false }
            switch m.audience {
            case .partyMembers: return standing.person.partyMember
            case .owing: return true
            case .withoutPledge: return !standing.hasPledge
            }
        }.min { $0.date < $1.date }
    }
}
