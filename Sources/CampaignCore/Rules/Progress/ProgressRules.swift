import CampaignIntents
import Foundation

/// Where a person stands, what comes next, and their own reminders. The figures are `CampaignQuery`'s, as of today,
/// the same the lists and the report show.
extension Turn {
    func progress(_ person: Person) -> ProgressReply {
        let query = CampaignQuery(state: state, campaign: campaign, asOf: today)
        let standing = query.standing(of: person)
        let next = query.nextDeadline(for: standing)
        return ProgressReply(
            campaign: campaign, person: person, today: today, standing: standing,
            lessons: standing.lessons.filter(\.isActive).map {
                ProgressReply.LessonLine(lesson: $0, state: query.state(of: $0))
            },
            benchmark: benchmarkProgress(person), nextNode: query.nextNode(for: standing, before: next?.date),
            nextDeadline: next, evaluation: evaluationProgress(person),
            remindersOff: state.remindersOff.contains(person.staffID))
    }

    /// “就在今天” / “就在明天” / “还有 N 天”, as milestones say it.
    static func whenText(daysLeft: Int) -> String {
        switch daysLeft {
        case ..<0: "已过"
        case 0: "就在今天"
        case 1: "就在明天"
        default: "还有 \(daysLeft) 天"
        }
    }

    mutating func remind(_ person: Person, _ on: Bool) throws {
        try emit(.setReminders(staffID: person.staffID, on: on))
        try reply(on ? RemindersReply.on : RemindersReply.off)
    }
}
