package import Foundation

package struct IconvFailed: Error, CustomStringConvertible {
    package var status: Int32
    package var description: String { "iconv exited with status \(status)" }
}

/// Converts UTF-8 text to GB18030 bytes with the system's iconv, as Excel on Chinese Windows would save it.
package func gbkBytes(_ text: String) throws -> Data {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/iconv")
    process.arguments = ["-f", "UTF-8", "-t", "GB18030"]
    let input = Pipe(), output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    try process.run()
    let deadline = killAfter(.seconds(60), process)
    defer { deadline.cancel() }
    input.fileHandleForWriting.write(Data(text.utf8))
    try input.fileHandleForWriting.close()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    waitForExitBlocking(process, timeout: .seconds(10))  // its output is closed: it is ending
    guard process.terminationStatus == 0 else { throw IconvFailed(status: process.terminationStatus) }
    return data
}
