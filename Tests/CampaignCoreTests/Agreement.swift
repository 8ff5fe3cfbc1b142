import CampaignCore
import CampaignIntents
import CampaignReport
import Foundation
import Testing
import TestSupport

/// Every answer that gives a number gives the same number: 统计 by branch, star and phase, 未完成 (all and each
/// kind), the digest, the report's tables and the CSV export — for the whole campaign as of `today`, and for each
/// phase as of its end (`--phase N`). Each figure is compared through `CampaignQuery`'s outputs and read back from
/// the rendered text.
struct Agreement {
    let state: BotState
    let campaign: Campaign
    let today: CalendarDate
    /// Said with every failure (the history that led here).
    let context: String

    static let kinds: [MissingTarget] = [.pledge, .lesson, .visit, .moral, .teaching, .research, .benchmark]

    func checkAll() throws {
        try check(phase: nil)
        for phase in campaign.phases { try check(phase: phase) }
    }

    /// One scope: the whole campaign (`phase` nil) as of today, or one phase as of its end (or today, if earlier).
    func check(phase: Phase?) throws {
        let asOf = phase.map { min(today, $0.span.to) } ?? today
        let query = CampaignQuery(state: state, campaign: campaign, asOf: asOf)
        let reports = Reports(campaign: campaign, state: state, today: asOf)
        let at = "\(phase.map { "phase \($0.number)" } ?? "campaign") as of \(asOf) — \(context)"
        checkStructure(query, at: at)

        // 统计, 未完成 and the digest, for the school and for each branch.
        let branchNames = query.branches(branch: nil).map(\.name)
        for branch in [nil] + branchNames.map(Optional.some) {
            checkTexts(query, reports, branch: branch, at: at + " [\(branch ?? "全校")]")
        }

        // The report: `--phase N` made today stands at the phase's end, as the answers on that day did.
        let html = try CampaignReport.html(state: state, campaign: campaign, today: today, phase: phase?.number)
        checkReport(html, query, at: at + " [report]")
        let scope = try ReportScope(campaign: campaign, today: today, phase: phase?.number)
        let figures = CampaignFigures(state: state, campaign: campaign, scope: scope)
        #expect(figures.total == query.total(branch: nil), "\(at)")
        #expect(figures.stars == query.stars(branch: nil), "\(at)")

        // 导出: the records standing on the day, and the progress table.
        let records = PrivateReader.forServerOperator {
            Export.csv(state: state, what: .all, query: query, reader: $0)
        }
        checkExport(records: records, progress: Export.progressCSV(query: query), query, at: at + " [export]")
    }

    // MARK: the query's own outputs agree with each other

