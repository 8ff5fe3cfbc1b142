import CampaignIntents
import Foundation

/// Personal data about a minor: a home visit's student and its note.
///
/// It cannot be turned into text except through ``text(for:)``, which needs a ``PrivateReader`` — and a reader exists
/// only inside a reply to one person in a private chat (``Turn/replyPrivately(inGroup:_:)``) or for the server's
/// operator. Interpolating it by mistake is a compile error; printing it any other way shows a placeholder.
package struct StudentData: Codable, Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    private let value: String

    package init(_ value: String) { self.value = value }

    package init(from decoder: any Decoder) throws {
        value = try decoder.singleValueContainer().decode(String.self)
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }

    /// The words, for the one person allowed to read them.
    package func text(for reader: borrowing PrivateReader) -> String { value }

    /// What anything but a private reply would show.
    package var description: String { StudentData.placeholder }
    package var debugDescription: String { "StudentData(redacted)" }
    package var customMirror: Mirror { Mirror(self, children: [:]) }

    /// Shown where student data was removed or must not appear.
    package static let placeholder = "〔学生信息〕"
    /// What retention and erasure leave in place of a name or a note.
    package static let erasedName = "某同学"

    /// Whether this is `name` (erasure on a family's request compares; it never reads).
    package func isNamed(_ name: String) -> Bool {
        value.trimmingCharacters(in: .whitespaces) == name.trimmingCharacters(in: .whitespaces)
    }

    /// Whether `text` (a stored record line from before student data had its own type) contains this.
    package func occurs(in text: String) -> Bool { !value.isEmpty && text.contains(value) }

    /// `text` with every occurrence of this replaced by `replacement`.
    package func removed(from text: String, replacement: String = StudentData.erasedName) -> String {
        value.isEmpty ? text : text.replacingOccurrences(of: value, with: replacement)
    }

    /// A visit's details as one line (“张小雨，上门，备注：…”; `compact`, for a list: “张小雨 上门 …”), still student data.
    package static func visitLine(_ visit: Visit, english: Bool, compact: Bool = false) -> StudentData {
        var line = visit.student.value
        let mode = visit.mode.map { english ? $0.rawValue : $0.chineseName }
        if compact {
            for part in [mode, visit.note?.value].compactMap(\.self) { line += " " + part }
            return StudentData(line)
        }
        if let mode { line += (english ? ", " : "，") + mode }
        if let note = visit.note { line += (english ? ", note: " : "，备注：") + note.value }
        return StudentData(line)
    }

    /// `words` with the longest first, so a note that contains a name is removed whole.
    package static func longestFirst(_ words: [StudentData]) -> [StudentData] {
        words.sorted { $0.value.count > $1.value.count }
    }

    /// Already erased by retention or on request.
    package var isErased: Bool { value == StudentData.erasedName || value.isEmpty }
}

extension DefaultStringInterpolation {
    /// Student data never goes into a string by interpolation: it needs a `PrivateReader` (`text(for:)`).
    @available(*, unavailable, message: "student data is shown only in a private reply: use text(for: reader)")
    package mutating func appendInterpolation(_ value: StudentData) {}
}
