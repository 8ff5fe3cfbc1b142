import CampaignCore
import Foundation

/// `附件 W-0003 /path/photo.jpg`: on the console a file is attached by its path (spaces allowed, `~` expanded).
extension ConsoleTransport {
    static let attachWords = ["附件", "附图", "上传附件", "/attach"]

    /// The line without the path, and the file checked and kept; the line unchanged when it names no file.
    func fileNamed(in line: String, intake: FileIntake) -> (text: String, file: IncomingFile?) {
        let words = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard let first = words.first, Self.attachWords.contains(where: { first.hasPrefix($0) }), words.count > 1
        else { return (line, nil) }
        var firstPath: Int?
        for start in 1..<words.count {
            let candidate = words[start...].joined(separator: " ")
            guard candidate.hasPrefix("/") || candidate.hasPrefix("~") || candidate.hasPrefix(".") else { continue }
            if firstPath == nil { firstPath = start }
            let path = (candidate as NSString).expandingTildeInPath
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
                continue
            }
            let text = words[..<start].joined(separator: " ")
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
            if let refusal = FileIntake.refusal(announcedSize: size) { return (text, refusal) }
            do {
                let data = try Data(contentsOf: URL(fileURLWithPath: path))
                return (text, try intake.accept(data, fileName: path))
            } catch {
                return (text, .unavailable("读取或保存失败：\(error.localizedDescription)"))
            }
        }
        if let start = firstPath {
            // Something that looks like a path but is no file: say so instead of reading it as an argument.
            let path = words[start...].joined(separator: " ")
            return (words[..<start].joined(separator: " "), .unavailable("找不到文件“\(path)”，请检查路径"))
        }
        return (line, nil)
    }
}