    func checkStructure(_ query: CampaignQuery, at: String) {
        for branch in [nil] + query.branches(branch: nil).map({ Optional.some($0.name) }) {
            let where_ = "\(at) [\(branch ?? "全校")]"
            let total = query.total(branch: branch)
            if branch == nil {
                let rows = query.branches(branch: nil).map(\.tally)
                #expect(rows.reduce(0) { $0 + $1.people } == total.people, "\(where_)")
                #expect(rows.reduce(0) { $0 + $1.demoLessons.held } == total.demoLessons.held, "\(where_)")
                #expect(rows.reduce(0) { $0 + $1.visits } == total.visits, "\(where_)")
            }
            let lists = Dictionary(uniqueKeysWithValues: Self.kinds.map { ($0, query.missing($0, branch: branch)) })
            let all = query.missing(.all, branch: branch)
            func ids(_ list: MissingRows?) -> Set<String> { Set((list?.rows ?? []).map(\.person.staffID)) }
            // Pledges: everyone may pledge (科学之星 is open to all), so who has not is who is listed.
            if let pledge = lists[.pledge], pledge.started {
                #expect(pledge.applies.count - pledge.rows.count == total.pledged, "\(where_): pledged")
            }
            // Lessons: done when taught; the ones listed as 待确认 are the teachers waiting confirmation.
            if let lesson = lists[.lesson] {
                #expect(lesson.applies.count == total.demoTeachers, "\(where_): lesson teachers")
                if lesson.started {
                    #expect(lesson.rows.count == total.demoTeachers - total.demoLessons.held, "\(where_): lessons held")
                    let awaiting = lesson.rows.filter {
                        if case .awaiting = $0.duties.first?.lesson { true } else { false }
                    }
                    #expect(awaiting.count == total.demoLessons.awaiting, "\(where_): 待确认")
                }
            }
            // Stars: who pledged and did not finish, and who may pledge and has pledged nothing.
            let unpledged = query.standings(branch: branch).filter { !$0.hasPledge }
            for row in query.stars(branch: branch) {
                guard let list = lists[MissingTarget(rawValue: row.star.rawValue) ?? .all] else { continue }
                let lacking = list.rows.filter { $0.duties.first?.kind == .star(row.star) }.count
                #expect(lacking == row.pledged - row.completed, "\(where_): \(row.star) not complete")
                let rule = query.campaign.rule(for: row.star)
                let mayPledge = unpledged.filter { s in rule.map { s.person.mayStrive(for: $0) } ?? false }.count
                #expect(list.rows.count - lacking == (list.started ? mayPledge : 0), "\(where_): \(row.star) unpledged")
            }
            #expect(ids(lists[.visit]).isSubset(of: ids(lists[.moral])), "\(where_): visits are 德育之星's")
            // 未完成 alone is every kind's list together.
            let union = [MissingTarget.pledge, .lesson, .moral, .teaching, .research, .benchmark].reduce(
                Set<String>()
            ) { $0.union(ids(lists[$1])) }
            #expect(ids(all) == union, "\(where_): 未完成 = the kinds together")
            #expect(all.rows.count == total.owing, "\(where_): owing")
        }
        // The phases' activity adds up to the campaign's.
        let phases = query.phases(branch: nil).map(\.activity)
        let whole = query.activity(in: DateSpan(from: campaign.start, to: campaign.end), branch: nil)
        #expect(phases.reduce(0) { $0 + $1.pledges } == whole.pledges, "\(at): pledges by phase")
        #expect(phases.reduce(0) { $0 + $1.visits } == whole.visits, "\(at): visits by phase")
        #expect(phases.reduce(0) { $0 + $1.lessonsHeld } == whole.lessonsHeld, "\(at): lessons by phase")
        #expect(phases.reduce(0) { $0 + $1.workCount } == whole.workCount, "\(at): works by phase")
    }

    // MARK: the texts

    func checkTexts(_ query: CampaignQuery, _ reports: Reports, branch: String?, at: String) {
        let total = query.total(branch: branch)
        let stats = AnswerReading.branchStats(reports.stats(by: .branch, branch: branch))
        for (name, tally) in query.branches(branch: branch) {
            let line = stats[name.isEmpty ? "未分支部" : name]
            #expect(line == Self.line(tally), "\(at): 统计 \(name)")
        }
        if branch == nil && query.branches(branch: nil).count > 1 {
            #expect(stats["合计"] == Self.line(total), "\(at): 统计 合计")
        }
        let stars = AnswerReading.starStats(reports.stats(by: .star, branch: branch))
        for row in query.stars(branch: branch) {
            #expect(stars[row.star.chineseName] == [row.eligible, row.pledged, row.completed], "\(at): 统计 \(row.star)")
        }
        let phases = AnswerReading.phaseStats(reports.stats(by: .phase, branch: branch))
        for (phase, activity) in query.phases(branch: branch) {
            #expect(phases[phase.number] == Self.line(activity), "\(at): 统计 阶段 \(phase.number)")
        }

        for target in Self.kinds {
            let list = query.missing(target, branch: branch)
            let text = reports.missingList(target, branch: branch)
            let heading = AnswerReading.missingHeading(text)
            #expect(
                heading
                    == .init(
                        rows: list.started ? list.rows.count : 0, applies: list.applies.count,
                        started: list.started || list.applies.isEmpty),
                "\(at): 未完成 \(target): \(text)")
            let names = AnswerReading.missingNames(text)
            #expect(names.count == (list.started ? list.rows.count : 0), "\(at): 未完成 \(target) names: \(text)")
            if target == .lesson {
                let awaiting = names.values.filter { $0.contains("待确认") }.count
                #expect(awaiting == (list.started ? total.demoLessons.awaiting : 0), "\(at): 待确认 listed")
            }
        }

