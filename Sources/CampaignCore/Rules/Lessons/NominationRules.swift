import CampaignIntents
import Foundation

/// A branch's nomination of one lesson for the school-wide round (推荐).
extension Turn {
    mutating func nominate(_ person: Person, _ id: String) throws {
        if try refusedAfterCampaign() { return }
        guard let lesson = state.lesson(id), lesson.isActive else {
            try reply(
                t("没有找到有效的示范课 \(id)。发送“示范课安排”可查看编号。", "There is no active lesson \(id). Send /lessons to see the ids."))
            return
        }
        guard let teacher = state.roster[lesson.staffID] else {
            try reply(
                t("示范课 \(id) 的老师已不在名单中，不能推荐。请联系党总支管理员。", "The teacher of lesson \(id) is no longer on the roster."))
            return
        }
        guard person.permission == .admin || teacher.branch == person.branch else {
            try reply(
                t(
                    "示范课 \(id) 属于\(teacher.branch)，您只能推荐本支部（\(person.branch)）的示范课。请发送“示范课安排”查看编号。",
                    "Lesson \(id) belongs to another branch; you can nominate lessons of your own branch. Send /lessons to see the ids."
                ))
            return
        }
        guard lesson.level == .group else {
            try reply(
                t(
                    "示范课 \(id) 已经是全校展示课。请推荐这位老师的组内示范课。",
                    "Lesson \(id) is already a school-wide lesson. Please nominate the group-level lesson."))
            return
        }
        if lesson.nominated {
            try reply(
                t(
                    "示范课 \(id) 已经是\(teacher.branch)的推荐课，无需重复推荐。请提醒\(teacher.name)老师预约全校示范课。",
                    "Lesson \(id) is already nominated; nothing to do. Remind its teacher to book the school-wide lesson."
                ))
            return
        }
        let previous = state.lessons.first { $0.nominated && state.roster[$0.staffID]?.branch == teacher.branch }
        try emit(.nominate(id: id))
        var text = t(
            "已推荐 \(id)（\(teacher.name)，\(describe(lesson))）代表\(teacher.branch)参加全校展示。",
            "Lesson \(id) (\(teacher.name)) is nominated for the school-wide round.")
        if let previous {
            let previousTeacher = state.roster[previous.staffID]
            text += t(
                "\n原推荐 \(previous.id) 已撤销（\(previousTeacher?.name ?? previous.staffID)，每个支部推荐一节）。",
                "\nThe previous nomination \(previous.id) is withdrawn (one per branch).")
            let reason = (
                zh: "\(teacher.branch)改为推荐\(teacher.name)老师的 \(id)", en: "your branch nominated another lesson"
            )
            let school = state.activeLessons(of: previous.staffID).first { $0.level == .school && $0.date >= today }
            if let line = try withdrawSchoolRound(of: previous, by: person, reason: reason, notifyOwner: false) {
                text += "\n" + line
            }
            if let previousTeacher, previousTeacher.staffID != person.staffID,
                previousTeacher.staffID != teacher.staffID
            {
                let withdrawn =
                    school.map {
                        t(
                            "您的全校示范课 \($0.id)（\(describe($0))）也随之撤销。",
                            " Your school-wide lesson \($0.id) is withdrawn too.")
                    } ?? ""
                _ = try notify(
                    previousTeacher,
                    t(
                        "\(teacher.branch)的全校展示推荐已改为 \(id)（\(teacher.name)），您的示范课 \(previous.id)（\(describe(previous))）的推荐已撤销。"
                            + withdrawn + "您的组内示范课照常有效。如有疑问，请联系支部书记。",
                        "Your branch now nominates \(id); the nomination of your lesson \(previous.id) is withdrawn."
                            + withdrawn
                            + " Your group lesson still counts."),
                    kind: .notice)
            }
        }
        try reply(text)
        if teacher.staffID != person.staffID {
            let next =
                isTaught(lesson)
                ? t("请预约全校示范课，例如：预约示范课 日期 节次 班级 全校", "Book it with level school.")
                : t(
                    "上完组内示范课（\(lesson.date.chinese)）并发送“确认示范课 \(id) 已上”后，请预约全校示范课，例如：预约示范课 日期 节次 班级 全校",
                    "After the group lesson on \(lesson.date), confirm it (/held \(id) yes) and book the school-wide one with level school."
                )
            _ = try notify(
                teacher,
                t(
                    "您的示范课 \(id)（\(describe(lesson))）被推荐参加全校展示！",
                    "Your lesson \(id) was nominated for the school-wide round! ") + next,
                kind: .notice)
        }
    }
}
