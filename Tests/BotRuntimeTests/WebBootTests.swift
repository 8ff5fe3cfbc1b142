import BotRuntime
import CampaignCore
import Foundation
import Testing
import TestSupport
import WeComFake

/// The back office through the production boot (`BotService.prepare` on WeCom, as `cxzy run` boots inside
/// `WebOffice.$booting`): 后台 sent in 企业微信 answers with a link, and the link signs in on the same listener.
@Suite("The web back office through the production boot", .serialized)
struct WebBootTests {
    @Test("后台 in 企业微信 gets a link to CXZY_WEB_BASE_URL; the same listener signs in with it, behind HTTPS")
    func productionBoot() async throws {
        try await WeComRig.with { rig in
            let office = try WebOffice(baseURL: "https://dangjian.school.example/cxzy", clock: SystemClock())
            let bot = try await WebOffice.$booting.withValue(office) { try await rig.boot() }
            let port = try #require(bot.callbackURL.port)
            let xml = WeComRig.textXML(from: "zhoujg", text: "后台", msgID: "7100000000000000301")
            #expect(try await WeComRig.post(bot.callbackURL, rig.callback(xml)).0 == 200)
            #expect(await eventually { await rig.fake.sent(to: "zhoujg").contains { $0.content.contains("token=") } })
            let reply = try #require(await rig.fake.sent(to: "zhoujg").first { $0.content.contains("token=") })
            #expect(reply.content.contains("https://dangjian.school.example/cxzy/login?token="))
            let line = try #require(reply.content.split(separator: "\n").first { $0.contains("token=") })
            let token = try #require(line.components(separatedBy: "token=").last)
            let client = try RawHTTPClient(port: port)
            let form = "token=\(token)"
            client.send(
                "POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: \(form.utf8.count)\r\n\r\n\(form)"
            )
            let answer = await client.readUntilClosed(timeout: .seconds(30)).data
            #expect(answer.hasPrefix("HTTP/1.1 303"))
            #expect(answer.contains("__Host-cxzy-session=") && answer.contains("; Secure"))
            #expect(answer.contains("/cxzy/overview"))
            try await bot.stop()
        }
    }
}
