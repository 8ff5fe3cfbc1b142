import CampaignIntents

/// What cancelling and nominating a lesson decided, and all of their words (the asker's and the notices).
package enum LessonChangeReply: Reply, Equatable {
    case noSuchLesson(String)
    case notYours(String)
    case alreadyCancelled(String)
    /// A past lesson is confirmed, not cancelled.
    case past(Lesson)
    /// Cancelled; `schoolRound`: the school-wide lesson that went with it.
    case cancelled(Lesson, schoolRound: SchoolRoundWithdrawn?)
    /// To the teacher: an admin cancelled their lesson.
    case cancelledByAdmin(Lesson, admin: String)
    /// To the teacher: their school-wide lesson was withdrawn.
    case schoolRoundWithdrawnNotice(Lesson, SchoolRoundWithdrawn.Reason)
    case noActiveLesson(String)
    case teacherGone(String)
    /// The lesson belongs to `branch`, not to the secretary's `own`.
    case otherBranch(String, branch: String, own: String)
    case alreadySchoolWide(String)
    case alreadyNominated(String, branch: String, teacher: String)
    /// Nominated; `previous`: the branch's nomination it replaced and that lesson's teacher.
    case nominated(
        Lesson, teacher: Person, previous: Lesson?, previousTeacher: String?, schoolRound: SchoolRoundWithdrawn?)
    /// To the teacher of the replaced nomination; `school`: their school-wide lesson, withdrawn too.
    case nominationMoved(Lesson, teacher: Person, previous: Lesson, school: Lesson?)
    /// To the teacher whose lesson was nominated.
    case nominatedNotice(Lesson, taught: Bool)

    package func text(english: Bool) -> String {
        switch self {
        case .noSuchLesson(let id):
            return english
                ? "There is no lesson \(id). Send /me to see your lessons." : "没有找到示范课 \(id)。发送“我的进度”可查看您的示范课编号。"
        case .notYours(let id):
            return english
                ? "Lesson \(id) is not yours to cancel. Check the id (send /me to see yours), or ask its teacher or an admin."
                : "示范课 \(id) 不是您预约的，不能取消。请核对编号（发送“我的进度”可查看您的示范课），或请预约的老师、管理员取消。"
        case .alreadyCancelled(let id):
            return english
                ? "Lesson \(id) is already cancelled. Send /lessons to see the schedule."
                : "示范课 \(id) 已经取消过了。发送“示范课安排”可查看当前的安排。"
        case .past(let lesson):
            let id = lesson.id
            return english
                ? "Lesson \(id) was on \(lesson.date) and cannot be cancelled. Confirm whether it was taught:\n/held \(id) yes\n/held \(id) no"
                : "示范课 \(id) 的日期（\(lesson.date.chinese)）已过，不能取消。请确认是否上过：\n确认示范课 \(id) 已上\n确认示范课 \(id) 未上"
        case .cancelled(let lesson, let schoolRound):
            let described = lesson.described(english: english)
            var text =
                english ? "Lesson \(lesson.id) (\(described)) is cancelled." : "已取消示范课 \(lesson.id)（\(described)）。"
            if lesson.nominated {
                text += english ? "\nIts school-wide nomination is withdrawn too." : "\n这节课的全校推荐也随之取消。"
            }
            if let schoolRound { text += "\n" + schoolRound.text(english: english) }
            return text
        case .cancelledByAdmin(let lesson, let admin):
            return english
                ? "Admin \(admin) cancelled your lesson \(lesson.id)."
                : "管理员\(admin)取消了您的示范课 \(lesson.id)（\(lesson.described(english: false))）。"
        case .schoolRoundWithdrawnNotice(let school, let reason):
            return english
                ? "Your school-wide lesson \(school.id) is withdrawn: \(reason.text(english: true))."
                : "您的全校示范课 \(school.id)（\(school.described(english: false))）已撤销：\(reason.text(english: false))。如有疑问，请联系支部书记。"
        case .noActiveLesson(let id):
            return english
                ? "There is no active lesson \(id). Send /lessons to see the ids." : "没有找到有效的示范课 \(id)。发送“示范课安排”可查看编号。"
        case .teacherGone(let id):
            return english
                ? "The teacher of lesson \(id) is no longer on the roster." : "示范课 \(id) 的老师已不在名单中，不能推荐。请联系党总支管理员。"
        case .otherBranch(let id, let branch, let own):
            return english
                ? "Lesson \(id) belongs to another branch; you can nominate lessons of your own branch. Send /lessons to see the ids."
                : "示范课 \(id) 属于\(branch)，您只能推荐本支部（\(own)）的示范课。请发送“示范课安排”查看编号。"
        case .alreadySchoolWide(let id):
            return english
                ? "Lesson \(id) is already a school-wide lesson. Please nominate the group-level lesson."
                : "示范课 \(id) 已经是全校展示课。请推荐这位老师的组内示范课。"
        case .alreadyNominated(let id, let branch, let teacher):
            return english
                ? "Lesson \(id) is already nominated; nothing to do. Remind its teacher to book the school-wide lesson."
                : "示范课 \(id) 已经是\(branch)的推荐课，无需重复推荐。请提醒\(teacher)老师预约全校示范课。"
        case .nominated(let lesson, let teacher, let previous, let previousTeacher, let schoolRound):
            let id = lesson.id
            var text =
                english
                ? "Lesson \(id) (\(teacher.name)) is nominated for the school-wide round."
                : "已推荐 \(id)（\(teacher.name)，\(lesson.described(english: false))）代表\(teacher.branch)参加全校展示。"
            if let previous {
                text +=
                    english
                    ? "\nThe previous nomination \(previous.id) is withdrawn (one per branch)."
                    : "\n原推荐 \(previous.id) 已撤销（\(previousTeacher ?? previous.staffID)，每个支部推荐一节）。"
            }
            if let schoolRound { text += "\n" + schoolRound.text(english: english) }
            return text
        case .nominationMoved(let lesson, let teacher, let previous, let school):
            let withdrawn =
                school.map {
                    english
                        ? " Your school-wide lesson \($0.id) is withdrawn too."
                        : "您的全校示范课 \($0.id)（\($0.described(english: false))）也随之撤销。"
                } ?? ""
            return english
                ? "Your branch now nominates \(lesson.id); the nomination of your lesson \(previous.id) is withdrawn."
                    + withdrawn + " Your group lesson still counts."
                : "\(teacher.branch)的全校展示推荐已改为 \(lesson.id)（\(teacher.name)），您的示范课 \(previous.id)（\(previous.described(english: false))）的推荐已撤销。"
                    + withdrawn + "您的组内示范课照常有效。如有疑问，请联系支部书记。"
        case .nominatedNotice(let lesson, let taught):
            let id = lesson.id
            let next =
                taught
                ? (english ? "Book it with level school." : "请预约全校示范课，例如：预约示范课 日期 节次 班级 全校")
                : english
                    ? "After the group lesson on \(lesson.date), confirm it (/held \(id) yes) and book the school-wide one with level school."
                    : "上完组内示范课（\(lesson.date.chinese)）并发送“确认示范课 \(id) 已上”后，请预约全校示范课，例如：预约示范课 日期 节次 班级 全校"
            return
                (english
                ? "Your lesson \(id) was nominated for the school-wide round! "
                : "您的示范课 \(id)（\(lesson.described(english: false))）被推荐参加全校展示！") + next
        }
    }
}

/// A teacher's school-wide lesson, withdrawn because their group lesson stopped counting.
package struct SchoolRoundWithdrawn: Reply, Equatable {
    /// Why the group lesson stopped counting.
    package enum Reason: Sendable, Equatable {
        case groupCancelled(String)
        case groupNotTaught(String)
        /// `branch` now nominates `teacher`'s lesson `id`.
        case renominated(branch: String, teacher: String, id: String)

        func text(english: Bool) -> String {
            switch self {
            case .groupCancelled(let id): english ? "the group lesson \(id) was cancelled" : "组内示范课 \(id) 已取消"
            case .groupNotTaught(let id): english ? "the group lesson \(id) was not taught" : "组内示范课 \(id) 未上"
            case .renominated(let branch, let teacher, let id):
                english ? "your branch nominated another lesson" : "\(branch)改为推荐\(teacher)老师的 \(id)"
            }
        }
    }

    package var school: Lesson
    /// The teacher's name, or their staff id when they left the roster.
    package var owner: String

    package func text(english: Bool) -> String {
        english
            ? "The school-wide lesson \(school.id) is withdrawn too."
            : "\(owner)的全校示范课 \(school.id)（\(school.described(english: false))）也随之撤销。"
    }
}
