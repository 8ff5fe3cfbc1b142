package import CampaignIntents

/// `统计`: the figures by branch, star or phase as `CampaignQuery` counts them, and all of their words.
package struct StatsReply: Reply {
    package enum Rows {
        /// Per branch, and the total when the whole school has more than one.
        case branches([(name: String, tally: PeopleTally)], total: PeopleTally?)
        case stars([StarTally])
        case phases([(phase: Phase, activity: ActivityTally)])
    }

    package var dimension: StatsDimension
    /// The branch asked about; nil: the whole school.
    package var branch: String?
    package var today: CalendarDate
    package var rows: Rows

    package func text(english: Bool) -> String {
        let scope = branch ?? (english ? "whole school" : "全校")
        var lines = [
            english
                ? "Statistics by \(dimension.rawValue) (\(scope), as of \(today))"
                : "统计·\(dimension == .branch ? "按支部" : dimension == .star ? "按三星" : "按阶段")（\(scope)，截至\(today.chinese)）"
        ]
        switch rows {
        case .branches(let groups, let total):
            for (name, tally) in groups {
                lines.append(
                    english
                        ? "\(name.isEmpty ? "no branch" : name) (\(tally.people))"
                        : "\(name.isEmpty ? "未分支部" : name)（\(tally.people)人）")
                lines.append("  " + Self.summary(tally, english: english))
            }
            if let total {
                lines.append(english ? "Total (\(total.people))" : "合计（\(total.people)人）")
                lines.append("  " + Self.summary(total, english: english))
            }
            lines.append(
                english
                    ? "A lesson counts once confirmed taught; those to be confirmed count after that."
                    : "示范课以“已上”为完成；待确认的课在确认已上后计入。")
        case .stars(let stars):
            for row in stars {
                let pledged = Self.percent(row.pledged, row.eligible)
                let completed = Self.percent(row.completed, row.pledged)
                lines.append(
                    english
                        ? "\(row.star.englishName): eligible \(row.eligible), pledged \(row.pledged) (\(pledged)), complete \(row.completed) (\(completed))"
                        : "\(row.star.chineseName)：可申报 \(row.eligible)，已申报 \(row.pledged)（\(pledged)），已完成 \(row.completed)（\(completed)）"
                )
            }
        case .phases(let phases):
            for (phase, activity) in phases {
                let status = PhaseStatus(phase, on: today)
                lines.append(
                    english
                        ? "Phase \(phase.number) \(phase.name) (\(status.englishName))"
                        : "第\(phase.number)阶段 \(phase.name)（\(status.chineseName)）")
                let lessons = LessonCount(
                    held: activity.lessonsHeld,
                    awaiting: activity.groupLessons.awaiting + activity.schoolLessons.awaiting,
                    booked: activity.groupLessons.booked + activity.schoolLessons.booked)
                var line =
                    english
                    ? "  \(phase.span.from)–\(phase.span.to): pledges \(activity.pledges) \(lessons.english()) visits \(activity.visits) works \(activity.workCount)"
                    : "  \(phase.span.from.chinese)—\(phase.span.to.chinese)：承诺 \(activity.pledges) \(lessons.chinese()) 家访 \(activity.visits) 成果 \(activity.workCount)"
                if activity.benchmarks > 0 {
                    line += english ? " benchmarks \(activity.benchmarks)" : " 对标 \(activity.benchmarks)"
                }
                lines.append(line)
            }
        }
        return lines.joined(separator: "\n")
    }

    static func percent(_ a: Int, _ b: Int) -> String {
        b == 0 ? "—" : "\(Int((Double(a) * 100 / Double(b)).rounded()))%"
    }

    static func summary(_ tally: PeopleTally, english: Bool) -> String {
        let pledged = percent(tally.pledged, tally.people)
        return english
            ? "pledged \(tally.pledged)/\(tally.people) (\(pledged)) \(tally.demoLessons.english(of: tally.demoTeachers)) visits \(tally.visits) (holidays \(tally.holidayVisits)) stars \(tally.starsCompleted)"
            : "承诺 \(tally.pledged)/\(tally.people)（\(pledged)） \(tally.demoLessons.chinese(of: tally.demoTeachers)) 家访 \(tally.visits)（节假日 \(tally.holidayVisits)） 达星 \(tally.starsCompleted)"
    }
}
