import Foundation
import Testing

@Suite("cxzy parse")
struct ParseCLITests {
    let now = ["--now", "2010-07-20T10:00:00+08:00"]

    @Test("prints the intent JSON and exits 0 when understood")
    func understood() async throws {
        let r = try await CLI.run(["parse"] + now + ["预约示范课 10月12日 第3节 高二(3)班 函数的单调性"])
        #expect(r.status == 0)
        #expect(
            r.stdout
                == #"{"intent":"book_lesson","date":"2010-10-12","period":3,"class":"高二(3)班","topic":"函数的单调性","level":"group"}"#
                + "\n")
    }

    @Test("prints the error JSON and exits 1 when not understood")
    func notUnderstood() async throws {
        let r = try await CLI.run(["parse"] + now + ["预约示范课 第3节 高二(3)班"])
        #expect(r.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(object["error"] as? String == "missing_argument")
        #expect(object["argument"] as? String == "date")
    }

    @Test("--now without an offset is campaign time; the date rolls at midnight in Shanghai")
    func nowZone() async throws {
        // 2010-07-20T16:30Z is 2010-07-21 00:30 in Shanghai: 今天 is the 21st.
        let r = try await CLI.run(["parse", "--now", "2010-07-20T16:30:00Z", "家访 今天 王同学"])
        #expect(r.stdout.contains(#""date":"2010-07-21""#))
        let local = try await CLI.run(["parse", "--now", "2010-07-20T23:59", "家访 今天 王同学"])
        #expect(local.stdout.contains(#""date":"2010-07-20""#))
    }

    @Test("--group ignores plain messages but reads slash commands and mentions")
    func group() async throws {
        #expect(try await CLI.run(["parse", "--group"] + now + ["统计"]).status == 1)
        #expect(try await CLI.run(["parse", "--group"] + now + ["/stats"]).status == 0)
        #expect(try await CLI.run(["parse", "--group"] + now + ["@cxzy 统计"]).status == 0)
    }

    @Test("'-' reads one message per line and prints one JSON object per line")
    func stdinLines() async throws {
        let input = "统计\n预约示范课\r\n提醒 关\n\n"
        let r = try await CLI.run(["parse"] + now + ["-"], stdin: Data(input.utf8))
        #expect(r.lines.count == 4)
        #expect(r.lines[0] == #"{"intent":"stats","by":"branch"}"#)
        #expect(r.lines[1].contains(#""error":"missing_argument""#))
        #expect(r.lines[2] == #"{"intent":"remind","on":false}"#)
        #expect(r.lines[3].contains(#""error":"unknown_command""#))
        #expect(r.status == 1)
        let ok = try await CLI.run(["parse"] + now + ["-"], stdin: Data("统计\n/me\n".utf8))
        #expect(ok.status == 0 && ok.lines.count == 2)
    }

    @Test("invalid UTF-8, NUL bytes and binary junk on stdin never crash")
    func binaryJunk() async throws {
        var junk = Data([0xFF, 0xFE, 0x00, 0xC3, 0x28, 0x0A, 0xE2, 0x82, 0x0A])
        junk.append(Data("统计\n".utf8))
        var rng = SystemRandomNumberGenerator()
        junk.append(Data((0..<20_000).map { _ in UInt8.random(in: 0...255, using: &rng) }))
        junk.append(0x0A)
        let r = try await CLI.run(["parse"] + now + ["-"], stdin: junk)
        #expect(r.status == 1)
        #expect(r.lines.contains(#"{"intent":"stats","by":"branch"}"#))
        for line in r.lines {
            #expect(throws: Never.self) { try JSONSerialization.jsonObject(with: Data(line.utf8)) }
        }
    }

    @Test("a bad --now is a clear operator error")
    func badNow() async throws {
        let r = try await CLI.run(["parse", "--now", "yesterday-ish", "统计"])
        #expect(r.status != 0)
        #expect(r.stderr.contains("--now"))
    }
}
