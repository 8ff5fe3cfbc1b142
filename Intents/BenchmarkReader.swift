/// `对标 榜样：李老师（市级优秀教师） 差距：课堂提问设计不够 措施：每月听两节课`: labelled parts (full-width or
/// ASCII colon, or the label as a word of its own), the English keys `model:` `gaps:` `steps:` (a chat answer to
/// a question arrives as one), or plain words: the first is the model, the second the gaps, the rest the steps.
/// The three parts of a 对标.
enum BenchmarkPart { case model, gaps, steps }

extension ArgumentReader {
    /// Label words, longest first within each part.
    static let benchmarkLabels: [(String, BenchmarkPart)] = [
        ("对标对象", .model), ("学习对象", .model), ("学习榜样", .model), ("对象", .model), ("榜样", .model),
        ("标杆", .model), ("model", .model),
        ("存在差距", .gaps), ("存在不足", .gaps), ("差距", .gaps), ("不足", .gaps), ("gaps", .gaps), ("gap", .gaps),
        ("整改措施", .steps), ("改进措施", .steps), ("努力方向", .steps), ("措施", .steps), ("举措", .steps),
        ("steps", .steps),
    ]

    /// The label at the start of `norm` when a colon follows it or it is the whole word: the part and the length
    /// consumed (the colon included).
    static func benchmarkLabel(_ norm: [Unicode.Scalar]) -> (BenchmarkPart, Int)? {
        var best: (BenchmarkPart, Int)?
        for (word, part) in benchmarkLabels {
            let w = Array(word.unicodeScalars)
            guard norm.starts(with: w), w.count > (best?.1 ?? 0) else { continue }
            if norm.count == w.count {
                best = (part, w.count)
            } else if norm[w.count] == ":" {
                best = (part, w.count + 1)
            }
        }
        return best
    }

    func readBenchmark(_ tokens: [Token]) -> Intent {
        var parts: [BenchmarkPart: [Token]] = [:]
        var plain: [Token] = []
        var current: BenchmarkPart?
        for var token in tokens {
            // `gaps:差距：…` (an answer that repeats its label): the inner label wins.
            while let (part, length) = Self.benchmarkLabel(token.norm) {
                current = part
                token = token.suffix(fromNorm: length)
            }
            guard !token.norm.isEmpty else { continue }
            if let current {
                if parts[current] == nil { token.separatorBefore = "" }
                parts[current, default: []].append(token)
            } else {
                plain.append(token)
            }
        }
        func text(_ words: [Token]?) -> String? {
            guard let words, !words.isEmpty else { return nil }
            let joined = Token.joinFree(words)
            return joined.isEmpty ? nil : joined
        }
        var entry = BenchmarkEntry(model: text(parts[.model]), gaps: text(parts[.gaps]), steps: text(parts[.steps]))
        if !plain.isEmpty {
            // Unlabelled words fill the parts not given, in order.
            var rest = plain
            if entry.model == nil { entry.model = text([rest.removeFirst()]) }
            if !rest.isEmpty, entry.gaps == nil { entry.gaps = text([rest.removeFirst()]) }
            if !rest.isEmpty {
                if entry.steps == nil {
                    rest[0].separatorBefore = ""
                    entry.steps = text(rest)
                } else {
                    entry.steps = [entry.steps, text(rest)].compactMap { $0 }.joined(separator: " ")
                }
            }
        }
        return .benchmark(entry)
    }
}
