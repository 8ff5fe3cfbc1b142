import Crypto
import Foundation

/// HTML text for the back office's pages: escaping, and the headers every page is sent with.
enum WebHTML {
    /// Text as HTML (element content and quoted attribute values).
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }

    /// A query string value.
    static func query(_ value: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }

    /// `'sha256-…'` of an inline `<style>` (or a `style` attribute's value), for the Content-Security-Policy.
    static func hashSource(_ css: String) -> String {
        "'sha256-" + Data(SHA256.hash(data: Data(css.utf8))).base64EncodedString() + "'"
    }

    /// The policy: nothing but the page's own hashed styles and inline pictures; no script at all, no frames, forms
    /// only to this site.
    static func contentSecurityPolicy(styles: [String], unsafeHashes: Bool = false) -> String {
        let sources = Set(styles.map(hashSource)).sorted().joined(separator: " ")
        return "default-src 'none'; style-src \(unsafeHashes ? "'unsafe-hashes' " : "")\(sources); img-src data:; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    }

    /// Parses `a=1&b=%E4%B8%AD` (a query or a form body); a key given twice keeps its first value.
    static func form(_ text: String) -> [String: String] {
        var out: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String? {
                String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding
            }
            guard let key = parts.first.flatMap(decode), out[key] == nil else { continue }
            out[key] = parts.count > 1 ? decode(parts[1]) ?? "" : ""
        }
        return out
    }
}
