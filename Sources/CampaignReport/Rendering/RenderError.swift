/// Why a chart picture or a PDF could not be made. Said first in Chinese for the school's admin, then in English.
package enum RenderError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The program is not on PATH; `package` is the Debian package that brings it.
    case toolMissing(tool: String, package: String)
    /// The program ran and failed; `message` is the end of what it wrote to stderr.
    case toolFailed(tool: String, status: Int32, message: String)
    case timedOut(tool: String, seconds: Int)
    /// The program exited 0 but wrote nothing usable.
    case noOutput(tool: String)

    package var description: String {
        switch self {
        case .toolMissing(let tool, let package):
            "找不到 \(tool)（Debian 软件包 \(package)），请先运行 scripts/setup 安装。 / \(tool) is not on PATH: install the Debian package \(package) (scripts/setup does)."
        case .toolFailed(let tool, let status, let message):
            "\(tool) 运行失败（退出码 \(status)）。 / \(tool) failed with exit status \(status)"
                + (message.isEmpty ? "." : ": \(message)")
        case .timedOut(let tool, let seconds):
            "\(tool) 超过 \(seconds) 秒未完成，已停止。 / \(tool) did not finish within \(seconds) s and was stopped."
        case .noOutput(let tool):
            "\(tool) 没有生成文件。 / \(tool) exited without writing its output."
        }
    }
}
