import Foundation
import ZIPFoundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The first worksheet of an Excel file (.xlsx, as Excel, WPS or LibreOffice save it) as CSV text, one line per sheet
/// row (empty rows kept, so the roster's errors name the row Excel shows), for `RosterCSV` to read like any roster.
/// Cells: shared strings, inline strings, numbers (`1001.0` reads `1001`) and booleans; formulas by their saved value.
enum XLSXSheet {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Largest part of the file read, unpacked (a roster's sheet is a few hundred kilobytes): a ZIP bomb stops here.
    static let maxPart = 16 << 20

    /// Whether the bytes are a ZIP file (an .xlsx is one).
    static func isZIP(_ data: Data) -> Bool { data.starts(with: [0x50, 0x4B, 0x03, 0x04]) }

    static func csv(_ data: Data) throws(Failure) -> String {
        let archive: Archive
        do {
            archive = try Archive(data: data, accessMode: .read)
        } catch {
            throw Failure(description: "这不是有效的 Excel 文件（.xlsx）。")
        }
        let sheetPath = firstSheetPath(archive) ?? "xl/worksheets/sheet1.xml"
        guard let sheet = try read(sheetPath, in: archive) else {
            throw Failure(description: "Excel 文件中没有工作表。")
        }
        let strings = try read("xl/sharedStrings.xml", in: archive).map { SharedStrings.parse($0) } ?? []
        let rows = SheetRows.parse(sheet, strings: strings)
        var text = ""
        var line = 1
        for (number, cells) in rows.sorted(by: { $0.key < $1.key }) {
            while line < number {
                text += "\r\n"
                line += 1
            }
            let width = (cells.keys.max() ?? -1) + 1
            text += (0..<width).map { quote(cells[$0] ?? "") }.joined(separator: ",") + "\r\n"
            line += 1
        }
        return text
    }

    static func quote(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A part of the file, unpacked; nil when absent.
    static func read(_ path: String, in archive: Archive) throws(Failure) -> Data? {
        guard let entry = archive[path] else { return nil }
        var data = Data()
        do {
            _ = try archive.extract(entry) { chunk in
                data.append(chunk)
                if data.count > maxPart { throw Failure(description: "Excel 文件太大（工作表超过 16 MB）。") }
            }
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure(description: "Excel 文件已损坏，无法读取。")
        }
        return data
    }

    /// The first sheet in the workbook's order, by its relationship.
    static func firstSheetPath(_ archive: Archive) -> String? {
        guard let workbook = try? read("xl/workbook.xml", in: archive),
            let rels = try? read("xl/_rels/workbook.xml.rels", in: archive)
        else { return nil }
        let first = Attributes.first(element: "sheet", attribute: "r:id", in: workbook)
        guard let id = first else { return nil }
        let targets = Attributes.all(element: "Relationship", in: rels)
        guard let target = targets.first(where: { $0["Id"] == id })?["Target"] else { return nil }
        if target.hasPrefix("/") { return String(target.dropFirst()) }
        return "xl/" + target
    }
}

/// A SAX reader that collects the attributes of elements.
private final class Attributes: NSObject, XMLParserDelegate {
    let element: String
    var found: [[String: String]] = []

    init(element: String) { self.element = element }

    static func all(element: String, in data: Data) -> [[String: String]] {
        let reader = Attributes(element: element)
        let parser = XMLParser(data: data)
        parser.delegate = reader
        _ = parser.parse()
        return reader.found
    }

    static func first(element: String, attribute: String, in data: Data) -> String? {
        all(element: element, in: data).first?[attribute]
    }

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        if name == element { found.append(attributes) }
    }
}

/// `xl/sharedStrings.xml`: the text of each `<si>`, runs joined, phonetic guides left out.
private final class SharedStrings: NSObject, XMLParserDelegate {
    var strings: [String] = []
    var current = ""
    var inText = false
    var inPhonetic = false

    static func parse(_ data: Data) -> [String] {
        let reader = SharedStrings()
        let parser = XMLParser(data: data)
        parser.delegate = reader
        _ = parser.parse()
        return reader.strings
    }

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        switch name {
        case "si": current = ""
        case "t": inText = !inPhonetic
        case "rPh": inPhonetic = true
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText { current += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch name {
        case "si": strings.append(current)
        case "t": inText = false
        case "rPh": inPhonetic = false
        default: break
        }
    }
}

/// A worksheet's cells: row number → column index → text.
private final class SheetRows: NSObject, XMLParserDelegate {
    let strings: [String]
    var rows: [Int: [Int: String]] = [:]
    var row = 0
    var column = 0
    var type = ""
    var value = ""
    var collecting = false

    init(strings: [String]) { self.strings = strings }

    static func parse(_ data: Data, strings: [String]) -> [Int: [Int: String]] {
        let reader = SheetRows(strings: strings)
        let parser = XMLParser(data: data)
        parser.delegate = reader
        _ = parser.parse()
        return reader.rows
    }

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        switch name {
        case "row":
            row = attributes["r"].flatMap { Int($0) } ?? row + 1
            column = -1
        case "c":
            type = attributes["t"] ?? ""
            value = ""
            column = attributes["r"].flatMap(Self.column) ?? column + 1
        case "v", "t": collecting = true
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if collecting { value += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch name {
        case "v", "t": collecting = false
        case "c":
            var text = value
            switch type {
            case "s": text = Int(value).flatMap { $0 >= 0 && $0 < strings.count ? strings[$0] : nil } ?? ""
            case "b": text = value == "1" ? "TRUE" : "FALSE"
            case "", "n": if text.hasSuffix(".0"), Double(text) != nil { text.removeLast(2) }
            default: break
            }
            if !text.isEmpty, row > 0, row <= 100_000, column >= 0, column < 200 {
                rows[row, default: [:]][column] = text
            }
        default: break
        }
    }

    /// `C7` → 2 (columns from 0).
    static func column(_ reference: String) -> Int? {
        var number = 0
        for scalar in reference.unicodeScalars {
            guard (65...90).contains(scalar.value) else { break }
            number = number * 26 + Int(scalar.value) - 64
        }
        return number > 0 ? number - 1 : nil
    }
}
