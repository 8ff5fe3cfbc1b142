import Foundation
#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Why a callback XML body was refused. Descriptions are safe to log.
package enum WeComXMLError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The body does not start with the `<xml>` root (a DTD, comment or other root is not accepted).
    case notCallbackXML
    /// The XML parser failed (code from NSXMLParserErrorDomain).
    case malformed(code: Int)
    /// The same field appears twice directly under `<xml>`.
    case duplicateField(String)

    package var description: String {
        switch self {
        case .notCallbackXML:
            "the callback body is not an <xml> document (no DTD, comment or other root element is accepted)"
        case .malformed(let code): "the callback body is not well-formed XML (parser error \(code))"
        case .duplicateField(let name): "the callback XML repeats the field <\(name)>"
        }
    }
}

/// The flat XML of WeCom callbacks: `<xml><Field><![CDATA[value]]></Field>…</xml>`.
package struct WeComXML {
    /// The direct children of the root `<xml>`, name → text (text and CDATA joined, entities decoded).
    /// Elements nested deeper are flattened by their own name, first occurrence, unless a direct child has that name.
    /// External entities are never resolved and a DTD is refused.
    package static func fields(_ xml: String) throws(WeComXMLError) -> [String: String] {
        guard startsWithXMLRoot(xml) else { throw .notCallbackXML }
        let parser = XMLParser(data: Data(xml.utf8))
        parser.shouldResolveExternalEntities = false
        parser.shouldProcessNamespaces = false
        let collector = FieldCollector()
        parser.delegate = collector
        let finished = parser.parse()
        // On Linux parse() can return true with an error set (e.g. unclosed root), so check both.
        if !finished || parser.parserError != nil {
            throw .malformed(code: (parser.parserError as NSError?)?.code ?? -1)
        }
        if let duplicate = collector.duplicate { throw .duplicateField(duplicate) }
        guard collector.sawRoot, collector.closedRoot else { throw .malformed(code: -1) }
        return collector.direct.merging(collector.nested) { direct, _ in direct }
    }

    /// The outer callback body the platform POSTs: ToUserName, AgentID and Encrypt in CDATA.
    package static func envelope(toUser: String, agentID: String, encrypted: String) -> String {
        "<xml><ToUserName>\(cdata(toUser))</ToUserName><AgentID>\(cdata(agentID))</AgentID><Encrypt>\(cdata(encrypted))</Encrypt></xml>"
    }

    /// A CDATA section holding `text` exactly (a `]]>` inside is split across two sections).
    package static func cdata(_ text: String) -> String {
        "<![CDATA[" + text.replacingOccurrences(of: "]]>", with: "]]]]><![CDATA[>") + "]]>"
    }

    /// Allows an optional BOM, XML declaration and whitespace, then requires `<xml` as the first element.
    private static func startsWithXMLRoot(_ xml: String) -> Bool {
        var rest = Substring(xml)
        if rest.first == "\u{FEFF}" { rest = rest.dropFirst() }
        if rest.hasPrefix("<?xml") {
            guard let end = rest.range(of: "?>") else { return false }
            rest = rest[end.upperBound...]
        }
        rest = rest.drop { $0.isWhitespace }
        guard rest.hasPrefix("<xml") else { return false }
        let next = rest.dropFirst(4).first
        return next == ">" || next == "/" || next?.isWhitespace == true
    }
}

/// SAX delegate for `WeComXML.fields`; used synchronously by one parse, never shared.
private final class FieldCollector: NSObject, XMLParserDelegate {
    var direct: [String: String] = [:]
    var nested: [String: String] = [:]
    var duplicate: String?
    var sawRoot = false
    var closedRoot = false
    /// Open elements below the root, outermost first, each with the text gathered so far.
    private var stack: [(name: String, text: String)] = []
    private var depth = 0

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
        qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]
    ) {
        depth += 1
        if depth == 1 {
            sawRoot = true
        } else {
            stack.append((elementName, ""))
        }
    }

    func parser(
        _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?
    ) {
        defer { depth -= 1 }
        if depth == 1 {
            closedRoot = true
            return
        }
        guard let (name, text) = stack.popLast() else { return }
        if depth == 2 {
            if direct[name] != nil {
                if duplicate == nil { duplicate = name }
            } else {
                direct[name] = text
            }
        } else if nested[name] == nil {
            nested[name] = text
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard !stack.isEmpty else { return }
        stack[stack.count - 1].text += string
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        guard !stack.isEmpty else { return }
        stack[stack.count - 1].text += String(decoding: CDATABlock, as: UTF8.self)
    }

    func parser(_ parser: XMLParser, resolveExternalEntityName name: String, systemID: String?) -> Data? {
        nil
    }
}
