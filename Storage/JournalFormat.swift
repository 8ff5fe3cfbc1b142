import Foundation

/// The journal, `journal.jsonl`: one entry per line, each line a JSON object written by this code in exactly
/// this shape so that it can be checked byte for byte without a JSON parser:
///
///     {"seq":12,"crc":"8f3a9c21","changes":[{"add":{"n":5}}]}
///
/// `crc` is the CRC-32 of the exact bytes of the `changes` array as written. Sequence numbers are contiguous.
/// A commit returns only after its line (including the newline) is fsynced, so a final line without a newline
/// or with a bad checksum belongs to a commit that never returned.
enum JournalFormat {
    static let seqPrefix = Array(#"{"seq":"#.utf8)
    static let crcPrefix = Array(#","crc":""#.utf8)
    static let changesPrefix = Array(#"","changes":"#.utf8)

    static func line(seq: UInt64, payload: [UInt8]) -> [UInt8] {
        var line = [UInt8]()
        line.reserveCapacity(payload.count + 48)
        line += seqPrefix
        line += Array(String(seq).utf8)
        line += crcPrefix
        line += Array(CRC32.hex(CRC32.checksum(payload)).utf8)
        line += changesPrefix
        line += payload
        line.append(UInt8(ascii: "}"))
        line.append(UInt8(ascii: "\n"))
        return line
    }

    struct Entry: Sendable {
        var seq: UInt64
        /// The `changes` array, as indices into the scanned data.
        var payload: Range<Int>
        /// The whole line including its newline.
        var bytes: Range<Int>
        /// 1-based.
        var line: Int
    }

    /// A final line that was never confirmed; it is dropped on open.
    struct TornTail: Sendable, Equatable {
        var line: Int
        var offset: Int
        var length: Int
        var reason: String
    }

    struct Scan: Sendable {
        var entries: [Entry]
        var tornTail: TornTail?
        /// Bytes up to the end of the last good entry.
        var validLength: Int
    }

    /// Checks every line's shape, checksum and sequence. Damage anywhere but the final line throws `.damaged`.
    static func scan(_ data: Data, file: String) throws -> Scan {
        try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) throws -> Scan in
            var entries: [Entry] = []
            var tornTail: TornTail?
            let count = raw.count
            try forEachLine(raw) { lineNumber, position, end in
                guard let end else {
                    tornTail = TornTail(
                        line: lineNumber, offset: position, length: count - position,
                        reason: "the last line has no newline (an append that did not finish)")
                    return
                }
                switch parse(raw, from: position, to: end) {
                case let .success((seq, payload)):
                    if let previous = entries.last?.seq, seq != previous &+ 1 {
                        throw StoreError.damaged(
                            file: file, line: lineNumber, offset: position,
                            reason: "sequence gap: expected seq \(previous &+ 1), found \(seq)")
                    }
                    entries.append(Entry(seq: seq, payload: payload, bytes: position..<(end + 1), line: lineNumber))
                case let .failure(problem):
                    if end + 1 == count {
                        tornTail = TornTail(
                            line: lineNumber, offset: position, length: count - position, reason: problem.reason)
                    } else {
                        throw StoreError.damaged(file: file, line: lineNumber, offset: position, reason: problem.reason)
                    }
                }
            }
            return Scan(entries: entries, tornTail: tornTail, validLength: tornTail?.offset ?? count)
        }
    }

    /// One line as recovery reads it: an intact entry, or a line that is not one.
    enum Line: Sendable {
        case entry(Entry)
        case damaged(Damaged)
    }

    struct Damaged: Sendable {
        /// 1-based.
        var line: Int
        /// The whole line including its newline, if it has one.
        var bytes: Range<Int>
        var reason: String
        /// The sequence number the line starts with, when that much is readable (it is not checksummed).
        var statedSeq: UInt64?
    }

    /// Every line, without stopping at damage and without checking the sequence (for recovery).
    static func lines(_ data: Data) -> [Line] {
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> [Line] in
            var lines: [Line] = []
            forEachLine(raw) { lineNumber, position, end in
                let stop = end ?? raw.count
                let bytes = position..<(end.map { $0 + 1 } ?? raw.count)
                guard end != nil else {
                    lines.append(
                        .damaged(
                            Damaged(
                                line: lineNumber, bytes: bytes,
                                reason: "the last line has no newline (an append that did not finish)",
                                statedSeq: statedSeq(raw, from: position, to: stop))))
                    return
                }
                switch parse(raw, from: position, to: stop) {
                case let .success((seq, payload)):
                    lines.append(.entry(Entry(seq: seq, payload: payload, bytes: bytes, line: lineNumber)))
                case let .failure(problem):
                    lines.append(
                        .damaged(
                            Damaged(
                                line: lineNumber, bytes: bytes, reason: problem.reason,
                                statedSeq: statedSeq(raw, from: position, to: stop))))
                }
            }
            return lines
        }
    }

