import ArgumentParser
import BotRuntime
import CampaignCore
import CampaignIntents
import CampaignReport
import Foundation
import CampaignStorage
import Logging

/// `cxzy report [--phase N] --format html|pdf --out FILE`: the campaign report (简报) for printing on A4.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract:
            "Write the campaign report (简报): phases, participation and completion with charts, public pledges, demo lessons; A4, in Chinese.",
        discussion: """
            HTML is one self-contained file (styles and charts inside) that prints on A4 from a browser; PDF is rendered \
            from it by WeasyPrint (Debian package weasyprint; scripts/setup installs it) and takes several seconds. \
            Counts stand as of today (or --now), or as of the end of the phase with --phase. Home-visit students are never named. \
            Opens the store as export does, so not while the bot runs on the same store.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case html, pdf
        var report: CampaignReport.Format { self == .html ? .html : .pdf }
    }

    @OptionGroup var global: GlobalOptions
    @Option(help: "Only this phase (its activity, and standings at its end).") var phase: Int?
    @Option(help: "html or pdf (default: from the extension of --out).") var format: Format?
    @Option(help: "The file to write (written whole or not at all).") var out: String

    func validate() throws {
        if format == nil, Self.format(of: out) == nil {
            throw ValidationError("say --format html or --format pdf (or name --out with .html or .pdf).")
        }
    }

    static func format(of path: String) -> Format? {
        switch URL(fileURLWithPath: path).pathExtension.lowercased() {
        case "html", "htm": .html
        case "pdf": .pdf
        default: nil
        }
    }

    func run() async throws {
        guard let format = format ?? Self.format(of: out) else {
            throw ValidationError("say --format html or --format pdf.")
        }
        let campaign: Campaign
        do { campaign = try global.loadCampaign() } catch let error as OperatorError { fail(error) }
        guard FileManager.default.fileExists(atPath: global.storeURL.appendingPathComponent("snapshot.json").path)
        else {
            fail(OperatorError("no store at \(global.store) (import a roster first: cxzy roster import FILE)."))
        }
        let bot: Bot
        do { bot = try await global.openBot(logLevel: .warning) } catch let error as OperatorError { fail(error) }
        let state = await bot.store.state
        let intake = bot.intake
        try await bot.close()
        let extras = ReportExtras.from(
            state: state, phase: phase, evaluationMinRaters: bot.engine.evaluationMinRaters,
            load: { try intake.data($0) })

        let today = CampaignTime.local(global.clock().now()).date
        let data: Data
        do {
            data = try await CampaignReport.render(
                state: state, campaign: campaign, today: today, phase: phase, format: format.report,
                extras: extras)
        } catch let error as ReportError {
            fail(OperatorError(error.description))
        } catch let error as RenderError {
            fail(OperatorError(error.description))
        }
        do {
            try data.write(to: URL(fileURLWithPath: out), options: .atomic)
        } catch {
            fail(OperatorError("cannot write \(out): \(error.localizedDescription)"))
        }
        print("已生成简报：\(out)（\(format.rawValue.uppercased())，\(data.count / 1024 + 1) KB，截至\(today.chinese)）")
    }
}