        let all = query.missing(.all, branch: branch)
        let digest = AnswerReading.digest(reports.missingList(.all, branch: branch))
        #expect(digest.rows == all.rows.count && digest.people == all.applies.count, "\(at): 未完成")
        #expect(digest.lines.count == all.rows.count, "\(at): 未完成 lines")
        #expect(digest.rows == total.owing, "\(at): 未完成 = owing")
    }

    // MARK: the report

    func checkReport(_ html: String, _ query: CampaignQuery, at: String) {
        let rows = AnswerReading.tableRows(html, className: "branches")
        let branches = query.branches(branch: nil)
        var expected = branches.map { Self.cells($0.name.isEmpty ? "未分支部" : $0.name, $0.tally) }
        if branches.count > 1 { expected.append(Self.cells("合计", query.total(branch: nil))) }
        #expect(rows == expected, "\(at): the branch table")
        let stars = AnswerReading.tableRows(html, className: "stars").map { [$0[0]] + [$0[2], $0[3], $0[5]] }
        #expect(
            stars
                == query.stars(branch: nil).map {
                    [$0.star.chineseName, "\($0.eligible)", "\($0.pledged)", "\($0.completed)"]
                },
            "\(at): the star table")
        let lessonRows = AnswerReading.tableRows(html, className: "lesson-branches").map { Array($0.prefix(4)) }
        if !lessonRows.isEmpty {
            #expect(
                lessonRows
                    == branches.map {
                        [
                            $0.name.isEmpty ? "未分支部" : $0.name, "\($0.tally.demoTeachers)",
                            "\($0.tally.demoLessons.held)", "\($0.tally.demoLessons.awaiting)",
                        ]
                    }, "\(at): the lesson table")
        }
        let articles = AnswerReading.reportPhases(html)
        for (phase, activity) in query.phases(branch: nil) where articles[phase.number]?.isEmpty == false {
            let lines = articles[phase.number] ?? []
            let pledges = lines.first { $0.hasPrefix("申报承诺") }.flatMap { AnswerReading.int(after: "申报承诺 ", in: $0) }
            let visits = lines.first { $0.hasPrefix("亲情家访") }.flatMap { AnswerReading.int(after: "亲情家访 ", in: $0) }
            let works = lines.first { $0.hasPrefix("提交成果") }.flatMap { AnswerReading.int(after: "提交成果 ", in: $0) }
            let lessons = lines.first { $0.hasPrefix("党员示范课") }
            #expect(pledges == activity.pledges && visits == activity.visits, "\(at): phase \(phase.number) \(lines)")
            #expect(works == activity.workCount, "\(at): phase \(phase.number) works \(lines)")
            if let lessons {
                #expect(
                    AnswerReading.int(after: "组内已上 ", in: lessons) == activity.groupLessons.held
                        && AnswerReading.int(after: "全校展示已上 ", in: lessons) == activity.schoolLessons.held,
                    "\(at): phase \(phase.number) lessons \(lessons)")
            }
        }
    }

    // MARK: the CSV files

    func checkExport(records: String, progress: String, _ query: CampaignQuery, at: String) {
        let rows = AnswerReading.csvRecords(records)
        let people = AnswerReading.csvRecords(progress)
        #expect(people.count == query.people.count, "\(at): one progress row a person")
        for (name, tally) in query.branches(branch: nil) {
            // Withdrawn records are listed too (状态 已撤销, from their history); they count nowhere.
            let mine = rows.filter { $0["支部"] == name && $0["状态"] != "已撤销" }
            let ours = people.filter { $0["支部"] == name }
            let pledgers = Set(mine.filter { $0["类型"] == "承诺" }.compactMap { $0["工号"] })
            let group = mine.filter { $0["类型"] == "示范课" && $0["级别"] == "组内" }
            let held = Set(group.filter { $0["状态"] == "已上" }.compactMap { $0["工号"] })
            let awaiting = Set(group.filter { $0["状态"] == "待确认" }.compactMap { $0["工号"] }).subtracting(held)
            let visits = mine.filter { $0["类型"] == "家访" }
            #expect(pledgers.count == tally.pledged, "\(at): \(name) pledgers in the records")
            #expect(held.count == tally.demoLessons.held, "\(at): \(name) lessons held in the records")
            #expect(awaiting.count == tally.demoLessons.awaiting, "\(at): \(name) 待确认 in the records")
            #expect(visits.count == tally.visits, "\(at): \(name) visits in the records")
            #expect(visits.filter { $0["节假日"] == "是" }.count == tally.holidayVisits, "\(at): \(name) holiday visits")
            #expect(mine.filter { $0["类型"] == "成果" }.count == tally.works, "\(at): \(name) works in the records")

            #expect(ours.count == tally.people, "\(at): \(name) progress rows")
            #expect(ours.filter { $0["已申报"] == "是" }.count == tally.pledged, "\(at): \(name) progress pledged")
            #expect(ours.filter { $0["全部完成"] == "是" }.count == tally.completedAll, "\(at): \(name) progress completed")
            #expect(
                ours.filter { $0["示范课"]?.hasPrefix("已上") == true }.count == tally.demoLessons.held,
                "\(at): \(name) progress lessons")
            #expect(
                ours.filter { $0["示范课"]?.hasPrefix("待确认") == true }.count == tally.demoLessons.awaiting,
                "\(at): \(name) progress 待确认")
            #expect(
                ours.reduce(0) { $0 + (Int($1["家访"] ?? "") ?? 0) } == tally.visits, "\(at): \(name) progress visits")
            #expect(
                ours.filter { (Int($0["未完成项数"] ?? "") ?? 0) > 0 }.count == tally.owing, "\(at): \(name) progress owing")
            let stars = query.campaign.stars.reduce(0) { sum, rule in
                sum + ours.filter { $0[rule.star.chineseName] == "已完成" }.count
            }
            #expect(stars == tally.starsCompleted, "\(at): \(name) progress stars")
        }
    }

    // MARK: what the texts should read

    static func line(_ t: PeopleTally) -> AnswerReading.BranchLine {
        .init(
            people: t.people, pledged: t.pledged, held: t.demoLessons.held, teachers: t.demoTeachers,
            awaiting: t.demoLessons.awaiting, booked: t.demoLessons.booked, visits: t.visits,
            holidayVisits: t.holidayVisits, stars: t.starsCompleted)
    }

    static func line(_ a: ActivityTally) -> AnswerReading.PhaseLine {
        .init(
            pledges: a.pledges, held: a.lessonsHeld, awaiting: a.groupLessons.awaiting + a.schoolLessons.awaiting,
            booked: a.groupLessons.booked + a.schoolLessons.booked, visits: a.visits, works: a.workCount,
            benchmarks: a.benchmarks)
    }

    static func cells(_ name: String, _ t: PeopleTally) -> [String] {
        func percent(_ a: Int, _ b: Int) -> String { b == 0 ? "—" : "\(Int((Double(a) * 100 / Double(b)).rounded()))%" }
        return [
            name, "\(t.people)", "\(t.pledged)", percent(t.pledged, t.people), "\(t.completedAll)",
            percent(t.completedAll, t.pledged), "\(t.demoLessons.held)/\(t.demoTeachers)", "\(t.demoLessons.awaiting)",
            "\(t.visits)（\(t.holidayVisits)）", "\(t.works)",
        ]
    }
}
