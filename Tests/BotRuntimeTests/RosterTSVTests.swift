import BotRuntime
import CampaignCore
import Foundation
import Testing
import TestSupport

/// A roster copied out of Excel and pasted into a text file: tab-separated, often with empty trailing cells,
/// CRLF line ends and, on Chinese Windows, GBK.
@Suite("Roster, tab-separated")
struct RosterTSVTests {
    /// As Excel copies a selection: a cell with a comma stays unquoted, a cell with a line break is quoted, and
    /// the selection's unused columns leave trailing tabs.
    let pasted = [
        "工号\t姓名\t角色\t支部\t党员\t权限\ttelegram\tmatrix\t\t",
        "A001\t周建国\t行政\t党总支\t是\t管理员\t\t\t\t",
        "T002\t王芳\t一线、班主任\t语文支部（高中部, 东校区）\t是\t教师\t123456789\t@wangfang:school.example\t\t",
        "T003\t\"张\"\"伟\"\"\"\t一线\t\"语文\n支部\"\t否\t\t\t\t\t",
        "\t\t\t\t\t\t\t\t\t",
        "",
    ].joined(separator: "\r\n")

    func check(_ people: [Person]) {
        #expect(people.map(\.staffID) == ["A001", "T002", "T003"])
        #expect(people.map(\.name) == ["周建国", "王芳", "张\"伟\""])
        #expect(people[0].permission == .admin && people[0].roles == [.administrative])
        #expect(people[1].roles == [.frontline, .classTeacher] && people[1].branch == "语文支部（高中部, 东校区）")
        #expect(people[1].chats["telegram"] == "123456789" && people[1].chats["matrix"] == "@wangfang:school.example")
        #expect(people[2].branch == "语文\n支部" && !people[2].partyMember && people[2].permission == .teacher)
    }

    @Test("pasted from Excel: tabs, trailing tabs, CRLF, quoted cells, a comma inside a cell")
    func utf8() throws {
        check(try RosterCSV.parse(Data(pasted.utf8), platforms: TestRosters.platforms))
    }

    @Test("the same saved as GBK, and as Excel's “Unicode text” (UTF-16 with BOM)")
    func encodings() async throws {
        let gbk = try await gbkBytes(pasted)
        #expect(String(data: gbk, encoding: .utf8) == nil, "the fixture must really be GBK")
        check(try RosterCSV.parse(gbk, platforms: TestRosters.platforms))
        let utf16 = try #require(pasted.data(using: .utf16LittleEndian))
        check(try RosterCSV.parse(Data([0xFF, 0xFE]) + utf16, platforms: TestRosters.platforms))
    }

    @Test("a bad line in a tab-separated roster is named by its line, like in a CSV")
    func lineNumbers() throws {
        let text = pasted.replacingOccurrences(of: "\t否\t", with: "\t也许\t")
        do {
            _ = try RosterCSV.parse(Data(text.utf8), platforms: TestRosters.platforms)
            Issue.record("expected the roster to be refused")
        } catch let RosterCSV.ImportError.lines(errors) {
            #expect(errors.map(\.line) == [4] && errors.first?.message.contains("也许") == true, "\(errors)")
        }
    }

    @Test("a CSV whose cells hold tabs, or whose header has more commas, stays a CSV")
    func staysCSV() throws {
        let text = "工号,姓名,角色,支部,党员,权限\nT001,李明,一线,\"语文\t支部\",是,教师\n"
        let people = try RosterCSV.parse(Data(text.utf8), platforms: [])
        #expect(people.first?.branch == "语文\t支部")
        let mixed = "工号,姓名,角色\t备注,支部,党员,权限\nT001,李明,一线\t-,语文支部,是,教师\n"
        #expect(try RosterCSV.parse(Data(mixed.utf8), platforms: []).first?.name == "李明")
    }
}
