import BotRuntime
import CampaignCore
import CampaignIntents
import Foundation
import Testing
import TestSupport

func lineErrors(_ body: () throws -> Void) -> [RosterCSV.LineError] {
    do {
        try body()
    } catch RosterCSV.ImportError.lines(let errors) {
        return errors
    } catch {
        Issue.record("expected line errors, got \(error)")
        return []
    }
    Issue.record("expected line errors, the roster was accepted")
    return []
}

@Suite("Roster CSV")
struct RosterCSVTests {
    let sample = """
        工号,姓名,角色,支部,党员,权限,telegram,matrix
        A001,周建国,行政,党总支,是,管理员,,
        T002,王芳,一线、班主任,语文支部,是,教师,123456789,@wangfang:school.example
        T003,张伟,一线,语文支部,否,,,

        """

    func checkSample(_ people: [Person]) {
        #expect(people.map(\.staffID) == ["A001", "T002", "T003"])
        #expect(people.map(\.name) == ["周建国", "王芳", "张伟"])
        #expect(people[0].permission == .admin && people[0].roles == [.administrative])
        #expect(people[1].roles == [.frontline, .classTeacher] && people[1].partyMember && people[1].branch == "语文支部")
        #expect(people[1].chats["telegram"] == "123456789" && people[1].chats["matrix"] == "@wangfang:school.example")
        #expect(!people[2].partyMember && people[2].permission == .teacher && people[2].chats["telegram"] == nil)
    }

    @Test("UTF-8")
    func utf8() throws {
        checkSample(try RosterCSV.parse(Data(sample.utf8)))
    }

    @Test("UTF-8 with BOM and CRLF line ends (Excel's “CSV UTF-8”)")
    func utf8BOM() throws {
        let text = sample.replacingOccurrences(of: "\n", with: "\r\n")
        checkSample(try RosterCSV.parse(Data([0xEF, 0xBB, 0xBF]) + Data(text.utf8)))
    }

    @Test("GBK bytes (Excel's “CSV” on Chinese Windows)")
    func gbk() async throws {
        let bytes = try await gbkBytes(sample)
        #expect(String(data: bytes, encoding: .utf8) == nil, "the fixture must really be GBK")
        checkSample(try RosterCSV.parse(bytes))
    }

    @Test("English headers and values, roles separated by ;")
    func englishHeaders() throws {
        let text = """
            staff_id,name,roles,branch,party_member,permission,telegram,matrix
            A001,Zhou Jianguo,administrative,General,yes,admin,,
            T002,Wang Fang,frontline;class_teacher,Chinese,yes,teacher,123456789,@wangfang:school.example
            T003,Zhang Wei,frontline,Chinese,no,,,
            """
        let people = try RosterCSV.parse(Data(text.utf8))
        #expect(people.map(\.staffID) == ["A001", "T002", "T003"])
        #expect(people[1].roles == [.frontline, .classTeacher] && people[1].partyMember)
        #expect(people[0].permission == .admin && !people[2].partyMember)
    }

    @Test("quoted fields may hold commas, quotes and line breaks; line numbers still count physical lines")
    func quotedFields() throws {
        let text =
            "工号,姓名,角色,支部,党员,权限\n"
            + "T001,\"李明\",\"一线,班主任\",\"语文支部（高中部, 东校区）\",是,教师\n"
            + "T002,\"王\"\"芳\"\"\",一线,\"语文\n支部\",是,教师\n"
            + "T003,张伟,一线,语文支部,也许,教师\n"
        let errors = lineErrors { _ = try RosterCSV.parse(Data(text.utf8)) }
        #expect(errors.map(\.line) == [5], "the bad record starts on physical line 5")
        let good = try RosterCSV.parse(Data(text.replacingOccurrences(of: "也许", with: "否").utf8))
        #expect(good[0].roles == [.frontline, .classTeacher])
        #expect(good[0].branch == "语文支部（高中部, 东校区）")
        #expect(good[1].name == "王\"芳\"")
        #expect(good[1].branch == "语文\n支部")
    }

    @Test("bad lines are all reported by line number and nothing is imported")
    func badLines() throws {
        let text = """
            工号,姓名,角色,支部,党员,权限,telegram,matrix
            T001,李明,一线,语文支部,是,教师,,
            T002,,一线,语文支部,是,教师,,
            T003,张伟,校长,语文支部,是,教师,,
            T004,赵磊,一线,数学支部,可能,教师,,
            T005,孙丽,一线,数学支部,是,局长,,
            T001,李明明,一线,语文支部,是,教师,,
            T006,吴静,一线,,是,书记,,
            T007,冯涛,行政,综合支部,是,教师,@feng,
            T008,何晓燕,一线,综合支部,是,教师,,feng
            T009,钱,一线,综合支部,是,教师,555,
            T010,孔,一线,综合支部,是,教师,555,
            """
        let errors = lineErrors { _ = try RosterCSV.parse(Data(text.utf8)) }
        #expect(errors.map(\.line) == [3, 4, 5, 6, 7, 8, 9, 10, 12])
        let byLine = Dictionary(uniqueKeysWithValues: errors.map { ($0.line, $0.message) })
        #expect(byLine[3]?.contains("缺少姓名") == true)
        #expect(byLine[4]?.contains("角色“校长”无法识别") == true)
        #expect(byLine[5]?.contains("党员一栏“可能”") == true)
        #expect(byLine[6]?.contains("权限“局长”无法识别") == true)
        #expect(byLine[7]?.contains("工号 T001 与第2行重复") == true)
        #expect(byLine[8]?.contains("支部书记必须填写支部") == true)
        #expect(byLine[9]?.contains("telegram") == true)
        #expect(byLine[10]?.contains("matrix") == true)
        #expect(byLine[12]?.contains("与第11行重复") == true)
        let message = RosterCSV.ImportError.lines(errors).description
        #expect(message.contains("未导入任何内容") && message.contains("第3行：缺少姓名"))
    }

    @Test("a file without the required columns, or empty, is refused")
    func missingColumns() throws {
        #expect(throws: RosterCSV.ImportError.self) { try RosterCSV.parse(Data("姓名,支部\n李明,语文支部\n".utf8)) }
        #expect(throws: RosterCSV.ImportError.self) { try RosterCSV.parse(Data("".utf8)) }
        #expect(throws: RosterCSV.ImportError.self) { try RosterCSV.parse(Data("工号,姓名\n".utf8)) }
        do {
            _ = try RosterCSV.parse(Data("姓名,支部\n李明,语文支部\n".utf8))
        } catch let error as RosterCSV.ImportError {
            #expect(error.description.contains("工号"))
        }
    }

    @Test("the demo roster parses")
    func demoRoster() throws {
        let people = try RosterCSV.parse(Data(DemoRoster.csv.utf8))
        #expect(people.count == 12)
        #expect(Set(people.map(\.staffID)).count == 12)
        #expect(people.filter { $0.permission == .admin }.map(\.staffID) == ["A001"])
    }
}
