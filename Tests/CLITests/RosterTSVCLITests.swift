import Foundation
import Testing
import TestSupport

@Suite("cxzy roster import, tab-separated")
struct RosterTSVCLITests {
    @Test("a roster pasted from Excel into Notepad and saved as GBK imports like a CSV")
    func pastedFromExcel() async throws {
        let dir = temporaryStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let text = [
            "工号\t姓名\t角色\t支部\t党员\t权限\t",
            "A001\t周建国\t行政\t党总支\t是\t管理员\t",
            "S001\t陈雅琴\t一线、班主任\t语文支部\t是\t书记\t",
            "T001\t李明\t一线\t语文支部\t是\t\t",
            "",
        ].joined(separator: "\r\n")
        let file = dir.appendingPathComponent("名单.txt")
        try await gbkBytes(text).write(to: file)
        let r = try await CLI.run(["roster", "import", file.path, "--store", dir.appendingPathComponent("store").path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("已导入 3 人（新增 3，更新 0）") && r.stdout.contains("陈雅琴\t语文支部"), "\(r.stdout)")
    }
}
