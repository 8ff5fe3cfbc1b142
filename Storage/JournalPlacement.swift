/// Which entry each line of a damaged journal holds, for recovery.
///
/// A line's checksum covers its changes but not its sequence number, and a flipped byte can also split a line in
/// two or turn one into garbage, so numbers are trusted only where the lines agree: an intact line is placed at
/// its own number when an intact neighbour continues it (or it has no intact neighbour), and numbers only rise.
/// A run of other lines between two placed ones holds the numbers in between when the count fits (a run at the
/// end continues the last one); an intact line whose number did not fit is then kept at the number its
/// neighbours give it. Anything else is placed by the number it starts with if that fits, or not at all.
struct JournalPlacement: Sendable {
    struct Placed: Sendable {
        /// Where the entry belongs; `entry.seq` is what its line says, which differs when the number was damaged.
        var seq: UInt64
        var entry: JournalFormat.Entry
    }

    struct Problem: Sendable {
        var line: JournalFormat.Damaged
        /// The entry the line held, when its neighbours tell.
        var seq: UInt64?
    }

    var entries: [Placed] = []
    var problems: [Problem] = []

    /// The journal's first line holds the first change ever (seq 1): an empty state is its base.
    var begins: Bool {
        entries.contains { $0.seq == 1 } || problems.contains { $0.seq == 1 }
    }

    init(_ lines: [JournalFormat.Line]) {
        func seq(_ index: Int) -> UInt64? {
            guard lines.indices.contains(index), case let .entry(entry) = lines[index] else { return nil }
            return entry.seq
        }
        var anchors: [Int: UInt64] = [:]
        var last: UInt64?
        for index in lines.indices {
            guard let own = seq(index) else { continue }
            let before = seq(index - 1), after = seq(index + 1)
            let agrees = before.map { $0 &+ 1 == own } == true || after.map { own &+ 1 == $0 } == true
            guard agrees || (before == nil && after == nil), last.map({ own > $0 }) ?? true else { continue }
            anchors[index] = own
            last = own
        }

        var index = lines.startIndex
        var previous: UInt64?
        while index < lines.endIndex {
            if let own = anchors[index], case let .entry(entry) = lines[index] {
                entries.append(Placed(seq: own, entry: entry))
                previous = own
                index += 1
                continue
            }
            var end = index
            while end < lines.endIndex && anchors[end] == nil { end += 1 }
            let next = end < lines.endIndex ? anchors[end] : nil
            let numbers = Self.numbers(for: lines[index..<end], after: previous, before: next)
            for (line, number) in zip(lines[index..<end], numbers) {
                switch line {
                case let .entry(entry):
                    if let number {
                        entries.append(Placed(seq: number, entry: entry))
                    } else {
                        let damaged = JournalFormat.Damaged(
                            line: entry.line, bytes: entry.bytes,
                            reason:
                                "sequence number \(entry.seq) does not fit between the lines around it (the number is not covered by the checksum)",
                            statedSeq: entry.seq)
                        problems.append(Problem(line: damaged, seq: nil))
                    }
                case let .damaged(damaged):
                    problems.append(Problem(line: damaged, seq: number))
                }
            }
            index = end
        }
    }

    /// The numbers of a run of unplaced lines between placed numbers `after` and `before`.
    private static func numbers(for run: ArraySlice<JournalFormat.Line>, after: UInt64?, before: UInt64?) -> [UInt64?] {
        let count = UInt64(run.count)
        switch (after, before) {
        case let (p?, q?) where q - p - 1 == count:
            return (0..<count).map { p + 1 + $0 }
        case let (p?, nil):
            return (0..<count).map { p + 1 + $0 }
        case let (nil, q?) where q > count:
            return (0..<count).map { q - count + $0 }
        case (nil, nil):
            return Array(repeating: nil, count: run.count)
        default:
            // The count does not fit: trust a line's own number only where it fits and is not claimed twice.
            let low = after ?? 0, high = before ?? UInt64.max
            let stated = run.map { line -> UInt64? in
                let number: UInt64? =
                    switch line {
                    case let .entry(entry): entry.seq
                    case let .damaged(damaged): damaged.statedSeq
                    }
                return number.flatMap { $0 > low && $0 < high ? $0 : nil }
            }
            return stated.map { number in number.flatMap { n in stated.filter { $0 == n }.count == 1 ? n : nil } }
        }
    }
}
