/// Shape recognisers for typed values. Each looks at the start of a normalised token and returns how much
/// it consumed, so glued input like `10月12日第3节高二3班` can be peeled value by value.

/// A recogniser's answer: the value and the number of scalars consumed, or a shape that matched with an
/// impossible value (which is an error, never a guess).
enum Recognized<Value> {
    case value(Value, length: Int)
    case invalid(length: Int, reason: String)
}

/// The recognisers, one file per kind of value: DateRecognizer (and DateResolver), PeriodRecognizer,
/// ClassRecognizer, WordRecognizer, LessonIDRecognizer. They read with a `Cursor` (TextCursor, Numerals).
enum Recognizers {}
