import BotRuntime
import CampaignCore
import Foundation
import Testing
import TestSupport

/// 名单管理 on the real listener: an upload previewed (new, changed, deactivated, errors by line), applied once in
/// one commit, the new bind codes printed; an .xlsx saved by openpyxl imports as its CSV does.
@Suite("The web back office: roster upload while the bot runs", .serialized)
struct WebRosterTests {
    /// The demo roster with T008 gone, T007 moved to 数学支部, and a new teacher T009.
    static var editedRows: [[String]] {
        var rows = DemoRoster.csv.split(separator: "\n").map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
        rows.removeAll { $0.first == "T008" }
        for i in rows.indices where rows[i].first == "T007" { rows[i][3] = "数学支部" }
        rows.append(["T009", "钱敏", "一线", "语文支部", "是", "教师", "", ""])
        return rows
    }

    static var editedCSV: String { editedRows.map { $0.joined(separator: ",") }.joined(separator: "\r\n") + "\r\n" }

    /// A multipart form as a browser sends it.
    static func multipart(csrf: String?, file: Data, name: String) -> (String, Data) {
        let boundary = "----cxzyBoundary\(UUID().uuidString.prefix(8))"
        var body = Data()
        if let csrf {
            body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n\(csrf)\r\n".utf8)
        }
        body += Data(
            "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(name)\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                .utf8)
        body += file
        body += Data("\r\n--\(boundary)--\r\n".utf8)
        return ("multipart/form-data; boundary=\(boundary)", body)
    }

    /// Uploads `file` as the admin A001 and returns the preview page.
    static func upload(_ rig: WebRig, cookie: String, file: Data, name: String, csrf: String? = nil) async throws
        -> WebRig.Reply
    {
        let page = try await rig.request("GET", "/roster", cookie: cookie)
        let token = csrf ?? WebRig.csrf(in: page.body)
        let (type, body) = multipart(csrf: token, file: file, name: name)
        return try await rig.request("POST", "/roster/preview", cookie: cookie, body: body, contentType: type)
    }

    static func previewID(in page: String) -> String? {
        guard let range = page.range(of: "name=\"preview\" value=\"") else { return nil }
        return page[range.upperBound...].split(separator: "\"").first.map(String.init)
    }

    @Test("a CSV is previewed (new, changed, deactivated), applied once, and the new person's bind code is printed")
    func csvUpload() async throws {
        try await WebRig.with { rig in
            let cookie = try await rig.signIn("A001")
            let preview = try await Self.upload(rig, cookie: cookie, file: Data(Self.editedCSV.utf8), name: "名单.csv")
            #expect(preview.status == 200)
            #expect(preview.body.contains("新增 1 人") && preview.body.contains("钱敏"))
            #expect(preview.body.contains("变更 1 人") && preview.body.contains("支部 综合支部 → 数学支部"))
            #expect(preview.body.contains("停用 1 人") && preview.body.contains("何晓燕"))
            #expect(await rig.harness.state.roster["T009"] == nil, "a preview changes nothing")
            let id = try #require(Self.previewID(in: preview.body))
            let csrf = try #require(WebRig.csrf(in: preview.body))
            #expect(try await rig.request("POST", "/roster/apply", cookie: cookie, form: ["preview": id]).status == 403)
            let sheet = try await rig.request(
                "POST", "/roster/apply", cookie: cookie, form: ["preview": id, "csrf": csrf])
            #expect(sheet.status == 200 && sheet.body.contains("名单已导入") && sheet.body.contains("钱敏"))
            let state = await rig.harness.state
            #expect(state.roster["T009"]?.active == true && state.roster["T008"]?.active == false)
            #expect(state.roster["T007"]?.branch == "数学支部")
            let code = try #require(sheet.body.components(separatedBy: "绑定 T009 ").dropFirst().first?.prefix(6))
            let bound = try await rig.harness.say("绑定 T009 \(code)", from: .of("T009"))
            #expect(bound.contains("绑定成功"))
            let again = try await rig.request(
                "POST", "/roster/apply", cookie: cookie, form: ["preview": id, "csrf": csrf])
            #expect(again.status == 400 && again.body.contains("已失效"))
        }
    }

    @Test("new bind codes for everyone not yet bound, printed once; the old codes stop working")
    func renewCodes() async throws {
        try await WebRig.with { rig in
            let cookie = try await rig.signIn("A001")
            let page = try await rig.request("GET", "/roster", cookie: cookie)
            let csrf = try #require(WebRig.csrf(in: page.body))
            #expect(try await rig.request("POST", "/roster/codes", cookie: cookie, form: [:]).status == 403)
            let sheet = try await rig.request("POST", "/roster/codes", cookie: cookie, form: ["csrf": csrf])
            #expect(sheet.status == 200 && sheet.body.contains("新的绑定码") && sheet.body.contains("王芳"))
            #expect(!sheet.body.contains("绑定 A001 "), "someone bound got a code")
            let code = try #require(sheet.body.components(separatedBy: "绑定 T002 ").dropFirst().first?.prefix(6))
            let old = try #require(rig.harness.codes["T002"])
            #expect(try await rig.harness.say("绑定 T002 \(old)", from: .of("T002")).contains("绑定成功") == false)
            #expect(try await rig.harness.say("绑定 T002 \(code)", from: .of("T002")).contains("绑定成功"))
        }
    }

    @Test("a roster with bad lines is refused with every error by line; nothing is imported")
    func errorsByLine() async throws {
        try await WebRig.with { rig in
            let cookie = try await rig.signIn("A001")
            let csv = "工号,姓名,角色,支部,党员,权限\nT100,甲,一线,语文支部,是,教师\nT101,,一线,语文支部,也许,教师\nT100,乙,校长,数学支部,否,教师\n"
            let page = try await Self.upload(rig, cookie: cookie, file: Data(csv.utf8), name: "bad.csv")
            #expect(page.status == 422)
            #expect(page.body.contains("第3行") && page.body.contains("缺少姓名") && page.body.contains("第4行"))
            #expect(page.body.contains("角色“校长”无法识别"))
            #expect(await rig.harness.state.roster["T100"] == nil)
        }
    }

    @Test("only admins manage the roster; an upload without its CSRF token is refused")
    func adminsOnly() async throws {
        try await WebRig.with { rig in
            let secretary = try await rig.signIn("S001")
            #expect(try await rig.request("GET", "/roster", cookie: secretary).status == 403)
            let page = try await rig.request("GET", "/overview", cookie: secretary)
            #expect(!page.body.contains("名单管理"))
            let admin = try await rig.signIn("A001")
            let refused = try await Self.upload(
                rig, cookie: admin, file: Data(Self.editedCSV.utf8), name: "名单.csv", csrf: "forged")
            #expect(refused.status == 403)
            #expect(await rig.harness.state.roster["T009"] == nil)
        }
    }

    static let openpyxl = Prerequisite.python(
        "/usr/bin/python3", runs: "import openpyxl",
        "Debian's python3-openpyxl (apt-get install python3-openpyxl; .ci/run does)")

    @Test("an .xlsx saved by a spreadsheet program (openpyxl) previews and imports as its CSV does")
    func xlsxAsCSV() async throws {
        guard try Prerequisite.available(Self.openpyxl) else { return }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cxzy-xlsx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let rows = try String(decoding: JSONSerialization.data(withJSONObject: Self.editedRows), as: UTF8.self)
        let xlsx = folder.appendingPathComponent("名单.xlsx")
        // Staff ids typed as numbers in a column, as Excel keeps them, are read back as the same text.
        let script = """
            import json, sys, openpyxl
            book = openpyxl.Workbook(); sheet = book.active; sheet.title = "教职工名单"
            for row in json.loads(sys.argv[1]): sheet.append(row)
            book.create_sheet("说明").append(["这一页不是名单"])
            book.save(sys.argv[2])
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-c", script, rows, xlsx.path]
        try Child.start(process)
        #expect(await waitForExit(process, timeout: .seconds(60)) && process.terminationStatus == 0)
        let data = try Data(contentsOf: xlsx)
        var results: [String] = []
        for (file, name) in [(data, "名单.xlsx"), (Data(Self.editedCSV.utf8), "名单.csv")] {
            try await WebRig.with { rig in
                let cookie = try await rig.signIn("A001")
                let preview = try await Self.upload(rig, cookie: cookie, file: file, name: name)
                #expect(preview.status == 200, "\(name): \(preview.body.prefix(400))")
                let id = try #require(Self.previewID(in: preview.body))
                let csrf = try #require(WebRig.csrf(in: preview.body))
                let sheet = try await rig.request(
                    "POST", "/roster/apply", cookie: cookie, form: ["preview": id, "csrf": csrf])
                #expect(sheet.status == 200)
                let roster = await rig.harness.state.roster.values.sorted { $0.staffID < $1.staffID }
                results.append(
                    roster.map {
                        "\($0.staffID)|\($0.name)|\($0.branch)|\($0.roles)|\($0.partyMember)|\($0.permission)|\($0.active)"
                    }
                    .joined(separator: "\n"))
            }
        }
        #expect(results.count == 2 && results[0] == results[1])
        #expect(results.first?.contains("T009|钱敏|语文支部") == true)
    }
}
