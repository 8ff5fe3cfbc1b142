import Foundation

/// Splits text into pieces of at most `limit` units (UTF-16 units or UTF-8 bytes, as the platform counts), on line boundaries where possible.
package enum MessageSplitter {
    package enum Unit: Sendable {
        case utf16, utf8

        func count(_ text: some StringProtocol) -> Int {
            switch self {
            case .utf16: text.utf16.count
            case .utf8: text.utf8.count
            }
        }
    }

    package static func split(_ text: String, limit: Int = 4096, unit: Unit = .utf16) -> [String] {
        guard unit.count(text) > limit else { return [text] }
        var pieces: [String] = []
        var current = ""
        func push() {
            if !current.isEmpty { pieces.append(current) }
            current = ""
        }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = String(line)
            let joined = current.isEmpty ? line : current + "\n" + line
            if unit.count(joined) <= limit {
                current = joined
                continue
            }
            push()
            while unit.count(line) > limit {
                // A single line longer than the limit is cut at a character boundary.
                var cut = line.startIndex
                var units = 0
                for index in line.indices {
                    let width = unit.count(String(line[index]))
                    if units + width > limit { break }
                    units += width
                    cut = line.index(after: index)
                }
                pieces.append(String(line[..<cut]))
                line = String(line[cut...])
            }
            current = line
        }
        push()
        return pieces
    }
}
