import CampaignReport
import Foundation
#if canImport(Glibc)
    import Glibc
#endif

/// What `报告` (a PDF) and the charts (PNG) need, as `cxzy doctor` checks it: the programs the bot runs, found on PATH
/// the way the bot finds them (`ExternalTool.locate`) and run once, and a Chinese font that fontconfig knows.
enum ReportToolsDoctor {
    /// The families the report and the charts ask for (ReportStylesheet, ChartStyle), in their order.
    static let wantedFonts = ["Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Micro Hei"]

    static func check(into list: inout Checklist) async {
        await program(
            "weasyprint", package: "weasyprint", what: "报告（PDF）", english: "the report (PDF)", into: &list)
        await program(
            "rsvg-convert", package: "librsvg2-bin", what: "统计图（PNG）", english: "the charts (PNG)", into: &list)
        await fonts(into: &list)
    }

    private static func program(
        _ name: String, package: String, what: String, english: String, into list: inout Checklist
    ) async {
        guard let tool = try? ExternalTool.locate(name, package: package) else {
            list.add(
                .fix, "找不到 \(name)，\(what)无法生成：apt install \(package)",
                "\(name) is not on PATH, so \(english) cannot be made: apt install \(package)")
            return
        }
        switch await Program.run(tool.executable, ["--version"]) {
        case let .finished(0, output):
            let version = output.split(separator: "\n").first.map(String.init) ?? name
            list.add(.ok, "\(name) 可用（\(version)）", "\(name) works (\(version))")
        case let .finished(status, output):
            let tail = output.split(separator: "\n").suffix(2).joined(separator: " ")
            list.add(
                .fix, "\(tool.executable.path) 无法运行（退出码 \(status)）：\(tail)；请重新安装：apt install --reinstall \(package)",
                "\(tool.executable.path) does not run (status \(status)): \(tail); reinstall: apt install --reinstall \(package)"
            )
        case let .failed(reason):
            list.add(
                .fix, "\(tool.executable.path) 无法运行：\(reason)；请重新安装：apt install --reinstall \(package)",
                "\(tool.executable.path) does not run: \(reason); reinstall: apt install --reinstall \(package)")
        }
    }

    private static func fonts(into list: inout Checklist) async {
        guard let fcList = try? ExternalTool.locate("fc-list", package: "fontconfig") else {
            list.add(
                .fix, "找不到 fc-list，无法确认中文字体：apt install fontconfig fonts-noto-cjk",
                "fc-list is not on PATH, so the Chinese fonts cannot be checked: apt install fontconfig fonts-noto-cjk")
            return
        }
        guard case let .finished(0, output) = await Program.run(fcList.executable, [":lang=zh", "family"]) else {
            list.add(
                .fix, "fc-list 无法运行：apt install --reinstall fontconfig",
                "fc-list does not run: apt install --reinstall fontconfig")
            return
        }
        // One line per font, families separated by commas.
        let families = Set(
            output.split(separator: "\n").flatMap { $0.split(separator: ",") }.map {
                $0.trimmingCharacters(in: .whitespaces)
            }.filter { !$0.isEmpty })
        if let wanted = wantedFonts.first(where: families.contains) {
            list.add(.ok, "中文字体：\(wanted)", "Chinese font: \(wanted)")
        } else if let other = families.sorted().first {
            list.add(
                .note, "中文字体 \(other) 可用，但报告和图表指定的是 Noto Sans CJK SC（更整齐）：apt install fonts-noto-cjk",
                "Chinese font \(other) is there, but the report and charts ask for Noto Sans CJK SC: apt install fonts-noto-cjk"
            )
        } else {
            list.add(
                .fix, "没有中文字体，报告和图表里的汉字会显示为方框：apt install fonts-noto-cjk",
                "no Chinese font: the report's and the charts' Chinese would show as boxes; apt install fonts-noto-cjk")
        }
    }
}

/// Runs a program to its end with its output in a private temp file (no pipe to fill), within a deadline.
enum Program {
    enum Result: Sendable {
        case finished(Int32, String)
        case failed(String)
    }

    static func run(_ executable: URL, _ arguments: [String], timeout: Duration = .seconds(20)) async -> Result {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("cxzy-doctor-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        guard FileManager.default.createFile(atPath: output.path, contents: nil),
            let handle = try? FileHandle(forWritingTo: output)
        else { return .failed("cannot create a temporary file") }
        defer { try? handle.close() }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = handle
        process.standardError = handle
        let status: Int32?
        do {
            status = try await ProcessLaunching.run(process, timeout: timeout)
        } catch {
            return .failed("\(error.localizedDescription)")
        }
        guard let status else { return .failed("no answer within \(timeout.components.seconds) s") }
        let text = String(decoding: (try? Data(contentsOf: output)) ?? Data(), as: UTF8.self)
        return .finished(status, text)
    }
}
