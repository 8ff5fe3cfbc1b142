import CampaignIntents
import Foundation

/// Cancelling a demo lesson, and what goes with it: a group lesson that stops counting takes the school-wide one.
extension Turn {
    /// When `group` stops counting (cancelled, not taught, or no longer the branch's nomination), the teacher's
    /// school-wide lesson goes too: it is withdrawn and the teacher is told. Returns a line for the reply.
    mutating func withdrawSchoolRound(
        of group: Lesson, by person: Person, reason: (zh: String, en: String),
        notifyOwner: Bool = true
    ) throws -> String? {
        guard group.level == .group,
            let school = state.activeLessons(of: group.staffID).first(where: { $0.level == .school && $0.date >= today }
            )
        else { return nil }
        try emit(.withdraw(id: school.id, entry: entry(person, "撤销", school.id)))
        if notifyOwner, school.staffID != person.staffID, let owner = state.roster[school.staffID] {
            _ = try notify(
                owner,
                t(
                    "您的全校示范课 \(school.id)（\(describe(school))）已撤销：\(reason.zh)。如有疑问，请联系支部书记。",
                    "Your school-wide lesson \(school.id) is withdrawn: \(reason.en)."), kind: .notice)
        }
        return t(
            "\(state.roster[school.staffID]?.name ?? school.staffID)的全校示范课 \(school.id)（\(describe(school))）也随之撤销。",
            "The school-wide lesson \(school.id) is withdrawn too.")
    }

    mutating func cancel(_ person: Person, _ id: String) throws {
        if person.permission != .admin, try refusedAfterCampaign() { return }
        guard let lesson = state.lesson(id) else {
            try reply(t("没有找到示范课 \(id)。发送“我的进度”可查看您的示范课编号。", "There is no lesson \(id). Send /me to see your lessons."))
            return
        }
        guard lesson.staffID == person.staffID || person.permission == .admin else {
            try reply(
                t(
                    "示范课 \(id) 不是您预约的，不能取消。请核对编号（发送“我的进度”可查看您的示范课），或请预约的老师、管理员取消。",
                    "Lesson \(id) is not yours to cancel. Check the id (send /me to see yours), or ask its teacher or an admin."
                ))
            return
        }
        guard lesson.isActive else {
            try reply(
                t(
                    "示范课 \(id) 已经取消过了。发送“示范课安排”可查看当前的安排。",
                    "Lesson \(id) is already cancelled. Send /lessons to see the schedule."))
            return
        }
        // A past lesson is confirmed rather than cancelled; an admin may still correct the record.
        guard lesson.date >= today || person.permission == .admin else {
            try reply(
                t(
                    "示范课 \(id) 的日期（\(lesson.date.chinese)）已过，不能取消。请确认是否上过：\n确认示范课 \(id) 已上\n确认示范课 \(id) 未上",
                    "Lesson \(id) was on \(lesson.date) and cannot be cancelled. Confirm whether it was taught:\n/held \(id) yes\n/held \(id) no"
                ))
            return
        }
        try emit(.withdraw(id: id, entry: entry(person, "取消", id)))
        var text = t("已取消示范课 \(id)（\(describe(lesson))）。", "Lesson \(id) (\(describe(lesson))) is cancelled.")
        if lesson.nominated { text += t("\n这节课的全校推荐也随之取消。", "\nIts school-wide nomination is withdrawn too.") }
        if let line = try withdrawSchoolRound(
            of: lesson, by: person, reason: (zh: "组内示范课 \(id) 已取消", en: "the group lesson \(id) was cancelled"))
        {
            text += "\n" + line
        }
        try reply(text)
        if lesson.staffID != person.staffID, let owner = state.roster[lesson.staffID] {
            _ = try notify(
                owner,
                t(
                    "管理员\(person.name)取消了您的示范课 \(id)（\(describe(lesson))）。",
                    "Admin \(person.name) cancelled your lesson \(id)."), kind: .notice)
        }
    }
}
