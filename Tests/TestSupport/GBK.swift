package import Foundation

package struct IconvFailed: Error, CustomStringConvertible {
    package var status: Int32
    package var description: String { "iconv exited with status \(status)" }
}

/// Converts UTF-8 text to GB18030 bytes with the system's iconv, as Excel on Chinese Windows would save it.
package func gbkBytes(_ text: String) async throws -> Data {
    let run = try await Child.run(
        URL(fileURLWithPath: "/usr/bin/iconv"), ["-f", "UTF-8", "-t", "GB18030"], stdin: Data(text.utf8),
        timeout: .seconds(60))
    guard run.status == 0 else { throw IconvFailed(status: run.status) }
    return run.stdout
}
