import Foundation
import Testing
import TestSupport

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif
#if canImport(Glibc)
    import Glibc
#endif

/// `统计` as an `m.image` and `报告` as an `m.file` PDF, uploaded to a real Synapse's media repository by `cxzy run`.
@Suite(
    "Matrix pictures and documents against a real Synapse", .serialized,
    .enabled(
        if: try Prerequisite.available(.synapse), "Synapse is not installed here (Tests/Matrix/synapse.sh install)"),
    // The renderers the bot runs and the PDF reader the test runs.
    .enabled(
        if: try Prerequisite.available(.rsvgConvert, .weasyprint, .pdftotext),
        "needs rsvg-convert, weasyprint and pdftotext"))
struct MatrixMediaTests {
    /// The bot's media events in `room`: msgtype, body, mxc url.
    func media(_ client: MatrixClient, _ room: String) async throws -> [(type: String, body: String, url: String)] {
        let answer = try await client.call(
            "GET", "/_matrix/client/v3/rooms/\(MatrixClient.escape(room))/messages?dir=b&limit=100")
        return (answer["chunk"] as? [[String: Any]] ?? []).reversed().compactMap { event in
            guard event["sender"] as? String == "@cxzy:localhost", let content = event["content"] as? [String: Any],
                let type = content["msgtype"] as? String, type == "m.image" || type == "m.file",
                let url = content["url"] as? String
            else { return nil }
            return (type, content["body"] as? String ?? "", url)
        }
    }

    /// Downloads an `mxc://server/id` through the authenticated media API.
    func download(_ client: MatrixClient, _ mxc: String) async throws -> Data {
        let path = mxc.replacingOccurrences(of: "mxc://", with: "")
        var request = URLRequest(url: URL(string: client.base + "/_matrix/client/v1/media/download/" + path)!)
        request.setValue("Bearer \(client.token)", forHTTPHeaderField: "Authorization")
        let (data, response) = try await URLSession.shared.data(for: request)
        guard (response as? HTTPURLResponse)?.statusCode == 200 else { throw CLIError("download \(mxc) failed") }
        return data
    }

    @Test("an admin's 统计 comes with the chart as m.image, 报告 as a PDF m.file")
    func chartAndReport() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
            "cxzy-matrix-media-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let synapse = dir.appendingPathComponent("synapse").path
        let base = try await Synapse.sh(["start", synapse])
        defer { Synapse.stop(synapse) }
        for (user, password) in [("cxzy", "bot-password"), ("zhou", "zhou-password")] {
            _ = try await Synapse.sh(["register", synapse, user, password])
        }
        let roster = dir.appendingPathComponent("roster.csv")
        try Data("工号,姓名,角色,支部,党员,权限,matrix\nA001,周建国,行政,党总支,是,管理员,@zhou:localhost\n".utf8).write(to: roster)
        let store = dir.appendingPathComponent("store")
        _ = try await CLI.run(["roster", "import", roster.path, "--store", store.path])
        let bot = try MatrixSynapseTests().startBot(base, store: store, now: "2010-10-11T09:00:00+08:00")
        defer { if bot.isRunning { kill(bot.processIdentifier, SIGKILL) } }

        let zhou = try await MatrixClient.login(base, "zhou", "zhou-password")
        let room = try await zhou.createRoom(invite: ["@cxzy:localhost"], direct: true)
        #expect(await eventually(30) { (try? await zhou.members(room).contains("@cxzy:localhost")) == true })

        try await zhou.send(room, "统计")
        #expect(await eventually(30) { (try? await media(zhou, room).contains { $0.type == "m.image" }) == true })
        let image = try #require(try await media(zhou, room).first { $0.type == "m.image" })
        let png = try await download(zhou, image.url)
        let header = try PNGImage(png)
        #expect(
            header.width >= 800 && header.height >= 300 && png.count > 10_000,
            "\(header.width)×\(header.height), \(png.count) B")
        let pngFile = dir.appendingPathComponent("chart.png")
        try png.write(to: pngFile)
        let ink = try await PNGImage.ink(ofFile: pngFile.path)
        #expect(ink.fraction > 0.02 && ink.colours >= 3, "not blank: \(ink)")
        let texts = try await zhou.messages(room).filter { $0.sender == "@cxzy:localhost" }.map(\.body)
        #expect(texts.contains { $0.contains("统计·按支部") }, "the table comes as text too")

        // A photo sent in the direct room (no caption): the bot keeps it and asks which record; the report shows it.
        try await zhou.send(room, "提交 总结 《创先争优活动总结》")
        #expect(
            await eventually(20) { (try? await zhou.messages(room).contains { $0.body.contains("W-0001") }) == true })
        var upload = URLRequest(url: URL(string: base + "/_matrix/media/v3/upload?filename=photo.png")!)
        upload.httpMethod = "POST"
        upload.setValue("Bearer \(zhou.token)", forHTTPHeaderField: "Authorization")
        upload.setValue("image/png", forHTTPHeaderField: "Content-Type")
        upload.httpBody = png
        let (uploaded, _) = try await URLSession.shared.data(for: upload)
        let uri = (try JSONSerialization.jsonObject(with: uploaded) as? [String: Any])?["content_uri"] as? String ?? ""
        _ = try await zhou.call(
            "PUT", "/_matrix/client/v3/rooms/\(MatrixClient.escape(room))/send/m.room.message/p1",
            [
                "msgtype": "m.image", "body": "photo.png", "url": uri,
                "info": ["mimetype": "image/png", "size": png.count],
            ])
        #expect(
            await eventually(20) { (try? await zhou.messages(room).contains { $0.body.contains("属于哪条记录") }) == true })
        try await zhou.send(room, "附件 W-0001")
        #expect(
            await eventually(20) {
                (try? await zhou.messages(room).contains { $0.body.contains("已附到 W-0001") }) == true
            })

        try await zhou.send(room, "报告")
        #expect(await eventually(90) { (try? await media(zhou, room).contains { $0.type == "m.file" }) == true })
        let file = try #require(try await media(zhou, room).first { $0.type == "m.file" })
        #expect(file.body.hasSuffix(".pdf"))
        let pdf = try await download(zhou, file.url)
        #expect(pdf.starts(with: Data("%PDF-".utf8)))
        let pdfFile = dir.appendingPathComponent("report.pdf")
        try pdf.write(to: pdfFile)
        let text = try await ExternalTools.pdftotext(pdfFile)
        for heading in ["创先争优活动简报", "一、活动阶段", "二、参与与完成情况", "图片展", "创先争优活动总结"] {
            #expect(text.contains(heading), "\(heading)")
        }

        kill(bot.processIdentifier, SIGTERM)
        #expect(await waitForExit(bot, timeout: .seconds(60)), "cxzy run ends on SIGTERM")
        try? FileManager.default.removeItem(at: dir)
    }
}