    /// Calls `body(line number, start, index of the newline or nil for an unterminated last line)` for each line.
    private static func forEachLine(_ raw: UnsafeRawBufferPointer, _ body: (Int, Int, Int?) throws -> Void) rethrows {
        guard let base = raw.baseAddress else { return }
        var position = 0
        var lineNumber = 1
        while position < raw.count {
            let newline = memchr(base + position, Int32(UInt8(ascii: "\n")), raw.count - position)
                .map { UnsafeRawPointer($0) - base }
            try body(lineNumber, position, newline)
            guard let newline else { return }
            position = newline + 1
            lineNumber += 1
        }
    }

    private static func statedSeq(_ raw: UnsafeRawBufferPointer, from start: Int, to end: Int) -> UInt64? {
        guard end - start > seqPrefix.count, seqPrefix.indices.allSatisfy({ raw[start + $0] == seqPrefix[$0] }) else {
            return nil
        }
        var p = start + seqPrefix.count
        return number(raw, at: &p, before: end)
    }

    /// The decimal number at `p`, moving `p` past its digits; nil when there is none or it overflows.
    private static func number(_ raw: UnsafeRawBufferPointer, at p: inout Int, before end: Int) -> UInt64? {
        let start = p
        var value: UInt64 = 0
        while p < end, raw[p] >= UInt8(ascii: "0"), raw[p] <= UInt8(ascii: "9") {
            let (times, o1) = value.multipliedReportingOverflow(by: 10)
            let (plus, o2) = times.addingReportingOverflow(UInt64(raw[p] - UInt8(ascii: "0")))
            p += 1
            if o1 || o2 { return nil }
            value = plus
        }
        return p > start ? value : nil
    }

    struct LineProblem: Error {
        var reason: String
    }

    /// Parses `raw[start..<end]` (without the newline).
    static func parse(_ raw: UnsafeRawBufferPointer, from start: Int, to end: Int) -> Result<
        (UInt64, Range<Int>), LineProblem
    > {
        var p = start
        func expect(_ literal: [UInt8]) -> Bool {
            guard end - p >= literal.count else { return false }
            for (i, byte) in literal.enumerated() where raw[p + i] != byte { return false }
            p += literal.count
            return true
        }
        guard expect(seqPrefix) else {
            return .failure(LineProblem(reason: "not a journal entry (expected {\"seq\":…)"))
        }
        let digitsStart = p
        guard let seq = number(raw, at: &p, before: end) else {
            return .failure(
                LineProblem(reason: p > digitsStart ? "sequence number out of range" : "missing sequence number"))
        }
        guard expect(crcPrefix) else {
            return .failure(LineProblem(reason: "not a journal entry (expected \"crc\" after \"seq\")"))
        }
        guard end - p >= 8, let stored = CRC32.parseHex(UnsafeRawBufferPointer(rebasing: raw[p..<(p + 8)])) else {
            return .failure(LineProblem(reason: "malformed checksum"))
        }
        p += 8
        guard expect(changesPrefix) else {
            return .failure(LineProblem(reason: "not a journal entry (expected \"changes\" after \"crc\")"))
        }
        guard end - p >= 3, raw[p] == UInt8(ascii: "["), raw[end - 1] == UInt8(ascii: "}") else {
            return .failure(LineProblem(reason: "the entry is cut short or not closed"))
        }
        let payload = p..<(end - 1)
        let computed = CRC32.update(0, UnsafeRawBufferPointer(rebasing: raw[payload]))
        guard computed == stored else {
            return .failure(
                LineProblem(
                    reason:
                        "checksum mismatch for seq \(seq) (stored \(CRC32.hex(stored)), computed \(CRC32.hex(computed)))"
                ))
        }
        return .success((seq, payload))
    }
}
